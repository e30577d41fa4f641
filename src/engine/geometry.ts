// Plane geometry for pictures that were tilted or photographed at an angle: the homography between four point
// pairs and a bilinear warp of a quadrilateral of a raster onto an upright rectangle. Pure; the detector uses it
// to straighten a rotated or screen-photographed repost, the benchmark to make one.
import type { Raster } from './image';

export interface Point { x: number; y: number }
/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/** Row-major 3×3 matrix with h[8] = 1, mapping (x, y) → ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w). */
export type Homography = Float64Array;

/** The homography taking each `from[i]` to `to[i]`; null when the points are degenerate (three on a line). */
export function homography(from: Quad, to: Quad): Homography | null {
  // Eight unknowns, two equations per pair.
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!, { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const h = solveLinear(a);
  if (!h) return null;
  const out = new Float64Array(9);
  out.set(h);
  out[8] = 1;
  return out;
}

/**
 * The solution of n linear equations in n unknowns, given as n rows of n coefficients and the right-hand side
 * (changed in place): Gauss–Jordan elimination with partial pivoting; null when the system is singular.
 */
export function solveLinear(a: number[][]): Float64Array | null {
  const n = a.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-10) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const row = a[c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / row[c]!;
      if (f !== 0) for (let k = c; k <= n; k++) a[r]![k]! -= f * row[k]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => a[i]![n]! / a[i]![i]!);
}

/** Terms of a polynomial surface of `degree` in x and y: 1, x, y, x², xy, y², … */
export const surfaceSize = (degree: number): number => ((degree + 1) * (degree + 2)) / 2;

/**
 * The surface's terms at cell `s` of an nx × ny grid (its centre at 0, its sides running −1 … 1), written into `out`
 * from `at`: the glare surfaces taken off by the screen look (appearance.ts) and the screen shortlist.
 */
export function surfaceTermsAt(s: number, nx: number, ny: number, degree: number, out: Float64Array, at: number): void {
  const j = Math.floor(s / nx), x = (2 * (s - j * nx) + 1) / nx - 1, y = (2 * j + 1) / ny - 1;
  for (let d = 0; d <= degree; d++) for (let e = 0; e <= d; e++) out[at++] = x ** (d - e) * y ** e;
}

export function apply(h: Homography, p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

/**
 * Samples the quadrilateral `quad` (pixel coordinates of `src`) onto an upright outW × outH RGB raster. Points
 * that fall outside `src` take the nearest edge pixel. Bilinear: callers warp to the model's 224 px from an
 * analysis raster of similar scale, so no area averaging is needed.
 */
export function warpQuad(src: Raster, quad: Quad, outW: number, outH: number): Raster {
  const rect: Quad = [{ x: 0, y: 0 }, { x: outW, y: 0 }, { x: outW, y: outH }, { x: 0, y: outH }];
  const h = homography(rect, quad);
  const out = new Uint8Array(outW * outH * 3);
  if (!h) return { data: out, width: outW, height: outH, channels: 3 };
  const { width: W, height: H, channels: C, data } = src;
  for (let oy = 0, o = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++, o += 3) {
      const p = apply(h, { x: ox + 0.5, y: oy + 0.5 });
      const fx = Math.min(W - 1, Math.max(0, p.x - 0.5));
      const fy = Math.min(H - 1, Math.max(0, p.y - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const x1 = Math.min(W - 1, x0 + 1), y1 = Math.min(H - 1, y0 + 1);
      const dx = fx - x0, dy = fy - y0;
      const i00 = (y0 * W + x0) * C, i01 = (y0 * W + x1) * C, i10 = (y1 * W + x0) * C, i11 = (y1 * W + x1) * C;
      for (let k = 0; k < 3; k++) {
        const top = data[i00 + k]! + (data[i01 + k]! - data[i00 + k]!) * dx;
        const bottom = data[i10 + k]! + (data[i11 + k]! - data[i10 + k]!) * dx;
        out[o + k] = top + (bottom - top) * dy + 0.5;
      }
    }
  }
  return { data: out, width: outW, height: outH, channels: 3 };
}

/** Shoelace area of a quadrilateral (its corners in order): negative when they run the other way round. */
export function signedArea(q: Quad): number {
  let a = 0;
  for (let i = 0; i < 4; i++) a += q[i]!.x * q[(i + 1) % 4]!.y - q[(i + 1) % 4]!.x * q[i]!.y;
  return a / 2;
}

/**
 * Whether (x, y) lies inside the convex quadrilateral `q` or on its edge, its corners in either order (`turn`: the
 * sign of its signedArea, passed by a caller that asks for many points).
 */
export function insideQuad(q: Quad, x: number, y: number, turn = Math.sign(signedArea(q)) || 1): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i]!, b = q[(i + 1) % 4]!;
    if (turn * ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) < 0) return false;
  }
  return true;
}

/** `quad` scaled by `k` about its centre (the mean of its corners). */
export function scaleAbout(quad: Quad, k: number): Quad {
  const cx = quad.reduce((s, p) => s + p.x, 0) / 4, cy = quad.reduce((s, p) => s + p.y, 0) / 4;
  return quad.map((p) => ({ x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k })) as Quad;
}

/** The corners of a w × h rectangle centred at (cx, cy) and turned by `radians` (clockwise on screen). */
export function rotatedRect(cx: number, cy: number, w: number, h: number, radians: number): Quad {
  const c = Math.cos(radians), s = Math.sin(radians);
  const at = (dx: number, dy: number): Point => ({ x: cx + dx * c - dy * s, y: cy + dx * s + dy * c });
  return [at(-w / 2, -h / 2), at(w / 2, -h / 2), at(w / 2, h / 2), at(-w / 2, h / 2)];
}
