// Pictures made in the tests: a busy "painting" per seed, a plain canvas, and pasting one into another.
import type { Raster } from '../../src/engine/image';
import { apply, homography, rotatedRect, type Quad } from '../../src/engine/geometry';
import { seededRandom } from '../../src/engine/vectors';

/** A busy "painting": smooth colour fields plus blobs and grain, different per seed. */
export function painting(w: number, h: number, seed: number): Raster {
  const r = seededRandom(seed);
  const blobs = Array.from({ length: 12 }, () => ({ x: r() * w, y: r() * h, s: 10 + r() * w * 0.2, c: [r() * 255, r() * 255, r() * 255] }));
  const base = [r() * 200, r() * 200, r() * 200];
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      for (let k = 0; k < 3; k++) data[o + k] = base[k]! * (0.6 + (0.4 * x) / w) + 30 * Math.sin((x + y * (k + 1)) / 9) + 20 * r();
      for (const b of blobs) {
        if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.s ** 2) for (let k = 0; k < 3; k++) data[o + k] = b.c[k]! * 0.8 + 40 * r();
      }
    }
  }
  return { data, width: w, height: h, channels: 3 };
}

export function canvas(w: number, h: number, rgb: [number, number, number]): Raster {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, i * 3);
  return { data, width: w, height: h, channels: 3 };
}

export function paste(dst: Raster, src: Raster, left: number, top: number): void {
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const o = ((top + y) * dst.width + left + x) * 3, i = (y * src.width + x) * 3;
      dst.data[o] = src.data[i]!; dst.data[o + 1] = src.data[i + 1]!; dst.data[o + 2] = src.data[i + 2]!;
    }
  }
}

/** A smooth picture: a sky graded top to bottom, a soft sun and a rolling hill — few corners for keypoints. */
export function smooth(seed: number, W = 480, H = 360): Raster {
  const r = seededRandom(seed);
  const sky = [r() * 120, 80 + r() * 120, 150 + r() * 100], ground = [r() * 80, 40 + r() * 80, r() * 60];
  const sun = { x: (0.15 + 0.7 * r()) * W, y: (0.1 + 0.3 * r()) * H, s: (0.08 + 0.08 * r()) * W };
  const hill = { base: (0.55 + 0.2 * r()) * H, amp: (0.05 + 0.1 * r()) * H, f: 1 + 2 * r(), p: 6 * r() };
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const top = hill.base + hill.amp * Math.sin((hill.f * Math.PI * x) / W + hill.p);
      // Soft edges: a few pixels of blend, as a painted wallpaper has.
      const land = Math.min(1, Math.max(0, (y - top) / 6 + 0.5));
      const glow = Math.max(0, 1 - Math.hypot(x - sun.x, y - sun.y) / sun.s);
      for (let k = 0; k < 3; k++) {
        const s = sky[k]! * (0.7 + (0.5 * y) / H) + 255 * Math.min(1, 2 * glow) * 0.6;
        data[o + k] = Math.min(255, s * (1 - land) + ground[k]! * (1.2 - (0.4 * y) / H) * land);
      }
    }
  }
  return { data, width: W, height: H, channels: 3 };
}

/**
 * `pic` shown on a monitor photographed at an angle (turned ~20° away, seen a little from below) in a dim room as
 * dark as its bezel, with moiré bands over everything and a broad glare over the screen's upper edge and the bezel
 * there, which lifts the bezel above every dark level layout.ts bezelQuad tries (as an independently made set's
 * screen photos have them); `glare`: [x, y, spread, peak] in pixels and grey levels, `moire`: the bands' amplitude;
 * `screen`, `bezel`: where they are instead (pixels; they may run off the photo). 640 × 480; the screen's and the
 * bezel's corners in pixels.
 */
export function onGlaredScreen(
  pic: Raster,
  {
    glare: [gx, gy, gs, gi] = [330, 110, 220, 90],
    moire: ma = 4,
    screen = [{ x: 150, y: 110 }, { x: 520, y: 135 }, { x: 505, y: 365 }, { x: 160, y: 395 }],
    bezel = [{ x: 132, y: 90 }, { x: 540, y: 116 }, { x: 524, y: 384 }, { x: 142, y: 416 }],
  }: { glare?: [number, number, number, number]; moire?: number; screen?: Quad; bezel?: Quad } = {},
): { img: Raster; screen: Quad; bezel: Quad } {
  const W = 640, H = 480;
  const data = new Uint8Array(W * H * 3);
  const draw = (src: Raster | null, q: Quad) => {
    const back = homography(q, [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }])!;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = apply(back, { x: x + 0.5, y: y + 0.5 });
        if (p.x < 0 || p.y < 0 || p.x >= 1 || p.y >= 1) continue;
        const o = (y * W + x) * 3;
        if (!src) { data.set([24, 26, 30], o); continue; }
        const i = (Math.floor(p.y * src.height) * src.width + Math.floor(p.x * src.width)) * src.channels;
        data.set(src.data.subarray(i, i + 3), o);
      }
    }
  };
  // The room: a dim wall graded down the photo, as dark as the bezel at its top.
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set([30 + (20 * y) / H, 34 + (20 * y) / H, 28 + (16 * y) / H], (y * W + x) * 3);
  draw(null, bezel);
  draw(pic, screen);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const moire = ma * Math.sin((x * 0.8 + y * 0.6) / 6);
      const glare = gi * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * gs ** 2));
      for (let k = 0; k < 3; k++) {
        const o = (y * W + x) * 3 + k;
        data[o] = Math.max(0, Math.min(255, data[o]! + moire + glare));
      }
    }
  }
  return { img: { data, width: W, height: H, channels: 3 }, screen, bezel };
}

/** Luma noise of this spread on every pixel (a heavily re-encoded or noisy repost). */
export function noisy(pic: Raster, sigma: number, seed: number): Raster {
  const r = seededRandom(seed);
  const data = Uint8Array.from(pic.data);
  for (let i = 0; i < pic.width * pic.height; i++) {
    // Sum of uniforms: near-Gaussian, spread sigma.
    const n = (r() + r() + r() + r() - 2) * sigma * 1.73;
    for (let k = 0; k < 3; k++) data[i * 3 + k] = Math.min(255, Math.max(0, data[i * 3 + k]! + n));
  }
  return { ...pic, data };
}

/** Thin diagonal strokes of white at `alpha`, in rows of dashes every `period` pixels: a tiled watermark's text. */
export function watermarked(pic: Raster, alpha: number, period: number): Raster {
  const data = Uint8Array.from(pic.data), W = pic.width;
  for (let y = 0; y < pic.height; y++) {
    for (let x = 0; x < W; x++) {
      if ((x + 2 * y) % period >= period / 8 || (y % 24) < 12) continue;
      for (let k = 0; k < 3; k++) data[(y * W + x) * 3 + k] = data[(y * W + x) * 3 + k]! * (1 - alpha) + 255 * alpha;
    }
  }
  return { ...pic, data };
}

/** Strokes of a few capital letters in a 1 × 1.4 box (x right, y down): enough to spell a repost account's mark. */
const GLYPHS: Record<string, [number, number, number, number][]> = {
  T: [[0, 0, 1, 0], [0.5, 0, 0.5, 1.4]],
  O: [[0, 0, 1, 0], [1, 0, 1, 1.4], [1, 1.4, 0, 1.4], [0, 1.4, 0, 0]],
  X: [[0, 0, 1, 1.4], [1, 0, 0, 1.4]],
  E: [[0, 0, 0, 1.4], [0, 0, 1, 0], [0, 0.7, 0.8, 0.7], [0, 1.4, 1, 1.4]],
  L: [[0, 0, 0, 1.4], [0, 1.4, 1, 1.4]],
  A: [[0, 1.4, 0.5, 0], [0.5, 0, 1, 1.4], [0.25, 0.8, 0.75, 0.8]],
};

/**
 * `pic` under words tiled over all of it as a reposting account stamps them: `word` (letters of GLYPHS) in strokes
 * `stroke` px wide, letters `size` px wide, rows every `size` × 3.5 px offset by half a word like bricks, turned
 * `angle` degrees, in `ink` at `alpha`.
 */
export function tiledText(pic: Raster, { word = 'TOXEL', size = 14, stroke = 2, angle = -20, alpha = 0.35, ink = [255, 255, 255] }: { word?: string; size?: number; stroke?: number; angle?: number; alpha?: number; ink?: [number, number, number] } = {}): Raster {
  const data = Uint8Array.from(pic.data), W = pic.width, H = pic.height;
  const c = Math.cos((angle * Math.PI) / 180), s = Math.sin((angle * Math.PI) / 180);
  const pitch = size * 1.6, wordLength = word.length * pitch + size * 2, rowStep = size * 3.5;
  const near = (px: number, py: number, [x0, y0, x1, y1]: [number, number, number, number]) => {
    const dx = x1 - x0, dy = y1 - y0, t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - x0 - t * dx, py - y0 - t * dy) * size <= stroke / 2;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // The page turned back upright.
      const u = c * x + s * y + 4 * W, v = -s * x + c * y + 4 * H;
      const row = Math.floor(v / rowStep), inRow = (v - row * rowStep) / size;
      if (inRow > 1.4 + stroke / size) continue;
      const along = (u + (row % 2) * wordLength / 2) % wordLength, k = Math.floor(along / pitch);
      if (k >= word.length) continue;
      const glyph = GLYPHS[word[k]!];
      const gx = (along - k * pitch) / size;
      if (!glyph || !glyph.some((seg) => near(gx, inRow, seg))) continue;
      for (let ch = 0; ch < 3; ch++) data[(y * W + x) * 3 + ch] = data[(y * W + x) * 3 + ch]! * (1 - alpha) + ink[ch]! * alpha;
    }
  }
  return { ...pic, data };
}

/**
 * `pic` turned `deg` degrees about its centre on a canvas just large enough to hold it, the corners filled with
 * `fill`; the turned picture's corners in fractions of the canvas.
 */
export function turned(pic: Raster, deg: number, fill: [number, number, number]): { img: Raster; quad: Quad } {
  const { width: w, height: h } = pic;
  const rad = (deg * Math.PI) / 180;
  const W = Math.ceil(w * Math.cos(Math.abs(rad)) + h * Math.sin(Math.abs(rad)));
  const H = Math.ceil(w * Math.sin(Math.abs(rad)) + h * Math.cos(Math.abs(rad)));
  const quad = rotatedRect(W / 2, H / 2, w, h, rad);
  const img = canvas(W, H, fill);
  const back = homography(quad, [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }])!;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = apply(back, { x: x + 0.5, y: y + 0.5 });
      if (p.x < 0 || p.y < 0 || p.x >= w || p.y >= h) continue;
      const i = (Math.floor(p.y) * w + Math.floor(p.x)) * pic.channels;
      img.data.set(pic.data.subarray(i, i + 3), (y * W + x) * 3);
    }
  }
  return { img, quad: quad.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad };
}

/**
 * A dark wallpaper of a few dim, sharp-edged shards (as Debian's Emerald and Homeworld themes): a deep ground with
 * a faint glow, and triangles a few grey levels lighter — under three cells of 10 grey levels' spread in all.
 */
export function faintWallpaper(seed: number, W = 480, H = 270): Raster {
  const r = seededRandom(seed);
  const ground = [8 + r() * 20, 14 + r() * 30, 40 + r() * 40];
  const glow = { x: r() * W, y: r() * H, s: (0.3 + 0.3 * r()) * W };
  const shards = Array.from({ length: 7 }, () => {
    const cx = r() * W, cy = r() * H, s = (0.08 + 0.15 * r()) * W;
    return { pts: Array.from({ length: 3 }, () => [cx + (r() - 0.5) * 2 * s, cy + (r() - 0.5) * 2 * s] as const), lift: 6 + r() * 8 };
  });
  const inside = (x: number, y: number, p: readonly (readonly [number, number])[]) => {
    let sign = 0;
    for (let i = 0; i < 3; i++) {
      const [ax, ay] = p[i]!, [bx, by] = p[(i + 1) % 3]!;
      const c = Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
      if (c && sign && c !== sign) return false;
      sign ||= c;
    }
    return true;
  };
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let lift = 10 * Math.exp(-((x - glow.x) ** 2 + (y - glow.y) ** 2) / (2 * glow.s ** 2));
      for (const s of shards) if (inside(x, y, s.pts)) lift += s.lift;
      for (let k = 0; k < 3; k++) data[(y * W + x) * 3 + k] = Math.round(ground[k]! + lift * (0.6 + 0.2 * k));
    }
  }
  return { data, width: W, height: H, channels: 3 };
}

/** Pale yellow discs and bars on white, placed per seed; `ink` their colour (a grey of the same luma for a grey twin). */
export function yellowOnWhite(seed: number, ink: [number, number, number] = [255, 250, 60], W = 480, H = 360): Raster {
  const r = seededRandom(seed);
  const discs = Array.from({ length: 6 }, () => ({ x: r() * W, y: r() * H, s: 20 + r() * 60 }));
  const bars = Array.from({ length: 3 }, () => ({ x: r() * W * 0.8, y: r() * H * 0.8, w: 40 + r() * 120, h: 15 + r() * 40 }));
  const data = new Uint8Array(W * H * 3).fill(255);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const on = discs.some((d) => (x - d.x) ** 2 + (y - d.y) ** 2 < d.s ** 2) || bars.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      if (on) data.set(ink, (y * W + x) * 3);
    }
  }
  return { data, width: W, height: H, channels: 3 };
}

/**
 * `pic` on a photographed screen (onGlaredScreen) under a broad glare of 180 grey levels over its lower middle,
 * where red and green run into the top and only blue is left to tell yellow from white, with a camera's grain of 6
 * grey levels, the same in every channel.
 */
export const glaredGrainy = (pic: Raster, seed: number): Raster => noisy(onGlaredScreen(pic, { glare: [330, 250, 200, 180], moire: 3 }).img, 6, seed);
