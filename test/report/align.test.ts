// The compare slider's alignment: where each point of the work lands on the post.
import { describe, expect, test } from 'vitest';
import { alignTransform, apply, readAlign, type Affine } from '../../src/report/align';

const near = (m: Affine, u: number, v: number, x: number, y: number) => {
  const [px, py] = apply(m, u, v);
  expect(px).toBeCloseTo(x, 9);
  expect(py).toBeCloseTo(y, 9);
};

/** Applies the returned CSS the way a browser would, to a point in pixels of a W × H post box (CSS numbers are rounded to 1e-6). */
function cssPoint(css: string, w: number, h: number, ux: number, uy: number): [number, number] {
  const m = /^translate\((\S+)%, (\S+)%\) matrix\((\S+), (\S+), (\S+), (\S+), 0, 0\)$/.exec(css);
  if (!m) throw new Error(css);
  const [tx, ty, a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return [a * ux + c * uy + (tx / 100) * w, b * ux + d * uy + (ty / 100) * h];
}

describe('alignTransform', () => {
  test('a plain copy needs no transform', () => {
    const r = alignTransform({ postAspect: 1.5 });
    expect(r.css).toBe('none');
    expect(r).toMatchObject({ mirrored: false, aligned: false });
    near(r.affine, 0.3, 0.7, 0.3, 0.7);
  });

  test('cropped and framed alone do not reorient the work', () => {
    expect(alignTransform({ transform: 'cropped', postAspect: 1 }).css).toBe('none');
    expect(alignTransform({ transform: 'framed', postAspect: 1 }).css).toBe('none');
  });

  test('a mirrored copy flips the work left to right', () => {
    const r = alignTransform({ transform: 'mirror-x', postAspect: 0.75 });
    expect(r.mirrored).toBe(true);
    near(r.affine, 0, 0, 1, 0);
    near(r.affine, 0.25, 0.6, 0.75, 0.6);
    expect(r.css).toBe('translate(100%, 0%) matrix(-1, 0, 0, 1, 0, 0)');
  });

  test('a quarter turn clockwise sends the top-left corner to the top-right, in pixels too', () => {
    const r = alignTransform({ transform: 'rot90', postAspect: 2 });
    near(r.affine, 0, 0, 1, 0);
    near(r.affine, 0, 1, 0, 0);
    near(r.affine, 1, 1, 0, 1);
    // The work's element is stretched to the 200 × 100 post box; its bottom-left pixel lands on the post's origin.
    const [x, y] = cssPoint(r.css, 200, 100, 0, 100);
    expect(x).toBeCloseTo(0, 3);
    expect(y).toBeCloseTo(0, 3);
    const [x2, y2] = cssPoint(r.css, 200, 100, 200, 0);
    expect(x2).toBeCloseTo(200, 3);
    expect(y2).toBeCloseTo(100, 3);
  });

  test('an aligned region of the work lands on the region of the post', () => {
    // The post is a crop: its whole picture is the work's middle.
    const align = { query: [0, 0, 1, 1], work: [0.25, 0.2, 0.5, 0.6] } as const;
    const r = alignTransform({ transform: 'cropped', align, postAspect: 1 });
    expect(r.aligned).toBe(true);
    near(r.affine, 0.25, 0.2, 0, 0);
    near(r.affine, 0.75, 0.8, 1, 1);
    near(r.affine, 0.5, 0.5, 0.5, 0.5);
    const [x, y] = cssPoint(r.css, 300, 300, 0.25 * 300, 0.2 * 300);
    expect(x).toBeCloseTo(0, 3);
    expect(y).toBeCloseTo(0, 3);
  });

  test('a framed work shrinks into the part of the post that holds it', () => {
    const align = { query: [0.1, 0.3, 0.4, 0.5], work: [0, 0, 1, 1] } as const;
    const r = alignTransform({ transform: 'framed', align, postAspect: 0.5625 });
    near(r.affine, 0, 0, 0.1, 0.3);
    near(r.affine, 1, 1, 0.5, 0.8);
    const [x, y] = cssPoint(r.css, 90, 160, 90, 160);
    expect(x).toBeCloseTo(0.5 * 90, 3);
    expect(y).toBeCloseTo(0.8 * 160, 3);
  });

  test('mirrored and aligned: the region is flipped in place over the post region', () => {
    const align = { query: [0.5, 0, 0.5, 1], work: [0, 0, 0.5, 1] } as const;
    const r = alignTransform({ transform: 'mirror-x', align, postAspect: 1 });
    // The work's left half, mirrored, fills the post's right half: its left edge lands on the post's right edge.
    near(r.affine, 0, 0.5, 1, 0.5);
    near(r.affine, 0.5, 0.5, 0.5, 0.5);
    near(r.affine, 0.25, 0, 0.75, 0);
  });

  test('a bad aspect ratio falls back to square', () => {
    expect(alignTransform({ transform: 'rot90', postAspect: Number.NaN }).css).toBe(alignTransform({ transform: 'rot90', postAspect: 1 }).css);
  });
});

describe('readAlign', () => {
  test('reads a well-formed alignment', () => {
    expect(readAlign({ align: { query: [0, 0, 1, 1], work: [0.1, 0.1, 0.5, 0.5] } })).toEqual({ query: [0, 0, 1, 1], work: [0.1, 0.1, 0.5, 0.5] });
  });

  test('ignores missing, malformed or empty regions', () => {
    expect(readAlign(null)).toBeUndefined();
    expect(readAlign({})).toBeUndefined();
    expect(readAlign({ align: { query: [0, 0, 1], work: [0, 0, 1, 1] } })).toBeUndefined();
    expect(readAlign({ align: { query: [0, 0, 1, 1], work: [0, 0, 0, 1] } })).toBeUndefined();
    expect(readAlign({ align: { query: [0, 0, 1, 1], work: ['0', 0, 1, 1] } })).toBeUndefined();
    expect(readAlign({ align: { query: [0, 0, 1, Number.NaN], work: [0, 0, 1, 1] } })).toBeUndefined();
  });
});
