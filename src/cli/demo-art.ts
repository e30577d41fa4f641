/**
 * Procedural "artworks" for the product demo and benchmark, so no external
 * images are needed. Each piece is an SVG (rendered to PNG by sharp) with its
 * own palette, background gradient, a composition style chosen from several
 * distinct families (landscape, bauhaus grid, blobs, waves, cosmos, botanical,
 * mandala, memphis) and a film-grain texture. Styles rotate across the set so
 * neighbouring pieces differ in layout, not just colour — a perceptual hash or
 * a CNN embedding should see them as different pictures. Deterministic per seed.
 */
import sharp from 'sharp';
import { seededRandom } from '../engine/vectors';

type Rng = () => number;


interface Ctx {
  rng: Rng;
  w: number;
  h: number;
  pal: Palette;
  /** Uniform in [lo, hi). */
  r: (lo: number, hi: number) => number;
  /** Random palette colour. */
  c: () => string;
}

interface Palette { bg: [string, string]; ink: string[]; dark: boolean }

const hsl = (h: number, s: number, l: number): string =>
  `hsl(${Math.round(((h % 360) + 360) % 360)},${Math.round(s)}%,${Math.round(l)}%)`;

/** Harmonious palettes from a base hue: analogous, complementary, triadic or split-complementary. */
function makePalette(rng: Rng, dark: boolean): Palette {
  const h0 = rng() * 360;
  const offsets = [[0, 30, -30], [0, 180, 20], [0, 120, 240], [0, 150, 210]][Math.floor(rng() * 4)] ?? [0];
  const ink = Array.from({ length: 6 }, (_, i) =>
    hsl(h0 + (offsets[i % offsets.length] ?? 0) + (rng() - 0.5) * 20, 45 + rng() * 45, dark ? 45 + rng() * 35 : 30 + rng() * 45));
  const bg: [string, string] = dark
    ? [hsl(h0 + 200, 40 + rng() * 30, 6 + rng() * 10), hsl(h0 + 240, 50, 18 + rng() * 12)]
    : [hsl(h0 + 10, 40 + rng() * 40, 80 + rng() * 12), hsl(h0 + 60, 50 + rng() * 30, 60 + rng() * 20)];
  return { bg, ink, dark };
}

/** Closed Catmull-Rom spline through points, as cubic Béziers: organic blob outlines. */
function smoothClosed(pts: [number, number][]): string {
  const n = pts.length;
  const p = (i: number): [number, number] => pts[((i % n) + n) % n] ?? [0, 0];
  let d = `M${p(0)[0].toFixed(1)} ${p(0)[1].toFixed(1)}`;
  for (let i = 0; i < n; i++) {
    const [a, b, c, e] = [p(i - 1), p(i), p(i + 1), p(i + 2)];
    const c1 = [b[0] + (c[0] - a[0]) / 6, b[1] + (c[1] - a[1]) / 6];
    const c2 = [c[0] - (e[0] - b[0]) / 6, c[1] - (e[1] - b[1]) / 6];
    d += `C${c1.map((v) => v.toFixed(1)).join(' ')} ${c2.map((v) => v.toFixed(1)).join(' ')} ${c[0].toFixed(1)} ${c[1].toFixed(1)}`;
  }
  return `${d}Z`;
}

function blob(x: Ctx, cx: number, cy: number, rad: number, k: number): string {
  const pts: [number, number][] = Array.from({ length: k }, (_, i) => {
    const a = (i / k) * Math.PI * 2;
    const rr = rad * x.r(0.65, 1.25);
    return [cx + Math.cos(a) * rr, cy + Math.sin(a) * rr];
  });
  return smoothClosed(pts);
}

function star(cx: number, cy: number, outer: number, inner: number, points: number, rot = 0): string {
  const pts = Array.from({ length: points * 2 }, (_, i) => {
    const a = rot + (i * Math.PI) / points - Math.PI / 2;
    const rr = i % 2 ? inner : outer;
    return `${(cx + Math.cos(a) * rr).toFixed(1)},${(cy + Math.sin(a) * rr).toFixed(1)}`;
  });
  return `<polygon points="${pts.join(' ')}"`;
}

/** Sprinkle of small stars/dots; density relative to canvas area. */
function sparkles(x: Ctx, n: number, color: string): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const [cx, cy, rr] = [x.r(0, x.w), x.r(0, x.h), x.r(0.6, 2.4)];
    s += x.rng() < 0.1
      ? `${star(cx, cy, rr * 4, rr, 4)} fill="${color}" opacity="0.9"/>`
      : `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${rr.toFixed(1)}" fill="${color}" opacity="${x.r(0.4, 1).toFixed(2)}"/>`;
  }
  return s;
}

type Style = (x: Ctx) => string;

const STYLES: Record<string, { dark: boolean; draw: Style }> = {
  landscape: { dark: false, draw: (x) => {
    let s = `<circle cx="${x.r(0.2, 0.8) * x.w}" cy="${x.r(0.15, 0.35) * x.h}" r="${x.r(0.08, 0.16) * x.w}" fill="${x.pal.ink[0]}" filter="url(#soft)"/>`;
    const layers = 3 + Math.floor(x.r(0, 3));
    for (let l = 0; l < layers; l++) {
      const base = x.h * (0.45 + (l * 0.45) / layers);
      let d = `M0 ${x.h}L0 ${base.toFixed(1)}`;
      for (let px = 0; px <= x.w; px += x.w / 12) d += `L${px.toFixed(1)} ${(base - x.r(0, x.h * 0.18)).toFixed(1)}`;
      s += `<path d="${d}L${x.w} ${x.h}Z" fill="${x.pal.ink[(l + 1) % 6]}" opacity="${(0.6 + l * 0.1).toFixed(2)}"/>`;
    }
    return s;
  } },
  bauhaus: { dark: false, draw: (x) => {
    const cols = 3 + Math.floor(x.r(0, 2));
    const rows = Math.round((cols * x.h) / x.w);
    const [cw, ch] = [x.w / cols, x.h / rows];
    let s = '';
    for (let i = 0; i < cols; i++) {
      for (let j = 0; j < rows; j++) {
        const [x0, y0] = [i * cw, j * ch];
        s += `<rect x="${x0}" y="${y0}" width="${cw}" height="${ch}" fill="${x.c()}"/>`;
        const k = Math.floor(x.r(0, 4));
        const m = Math.min(cw, ch);
        if (k === 0) s += `<circle cx="${x0 + cw / 2}" cy="${y0 + ch / 2}" r="${m * 0.38}" fill="${x.c()}"/>`;
        if (k === 1) s += `<path d="M${x0} ${y0 + ch}A${m} ${m} 0 0 1 ${x0 + m} ${y0 + ch}Z" fill="${x.c()}"/>`;
        if (k === 2) s += `<polygon points="${x0},${y0 + ch} ${x0 + cw / 2},${y0} ${x0 + cw},${y0 + ch}" fill="${x.c()}"/>`;
        if (k === 3) for (let t = 0; t < 4; t++) s += `<rect x="${x0}" y="${y0 + (t * ch) / 4}" width="${cw}" height="${ch / 8}" fill="${x.c()}"/>`;
      }
    }
    return s;
  } },
  blobs: { dark: false, draw: (x) => {
    let s = '';
    for (let i = 0; i < 7; i++) {
      const rad = x.r(0.12, 0.35) * Math.min(x.w, x.h);
      s += `<path d="${blob(x, x.r(0, x.w), x.r(0, x.h), rad, 7)}" fill="${x.c()}" opacity="${x.r(0.55, 0.95).toFixed(2)}"${i < 3 ? ' filter="url(#soft)"' : ''}/>`;
    }
    return s + sparkles(x, 40, '#ffffff');
  } },
  waves: { dark: false, draw: (x) => {
    let s = `<circle cx="${x.r(0.25, 0.75) * x.w}" cy="${x.r(0.2, 0.45) * x.h}" r="${x.r(0.15, 0.3) * x.w}" fill="${x.pal.ink[0]}"/>`;
    const bands = 6 + Math.floor(x.r(0, 5));
    const [amp, freq, ph] = [x.r(0.02, 0.06) * x.h, x.r(1, 3.5), x.r(0, 6)];
    for (let b = 0; b < bands; b++) {
      const y = x.h * (0.4 + (0.6 * b) / bands);
      let d = `M0 ${x.h}`;
      for (let px = 0; px <= x.w; px += 10) d += `L${px} ${(y + amp * Math.sin((px / x.w) * freq * Math.PI * 2 + ph + b)).toFixed(1)}`;
      s += `<path d="${d}L${x.w} ${x.h}Z" fill="${x.pal.ink[(b % 5) + 1]}"/>`;
    }
    return s;
  } },
  cosmos: { dark: true, draw: (x) => {
    let s = '';
    for (let i = 0; i < 5; i++) s += `<circle cx="${x.r(0, x.w)}" cy="${x.r(0, x.h)}" r="${x.r(0.15, 0.35) * x.w}" fill="${x.c()}" opacity="0.35" filter="url(#soft)"/>`;
    s += sparkles(x, 220, '#fffbe8');
    const [px, py, pr] = [x.r(0.3, 0.7) * x.w, x.r(0.35, 0.65) * x.h, x.r(0.12, 0.2) * x.w];
    s += `<circle cx="${px}" cy="${py}" r="${pr}" fill="url(#planet)"/>`;
    s += `<ellipse cx="${px}" cy="${py}" rx="${pr * 1.8}" ry="${pr * 0.35}" fill="none" stroke="${x.c()}" stroke-width="${pr * 0.12}" transform="rotate(${x.r(-25, 25)} ${px} ${py})" opacity="0.85"/>`;
    return s;
  } },
  botanical: { dark: false, draw: (x) => {
    let s = '';
    for (let i = 0; i < 6 + x.r(0, 5); i++) {
      const [bx, tx, ty] = [x.r(0, x.w), x.r(0.1, 0.9) * x.w, x.r(0.15, 0.6) * x.h];
      s += `<path d="M${bx} ${x.h} Q${x.r(0, x.w)} ${x.h * 0.7} ${tx} ${ty}" fill="none" stroke="${x.pal.ink[5]}" stroke-width="${x.r(3, 7)}"/>`;
      const [n, pl, col] = [5 + Math.floor(x.r(0, 4)), x.r(0.05, 0.1) * x.w, x.c()];
      for (let p = 0; p < n; p++) s += `<ellipse cx="${tx}" cy="${ty - pl / 2}" rx="${pl * 0.35}" ry="${pl / 2}" fill="${col}" transform="rotate(${(p * 360) / n} ${tx} ${ty})" opacity="0.9"/>`;
      s += `<circle cx="${tx}" cy="${ty}" r="${pl * 0.25}" fill="${x.pal.ink[0]}"/>`;
    }
    return s;
  } },
  mandala: { dark: true, draw: (x) => {
    const [cx, cy] = [x.r(0.2, 0.8) * x.w, x.r(0.2, 0.8) * x.h];
    const [rings, size] = [4 + Math.floor(x.r(0, 6)), x.r(0.3, 0.6) * Math.max(x.w, x.h)];
    let s = '';
    for (let ring = rings; ring > 0; ring--) {
      const rad = (ring / rings) * size;
      s += ring % 2
        ? `${star(cx, cy, rad, rad * x.r(0.6, 0.85), 6 + ring * 2, x.r(0, 1))} fill="${x.c()}"/>`
        : `<circle cx="${cx}" cy="${cy}" r="${rad}" fill="${x.c()}"/>`;
    }
    return s + sparkles(x, 60, x.pal.ink[0] ?? '#fff');
  } },
  memphis: { dark: false, draw: (x) => {
    let s = '';
    for (let i = 0; i < 30; i++) {
      const [px, py, sz, col] = [x.r(0, x.w), x.r(0, x.h), x.r(30, 120), x.c()];
      const k = Math.floor(x.r(0, 4));
      if (k === 0) s += `<circle cx="${px}" cy="${py}" r="${sz / 2}" fill="none" stroke="${col}" stroke-width="8"/>`;
      if (k === 1) s += `<polygon points="${px},${py} ${px + sz},${py + sz * 0.3} ${px + sz * 0.2},${py + sz}" fill="${col}"/>`;
      if (k === 2) s += `<path d="M${px} ${py}l${sz / 4} ${-sz / 4}l${sz / 4} ${sz / 4}l${sz / 4} ${-sz / 4}l${sz / 4} ${sz / 4}" fill="none" stroke="${col}" stroke-width="7" stroke-linecap="round"/>`;
      if (k === 3) s += `<rect x="${px}" y="${py}" width="${sz}" height="${sz * 0.4}" fill="${col}" transform="rotate(${x.r(0, 180)} ${px} ${py})"/>`;
    }
    return s + sparkles(x, 80, '#222');
  } },
};
const STYLE_NAMES = Object.keys(STYLES);
const SIZES: readonly [number, number][] = [[640, 800], [800, 640], [720, 720], [600, 900], [900, 600], [640, 960]];

function artworkSvg(rng: Rng, styleName: string, w: number, h: number, grainSeed: number): string {
  const style = STYLES[styleName] ?? STYLES.blobs!;
  const pal = makePalette(rng, style.dark);
  const x: Ctx = { rng, w, h, pal, r: (lo, hi) => lo + (hi - lo) * rng(), c: () => pal.ink[Math.floor(rng() * pal.ink.length)] ?? '#888' };
  const angle = Math.floor(rng() * 360);
  const radial = rng() < 0.35;
  const grad = radial
    ? `<radialGradient id="bg" cx="${x.r(0.3, 0.7)}" cy="${x.r(0.3, 0.7)}" r="0.9"><stop offset="0" stop-color="${pal.bg[1]}"/><stop offset="1" stop-color="${pal.bg[0]}"/></radialGradient>`
    : `<linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="${pal.bg[0]}"/><stop offset="1" stop-color="${pal.bg[1]}"/></linearGradient>`;
  const defs = `<defs>${grad}` +
    `<radialGradient id="planet" cx="0.35" cy="0.35"><stop offset="0" stop-color="${pal.ink[1]}"/><stop offset="1" stop-color="${pal.ink[2]}"/></radialGradient>` +
    `<filter id="soft" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${Math.round(w / 60)}"/></filter>` +
    // Grain: greyscale fractal noise laid over the top at low opacity, like paper/print texture.
    `<filter id="grain"><feTurbulence type="fractalNoise" baseFrequency="0.75" numOctaves="2" seed="${grainSeed}"/><feColorMatrix type="saturate" values="0"/></filter></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${defs}` +
    // Random mirror: same-style pieces then differ in their coarse left/right layout too.
    `<rect width="${w}" height="${h}" fill="url(#bg)"/><g${rng() < 0.5 ? ` transform="matrix(-1 0 0 1 ${w} 0)"` : ''}>${style.draw(x)}</g>` +
    `<rect width="${w}" height="${h}" filter="url(#grain)" opacity="${x.r(0.05, 0.1).toFixed(3)}"/></svg>`;
}

/**
 * `count` distinct PNG artworks. Styles cycle (from a seeded starting point) so
 * any 8 consecutive pieces use 8 different compositions; sizes vary too.
 */
export async function makeDemoArtworks(count: number, seed: number): Promise<{ name: string; data: Buffer }[]> {
  const master = seededRandom(seed);
  const offset = Math.floor(master() * STYLE_NAMES.length);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const pieceSeed = Math.floor(master() * 2 ** 32);
    const rng = seededRandom(pieceSeed);
    const styleName = STYLE_NAMES[(offset + i) % STYLE_NAMES.length] ?? 'blobs';
    const [w, h] = SIZES[Math.floor(rng() * SIZES.length)] ?? [640, 800];
    const svg = artworkSvg(rng, styleName, w, h, pieceSeed % 10000);
    const data = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
    out.push({ name: `demo-${String(i).padStart(3, '0')}-${styleName}.png`, data });
  }
  return out;
}
