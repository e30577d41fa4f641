import { describe, expect, it } from 'vitest';
import type { Raster } from '../../src/engine/image';
import { prepareImage } from '../../src/engine/prepare';
import { inpaint, stickerMask } from '../../src/engine/stickers';

const S = 224;

/** A smooth wallpaper: a diagonal gradient with a slow wave, no flat patch of one colour anywhere. */
function wallpaper(width = S, height = S): Raster {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3, t = (x / width + y / height) / 2;
      data[i] = 20 + 120 * t;
      data[i + 1] = 60 + 40 * Math.sin((6 * x) / width) + 30 * t;
      data[i + 2] = 140 - 80 * t;
    }
  }
  return { data, width, height, channels: 3 };
}

type Rgb = readonly [number, number, number];
const set = (r: Raster, x: number, y: number, c: Rgb) => r.data.set(c, (y * r.width + x) * 3);

/** A die-cut sticker: a disc of one colour with a rim of another (white by default). */
function disc(r: Raster, cx: number, cy: number, radius: number, fill: Rgb, rim: Rgb = [255, 255, 255], rimWidth = 3) {
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= radius - rimWidth) set(r, x, y, fill);
      else if (d <= radius) set(r, x, y, rim);
    }
  }
}

const insideDisc = (x: number, y: number, discs: [number, number, number][]) => discs.some(([cx, cy, r]) => Math.hypot(x - cx, y - cy) <= r);

/** Share of the discs' pixels the mask covers, and share of the other pixels it covers. */
function overlap(mask: Uint8Array, discs: [number, number, number][], width = S, height = S) {
  let hit = 0, on = 0, stray = 0, off = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (insideDisc(x, y, discs)) { on++; hit += mask[y * width + x]!; } else { off++; stray += mask[y * width + x]!; }
    }
  }
  return { covered: hit / on, stray: stray / off };
}

describe('stickerMask', () => {
  const discs: [number, number, number][] = [[50, 60, 24], [160, 70, 20], [110, 170, 28]];

  it('finds outlined flat stickers on a smooth wallpaper, rims included, and little else', () => {
    const r = wallpaper();
    disc(r, 50, 60, 24, [255, 111, 146]);
    disc(r, 160, 70, 20, [255, 212, 58]);
    disc(r, 110, 170, 28, [110, 194, 254]);
    const mask = stickerMask(r)!;
    expect(mask).not.toBeNull();
    const { covered, stray } = overlap(mask, discs);
    expect(covered).toBeGreaterThan(0.98);
    expect(stray).toBeLessThan(0.06);
  });

  it('takes in what a sticker holds (a bubble\'s words, an emoji\'s eyes)', () => {
    const r = wallpaper();
    disc(r, 110, 110, 40, [255, 255, 255], [34, 34, 34]);
    // "Words": a block of fine dark strokes (no flat patch of its own) filling the bubble's middle.
    for (let y = 96; y < 124; y++) for (let x = 88; x < 132; x++) if ((x + y) % 3 === 0) set(r, x, y, [34, 34, 34]);
    const mask = stickerMask(r)!;
    expect(mask[110 * S + 110]).toBe(1);
    expect(overlap(mask, [[110, 110, 40]]).covered).toBeGreaterThan(0.98);
  });

  it('answers in the picture\'s own size when it looks at a different one', () => {
    const r = wallpaper(448, 300);
    disc(r, 100, 80, 40, [123, 211, 137]);
    disc(r, 330, 200, 50, [178, 141, 254]);
    const mask = stickerMask(r)!;
    expect(mask.length).toBe(448 * 300);
    expect(overlap(mask, [[100, 80, 40], [330, 200, 50]], 448, 300).covered).toBeGreaterThan(0.95);
  });

  it('sees none on a plain wallpaper, nor where one small sticker hides too little to matter', () => {
    expect(stickerMask(wallpaper())).toBeNull();
    const r = wallpaper();
    disc(r, 100, 100, 12, [255, 111, 146]);
    expect(stickerMask(r)).toBeNull();
  });

  it('leaves a flat design alone: clipart on a plain page has sticker-like shapes of its own', () => {
    const r: Raster = { data: new Uint8Array(S * S * 3).fill(255), width: S, height: S, channels: 3 };
    disc(r, 80, 90, 30, [255, 111, 146], [20, 20, 20]);
    disc(r, 150, 120, 26, [110, 194, 254], [20, 20, 20]);
    expect(stickerMask(r)).toBeNull();
  });

  it('a soft shape that fades into the wallpaper is no sticker', () => {
    const r = wallpaper();
    // A flat-centred glow: one colour in the middle, blending out over 15 px.
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        const d = Math.hypot(x - 110, y - 110), k = Math.min(1, Math.max(0, (40 - d) / 15));
        if (k <= 0) continue;
        const i = (y * S + x) * 3;
        for (let c = 0; c < 3; c++) r.data[i + c] = Math.round(k * 230 + (1 - k) * r.data[i + c]!);
      }
    }
    expect(stickerMask(r)).toBeNull();
  });
});

describe('inpaint', () => {
  it('paints a hole over in the colours around it and leaves every other pixel as it was', () => {
    const clean = wallpaper();
    const r: Raster = { ...clean, data: clean.data.slice() };
    disc(r, 110, 110, 30, [255, 0, 0]);
    const mask = new Uint8Array(S * S);
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) mask[y * S + x] = Math.hypot(x - 110, y - 110) <= 31 ? 1 : 0;
    const out = inpaint(r, mask);
    let worst = 0, changed = 0;
    for (let i = 0; i < S * S; i++) {
      for (let c = 0; c < 3; c++) {
        if (!mask[i]) changed += out.data[i * 3 + c] === r.data[i * 3 + c] ? 0 : 1;
        else worst = Math.max(worst, Math.abs(out.data[i * 3 + c]! - clean.data[i * 3 + c]!));
      }
    }
    expect(changed).toBe(0);
    // The red sticker is gone: the fill stays near the smooth wallpaper under it.
    expect(worst).toBeLessThan(30);
  });
});

describe('prepareImage with stickers', () => {
  it('a post under stickers is also embedded with them painted over; a gallery work is not', () => {
    const r = wallpaper(360, 360);
    disc(r, 80, 90, 40, [255, 111, 146]);
    disc(r, 250, 120, 36, [255, 212, 58]);
    disc(r, 170, 270, 44, [110, 194, 254]);
    const query = prepareImage(r, 'query');
    const k = query.regions.findIndex((g) => g.kind === 'stickers');
    expect(k).toBeGreaterThan(0);
    expect(query.crops.length).toBe(query.regions.length);
    // The painted-over crop no longer shows the pink sticker's colour where it was.
    const crop = query.crops[k]!, at = (Math.round((90 / 360) * 224) * 224 + Math.round((80 / 360) * 224)) * 3;
    expect(crop.data[at + 1]).toBeGreaterThan(0);
    expect(Math.abs(crop.data[at]! - 255) + Math.abs(crop.data[at + 1]! - 111)).toBeGreaterThan(60);
    expect(prepareImage(r, 'gallery').regions.some((g) => g.kind === 'stickers')).toBe(false);
    expect(prepareImage(wallpaper(360, 360), 'query').regions.some((g) => g.kind === 'stickers')).toBe(false);
  });
});
