// The moiré of a photographed screen: the camera's pixel grid beating against the screen's leaves bands across
// the whole screen, one plane wave of a few grey levels (an interference of two gratings is the difference of two
// waves; the fast one is blurred away). On a dark or smooth work the bands outweigh the work's own shading, and
// the screen look (zoom.ts screenLook) cannot tell the work under them. Found once per screen from the post's
// own pixels, the wave is set aside on both sides before they are compared (appearance.ts appearanceOnScreen).
// Pure.
import { scaleAbout, solveLinear, type Quad } from './geometry';
import type { Plane8 } from './keypoints';

/** A plane wave over the post: cos and sin of kx·x + ky·y, x and y in the post plane's pixels. */
export interface Wave { kx: number; ky: number }

/** Side of the square patch of the screen whose spectrum is read (a power of two). */
const PATCH = 128;
/**
 * The part of the screen read (its outline scaled about its centre): away from the bezel's edges, whose steps
 * would spread power over every frequency. The box around the scaled outline stays inside the screen for the
 * angles a screen is photographed at.
 */
const PATCH_INSIDE = 0.75;
/** Smallest patch worth reading, in post pixels either way. */
const MIN_PATCH = 48;
/**
 * Periods the wave may have, in the patch's samples: at least three whole bands across the patch (longer ones are
 * the glare's smooth light, which the appearance's quadratic surface takes off) and at least 2.5 samples (shorter
 * ones are what the post's downscale left of the fast wave).
 */
const MIN_CYCLES = 3;
const MIN_PERIOD = 2.5;
/**
 * How far the wave's power must stand above its neighbours' at the same frequency (the median over a ring one bin
 * either way): a picture's own detail spreads its power over many directions, bands put it in one.
 */
const PROMINENCE = 12;
/** How far the wave's power must stand above the same direction's two bins nearer and farther (weighed by radius²). */
const RADIAL = 6;

/**
 * The moiré's wave over the screen `quad` (fractions of the post), or null when the screen is too small or no
 * frequency stands out.
 */
export function screenWave(post: Plane8, quad: Quad): Wave | null {
  const inner = scaleAbout(quad, PATCH_INSIDE).map((p) => ({ x: p.x * post.width, y: p.y * post.height }));
  const x0 = Math.max(0, Math.min(...inner.map((p) => p.x))), x1 = Math.min(post.width, Math.max(...inner.map((p) => p.x)));
  const y0 = Math.max(0, Math.min(...inner.map((p) => p.y))), y1 = Math.min(post.height, Math.max(...inner.map((p) => p.y)));
  if (!(x1 - x0 >= MIN_PATCH && y1 - y0 >= MIN_PATCH)) return null;
  const dx = (x1 - x0) / PATCH, dy = (y1 - y0) / PATCH;
  const re = patchOf(post, x0, y0, dx, dy), im = new Float64Array(PATCH * PATCH);
  fft2(re, im);
  const power = (u: number, v: number) => {
    const s = ((v + PATCH) % PATCH) * PATCH + ((u + PATCH) % PATCH);
    return re[s]! * re[s]! + im[s]! * im[s]!;
  };
  // The strongest frequency in the band of periods allowed (half the plane: a real patch's spectrum is symmetric).
  const half = PATCH / 2, top = PATCH / MIN_PERIOD;
  let best = { u: 0, v: 0, p: 0 };
  for (let v = 0; v < half; v++) {
    for (let u = -half + 1; u < half; u++) {
      const r = Math.hypot(u, v);
      if (r < MIN_CYCLES || r > top || (v === 0 && u < 0)) continue;
      const p = power(u, v);
      if (p > best.p) best = { u, v, p };
    }
  }
  if (!best.p) return null;
  const r0 = Math.hypot(best.u, best.v), ring: number[] = [];
  for (let v = -half + 1; v < half; v++) for (let u = -half + 1; u < half; u++) if (Math.abs(Math.hypot(u, v) - r0) <= 1) ring.push(power(u, v));
  ring.sort((a, b) => a - b);
  if (best.p < PROMINENCE * ring[ring.length >> 1]!) return null;
  // An edge across the screen (a horizon) puts its power along a line through the origin, at every radius; bands,
  // at one: the same direction a little nearer and farther must be far weaker — once each is weighed by its radius
  // squared, as a picture's power falls with the square of the frequency (long bands sit among the picture's own
  // broad shapes: a soft illustration's screen photo, 2.8 times its nearer neighbour, 6.6 times so weighed).
  const along = (d: number) => power(Math.round((best.u * (r0 + d)) / r0), Math.round((best.v * (r0 + d)) / r0)) * ((r0 + d) / r0) ** 2;
  if (best.p < RADIAL * Math.max(along(-2), along(2))) return null;
  // Between bins: the peak of a parabola through the log power either way.
  const offset = (l: number, c: number, h: number) => {
    const [a, b, d] = [Math.log(l + 1e-9), Math.log(c + 1e-9), Math.log(h + 1e-9)];
    const den = a - 2 * b + d;
    return den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - d)) / den)) : 0;
  };
  const fu = best.u + offset(power(best.u - 1, best.v), best.p, power(best.u + 1, best.v));
  const fv = best.v + offset(power(best.u, best.v - 1), best.p, power(best.u, best.v + 1));
  return { kx: (2 * Math.PI * fu) / (PATCH * dx), ky: (2 * Math.PI * fv) / (PATCH * dy) };
}

/**
 * The patch's samples, each the mean of the post's pixels in its box, less their mean and tapered to the patch's
 * edges (a Hann window: the patch's cut edges would otherwise spread power along both axes).
 */
function patchOf(post: Plane8, x0: number, y0: number, dx: number, dy: number): Float64Array {
  const out = new Float64Array(PATCH * PATCH);
  let sum = 0;
  for (let j = 0; j < PATCH; j++) {
    const ya = Math.floor(y0 + j * dy), yb = Math.max(ya + 1, Math.floor(y0 + (j + 1) * dy));
    for (let i = 0; i < PATCH; i++) {
      const xa = Math.floor(x0 + i * dx), xb = Math.max(xa + 1, Math.floor(x0 + (i + 1) * dx));
      let s = 0, n = 0;
      for (let y = ya; y < Math.min(yb, post.height); y++) for (let x = xa; x < Math.min(xb, post.width); x++) { s += post.data[y * post.width + x]!; n++; }
      out[j * PATCH + i] = n ? s / n : 0;
      sum += out[j * PATCH + i]!;
    }
  }
  const mean = sum / out.length;
  const hann = Float64Array.from({ length: PATCH }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / PATCH));
  for (let j = 0; j < PATCH; j++) for (let i = 0; i < PATCH; i++) out[j * PATCH + i] = (out[j * PATCH + i]! - mean) * hann[i]! * hann[j]!;
  return out;
}

/** In-place 2-D discrete Fourier transform of a PATCH × PATCH array: rows, then columns. */
function fft2(re: Float64Array, im: Float64Array): void {
  const rr = new Float64Array(PATCH), ri = new Float64Array(PATCH);
  for (const cols of [false, true]) {
    for (let k = 0; k < PATCH; k++) {
      const at = (t: number) => (cols ? t * PATCH + k : k * PATCH + t);
      for (let t = 0; t < PATCH; t++) { rr[t] = re[at(t)]!; ri[t] = im[at(t)]!; }
      fft(rr, ri);
      for (let t = 0; t < PATCH; t++) { re[at(t)] = rr[t]!; im[at(t)] = ri[t]!; }
    }
  }
}

/** In-place iterative radix-2 FFT (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len, wr = Math.cos(ang), wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k, b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci, ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr; im[b] = im[a]! - ti;
        re[a] = re[a]! + tr; im[a] = im[a]! + ti;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
}

/**
 * `v` at `idx` less its least-squares fit by the wave (cos and sin of `phase`, with a constant): what is left of a
 * picture once the bands are off. Elsewhere `v` is copied as it is.
 */
export function withoutWave(v: Float32Array, idx: readonly number[], phase: Float64Array): Float32Array {
  // Normal equations of [1, cos, sin].
  let n = 0, c = 0, s = 0, cc = 0, cs = 0, ss = 0, y = 0, yc = 0, ys = 0;
  for (const i of idx) {
    const ci = Math.cos(phase[i]!), si = Math.sin(phase[i]!), t = v[i]!;
    n++; c += ci; s += si; cc += ci * ci; cs += ci * si; ss += si * si; y += t; yc += t * ci; ys += t * si;
  }
  const fit = solveLinear([[n, c, s, y], [c, cc, cs, yc], [s, cs, ss, ys]]);
  const out = new Float32Array(v);
  if (!fit) return out;
  for (const i of idx) out[i] = v[i]! - fit[1]! * Math.cos(phase[i]!) - fit[2]! * Math.sin(phase[i]!);
  return out;
}
