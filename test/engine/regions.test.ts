import { describe, expect, it } from 'vitest';
import { contentBox, objectBoxes, type Box, type Raster } from '../../src/engine/image';
import { analysisScale } from '../../src/engine/prepare';
import { galleryRegions, queryRegions } from '../../src/engine/regions';
import { seededRandom } from '../../src/engine/vectors';

/** An RGB page of one colour, with helpers to paint noise (a "picture") or a flat rectangle onto it. */
function page(width: number, height: number, grey = 255) {
  const data = new Uint8Array(width * height * 3).fill(grey);
  const random = seededRandom(width * 31 + height);
  const raster: Raster = { data, width, height, channels: 3 };
  const set = (x: number, y: number, v: number) => data.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return {
    raster,
    noise(x0: number, y0: number, w: number, h: number) {
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, Math.floor(random() * 200));
      return this;
    },
    fill(x0: number, y0: number, w: number, h: number, v: number) {
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, v);
      return this;
    },
  };
}

const px = (b: Box, r: Raster) => ({ x: Math.round(b.x * r.width), y: Math.round(b.y * r.height), w: Math.round(b.w * r.width), h: Math.round(b.h * r.height) });
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.x + inner.w <= outer.x + outer.w + 1e-9 && inner.y + inner.h <= outer.y + outer.h + 1e-9;

describe('contentBox', () => {
  it('peels plain margins down to the picture', () => {
    const { raster } = page(200, 150).noise(30, 20, 120, 100);
    expect(px(contentBox(raster), raster)).toEqual({ x: 30, y: 20, w: 120, h: 100 });
  });

  it('keeps a smooth gradient whole: flat rows of changing colour are not a border', () => {
    const p = page(200, 150);
    for (let y = 0; y < 150; y++) p.fill(0, y, 200, 1, 40 + y);
    p.noise(80, 140, 40, 10);
    // Only the few rows within the tolerance of the first line go (the gradient climbs 1 level per row).
    const box = px(contentBox(p.raster), p.raster);
    expect(box.y).toBeLessThanOrEqual(5);
    expect(box.h).toBeGreaterThanOrEqual(145);
  });
});

describe('objectBoxes', () => {
  it('finds a drawing on a white page apart from the header above and text lines below', () => {
    // A light-mode phone screenshot at analysis size: status bar, header, drawing, three lines of text.
    const p = page(360, 780).noise(20, 12, 60, 12).noise(20, 45, 300, 25).noise(60, 100, 240, 200);
    for (let i = 0; i < 3; i++) p.noise(14, 330 + i * 24, 280, 12);
    const [first, ...rest] = objectBoxes(p.raster);
    expect(px(first!, p.raster)).toEqual({ x: 60, y: 100, w: 240, h: 200 });
    // Text lines are each too short to count, and are not merged with each other.
    expect(rest).toEqual([]);
  });
});

describe('regions', () => {
  it('a work with plain margins keeps its trimmed box; a full-bleed work does not', () => {
    const framed = page(300, 300).noise(50, 50, 200, 200).raster;
    const bleed = page(300, 300).noise(0, 0, 300, 300).raster;
    const trimmed = galleryRegions(framed).at(-1)!.box;
    expect(px(trimmed, framed)).toEqual({ x: 50, y: 50, w: 200, h: 200 });
    expect(galleryRegions(bleed).length).toBe(galleryRegions(framed).length - 1);
  });

  it('a wide work also keeps its centre square: what a collage tile or a square feed crop shows', () => {
    const wide = page(600, 300).noise(0, 0, 600, 300).raster;
    expect(galleryRegions(wide).at(-1)!.box).toEqual({ x: 0.25, y: 0, w: 0.5, h: 1 });
  });

  it('a collage yields each of its tiles as a region of its own', () => {
    const grid = page(630, 630);
    for (const [x, y] of [[10, 10], [320, 10], [10, 320], [320, 320]]) grid.noise(x!, y!, 300, 300);
    const tiles = queryRegions(grid.raster).filter((r) => r.kind === 'tile');
    expect(tiles).toHaveLength(4);
    for (const t of tiles) expect(px(t.box, grid.raster).w).toBeGreaterThan(280);
  });

  it('a screenshot yields its full-width picture band, pulled in off the page', () => {
    const shot = page(360, 780).noise(20, 12, 60, 12).noise(0, 90, 360, 203);
    const picture: Box = { x: 0, y: 90 / 780, w: 1, h: 203 / 780 };
    const bands = queryRegions(shot.raster).map((r) => r.box).filter((b) => b.w < 1 && b.h < picture.h && inside(b, picture));
    expect(bands.length).toBeGreaterThan(0);
    expect(bands[0]!.h).toBeGreaterThan(picture.h * 0.95);
  });
});

describe('analysisScale', () => {
  it('keeps a long screenshot readable and shrinks photos to the analysis side', () => {
    expect(Math.round(1080 * analysisScale(1080, 2340))).toBe(360);
    expect(Math.round(4000 * analysisScale(4000, 3000))).toBe(512);
    expect(analysisScale(300, 200)).toBe(1);
    // A feed image is only embedded whole and by its content box: a smaller raster serves (short side 360).
    expect(Math.round(4000 * analysisScale(4000, 3000, 'query'))).toBe(480);
    expect(Math.round(3000 * analysisScale(3000, 3000, 'query'))).toBe(360);
    expect(Math.round(1080 * analysisScale(1080, 2340, 'query'))).toBe(360);
    // Very long images are still bounded.
    expect(Math.round(20000 * analysisScale(1000, 20000))).toBe(1024);
  });
});
