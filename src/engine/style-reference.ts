// The "other art" a gallery's style is calibrated against: style descriptors of freely licensed artworks
// (../corpus/art: public-domain clip art and GPL / CC-BY-SA / MIT desktop wallpapers), computed once by
// `npm run style-reference` with the shipped model and stored quantised in style-reference.json (the
// descriptors only, never the pictures). Fixed rather than learnt from the feed: a feed full of imitations of the
// artist would otherwise raise the bar against exactly the pictures it should flag. Pure; imports only JSON.
import type { StyleMatrix } from './style';
import shipped from './style-reference.json';

export interface StyleReferenceFile {
  about: string;
  /** The descriptor it was computed with (engine/style.ts + the model's style layers). */
  descriptor: string;
  dim: number;
  /** Each component was stored as round(x × scale) in one byte (descriptors are non-negative and ≤ 1). */
  scale: number;
  items: { id: string; license: string; v: string }[];
}

/** Bumped with the descriptor: a reference of another descriptor would calibrate nothing. */
export const STYLE_DESCRIPTOR_ID = 'mobilenet_v1_025/conv9+conv11 sqrt mean+std, l2 per part';

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
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
  const scale = 255;
  const dim = items[0]?.v.length ?? 0;
  return {
    about, descriptor: STYLE_DESCRIPTOR_ID, dim, scale,
    items: items.map(({ id, license, v }) => {
      const q = Uint8Array.from(v, (x) => Math.max(0, Math.min(255, Math.round(x * scale))));
      let bin = '';
      for (const b of q) bin += String.fromCharCode(b);
      return { id, license, v: btoa(bin) };
    }),
  };
}
