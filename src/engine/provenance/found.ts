// What the container walkers collect from a file: raw metadata blocks, not yet interpreted. Pure.
import { LIMITS, readUtf8, type Budget } from './budget';

export type Format = 'jpeg' | 'png' | 'webp' | 'bmff' | 'unknown';

export interface TextEntry {
  /** Where it came from: a PNG chunk type, or 'COM' for a JPEG comment. */
  chunk: 'tEXt' | 'zTXt' | 'iTXt' | 'COM';
  keyword: string;
  text: string;
}

export interface Found {
  format: Format;
  xmp: string[];
  /** TIFF-structured EXIF blocks (JPEG APP1 after "Exif\0\0", PNG eXIf, WebP EXIF). */
  exif: Uint8Array[];
  texts: TextEntry[];
  /** The C2PA manifest store's JUMBF bytes, reassembled, and the container it was found in. */
  jumbf: Uint8Array | null;
  jumbfContainer: string | null;
}

export const emptyFound = (format: Format): Found => ({ format, xmp: [], exif: [], texts: [], jumbf: null, jumbfContainer: null });

/** Keeps an XMP packet, cut at the XMP limit: the properties read from it sit in its first kilobytes. */
export function addXmp(found: Found, bytes: Uint8Array, budget: Budget): void {
  if (found.xmp.length >= 8) return;
  if (bytes.length > LIMITS.maxXmpBytes) budget.note('XMP cut at the size limit');
  const kept = bytes.subarray(0, LIMITS.maxXmpBytes);
  budget.scanned(kept.length);
  found.xmp.push(readUtf8(kept));
}

export function setJumbf(found: Found, bytes: Uint8Array, container: string, budget: Budget): void {
  if (found.jumbf) return; // one manifest store per asset (C2PA 2.x, "Embedding manifests")
  if (bytes.length > LIMITS.maxManifestBytes) {
    budget.note('C2PA manifest store over the size limit');
    return;
  }
  found.jumbf = bytes;
  found.jumbfContainer = container;
}
