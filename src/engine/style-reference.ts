// The "other art" a gallery's style is calibrated against: style descriptors of freely licensed artworks
// (../corpus/art: public-domain clip art and GPL / CC-BY-SA / MIT desktop wallpapers), computed once by
// `npm run style-reference` with the shipped model and stored quantised in style-reference.json (the
// descriptors only, never the pictures). Fixed rather than learnt from the feed: a feed full of imitations of the
// artist would otherwise raise the bar against exactly the pictures it should flag. Pure.
import type { StyleMatrix } from './style';
import shipped from './style-reference.json';
import { STYLE_DESCRIPTOR_ID } from './style-descriptor';

export interface StyleReferenceFile {
  about: string;
  /** The descriptor it was computed with (engine/style.ts + the model's style layers). */
  descriptor: string;
  dim: number;
  /**
   * Each component was stored as a signed byte, round(x × scale / max |x|) of its own vector (decoding
   * renormalises, so the per-vector factor need not be kept): ≤ 0.002 of cosine, against pairwise cosines that
   * spread over −1…1 for the centred descriptor.
   */
  scale: number;
  items: { id: string; license: string; v: string }[];
}

export { STYLE_DESCRIPTOR_ID };

function decode(b64: string): Int8Array {
  const bin = atob(b64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function referenceMatrix(file: StyleReferenceFile): StyleMatrix | null {
  if (file.descriptor !== STYLE_DESCRIPTOR_ID || file.items.length === 0) return null;
  const data = new Float32Array(file.items.length * file.dim);
  file.items.forEach((item, i) => {
    const q = decode(item.v);
    let norm = 0;
    for (let j = 0; j < file.dim; j++) norm += (q[j]! / file.scale) ** 2;
    const k = 1 / Math.sqrt(norm || 1);
    for (let j = 0; j < file.dim; j++) data[i * file.dim + j] = (q[j]! / file.scale) * k;
  });
  return { data, dim: file.dim, count: file.items.length };
}

let cached: StyleMatrix | null | undefined;

/** The shipped reference set, decoded once. */
export function defaultReference(): StyleMatrix | null {
  cached ??= referenceMatrix(shipped as StyleReferenceFile);
  return cached;
}

/** Quantises descriptors for style-reference.json (the generator's half). */
export function encodeReference(items: { id: string; license: string; v: Float32Array }[], about: string): StyleReferenceFile {
  const scale = 127;
  const dim = items[0]?.v.length ?? 0;
  return {
    about, descriptor: STYLE_DESCRIPTOR_ID, dim, scale,
    items: items.map(({ id, license, v }) => {
      const k = scale / Math.max(1e-12, ...Array.from(v, Math.abs));
      const q = Int8Array.from(v, (x) => Math.round(x * k));
      let bin = '';
      for (const b of new Uint8Array(q.buffer)) bin += String.fromCharCode(b);
      return { id, license, v: btoa(bin) };
    }),
  };
}
