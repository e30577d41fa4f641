// Where the matched work goes when it is laid over the post in the compare slider. Pure maths, no DOM: the
// component lays the work's <img> over the whole post box and applies the CSS this returns.

/** A rectangle in 0..1 coordinates of its picture: x, y, width, height. */
export type Rect = readonly [x: number, y: number, w: number, h: number];

/** The region of the post and the region of the work that matched (a regional verdict). */
export interface Alignment {
  query: Rect;
  work: Rect;
}

/**
 * An affine map from the work's 0..1 coordinates (u, v) to the post's (x, y), in CSS matrix order:
 * x = a·u + c·v + e, y = b·u + d·v + f.
 */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/**
 * What the repost did to the work, for the transforms a hash match names (engine/hash DIHEDRAL_NAMES: rot90 is
 * clockwise, transpose swaps x and y). Anything else ('cropped', 'framed', none) leaves the orientation alone.
 */
const DIHEDRAL: Record<string, Affine> = {
  'mirror-x': [-1, 0, 0, 1, 1, 0],
  'mirror-y': [1, 0, 0, -1, 0, 1],
  rot180: [-1, 0, 0, -1, 1, 1],
  transpose: [0, 1, 1, 0, 0, 0],
  rot90: [0, 1, -1, 0, 1, 0],
  rot270: [0, -1, 1, 0, 0, 1],
  'anti-transpose': [0, -1, -1, 0, 1, 1],
};

const isRect = (r: unknown): r is Rect =>
  Array.isArray(r) && r.length === 4 && r.every((n) => typeof n === 'number' && Number.isFinite(n)) && r[2] > 0 && r[3] > 0;

/** The verdict's `align`, if it carries a usable one (older findings and non-regional verdicts do not). */
export function readAlign(verdict: unknown): Alignment | undefined {
  const align = (verdict as { align?: { query?: unknown; work?: unknown } } | null | undefined)?.align;
  return align && isRect(align.query) && isRect(align.work) ? { query: align.query, work: align.work } : undefined;
}

export const apply = (m: Affine, u: number, v: number): [number, number] => [m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]];

/** The axis-aligned box a dihedral map sends a rectangle to. */
function mapRect(m: Affine, [x, y, w, h]: Rect): Rect {
  const corners = [apply(m, x, y), apply(m, x + w, y + h)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

/** CSS numbers: no exponent, no -0, no floating-point dust. */
const num = (n: number) => String(Math.round(n * 1e6) / 1e6 || 0);

export interface AlignResult {
  /** Work 0..1 → post 0..1. */
  affine: Affine;
  /** For an element covering the post box with `transform-origin: 0 0`. */
  css: string;
  mirrored: boolean;
  aligned: boolean;
}

/**
 * The transform that lays the work over the post: do what the repost did to it (mirror, rotate), then scale and
 * move it so its matched region covers the post's. `postAspect` is the post's width / height:
 * the work's element is stretched to the post box, so a quarter turn must swap the axes' scales.
 */
export function alignTransform(input: { transform?: string; align?: Alignment; postAspect: number }): AlignResult {
  const orient = (input.transform && DIHEDRAL[input.transform]) || IDENTITY;
  let m = orient;
  if (input.align) {
    const [bx, by, bw, bh] = mapRect(orient, input.align.work);
    const [qx, qy, qw, qh] = input.align.query;
    const sx = qw / bw;
    const sy = qh / bh;
    m = [sx * orient[0], sy * orient[1], sx * orient[2], sy * orient[3], qx + sx * (orient[4] - bx), qy + sy * (orient[5] - by)];
  }
  const k = input.postAspect > 0 && Number.isFinite(input.postAspect) ? input.postAspect : 1;
  // In pixels (post box W × H, k = W / H): x = a·u_px + c·k·v_px + W·e and y = (b / k)·u_px + d·v_px + H·f.
  // translate() percentages are of the element's own box, which is the post box.
  const [a, b, c, d, e, f] = m;
  const css = m === IDENTITY ? 'none' : `translate(${num(e * 100)}%, ${num(f * 100)}%) matrix(${num(a)}, ${num(b / k)}, ${num(c * k)}, ${num(d)}, 0, 0)`;
  return { affine: m, css, mirrored: orient !== IDENTITY, aligned: !!input.align };
}
