// Why a file cannot become a work, found from its bytes before anything is decoded or saved. Pure: no browser
// API, so it is tested in Node over real encoder output. Imports only the engine's header reader, which finds
// the size the way the scan does (taking the largest where a file states it twice, so a header cannot lie small).
import { MAX_PIXELS, imageSize, type Size } from '../engine/image-size';

export { MAX_PIXELS };

/** Files above this are refused before reading; an artwork export is rarely over a few MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type FailReason = 'empty' | 'too-large' | 'not-image' | 'unsupported' | 'truncated' | 'too-many-pixels';

/** Image formats recognised by their magic bytes. */
export type ImageFormat =
  | 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'ico' | 'avif'
  | 'heic' | 'tiff' | 'psd' | 'jxl' | 'jp2' | 'svg';

/** What every browser Inkseal runs in decodes; AVIF is added when the page's probe decodes it. */
export const ALWAYS_DECODABLE: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'gif', 'webp', 'bmp', 'ico']);

/** The format's name as artists see it in export dialogs, for the "cannot be opened here" message. */
export const FORMAT_LABEL: Record<ImageFormat, string> = {
  jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', bmp: 'BMP', ico: 'ICO', avif: 'AVIF',
  heic: 'HEIC', tiff: 'TIFF', psd: 'PSD', jxl: 'JPEG XL', jp2: 'JPEG 2000', svg: 'SVG',
};

export type Sniffed =
  | { ok: true; format: ImageFormat; width?: number; height?: number }
  | { ok: false; reason: FailReason; format?: ImageFormat; width?: number; height?: number };

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) + u16le(b, at + 2) * 0x10000);
const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

export function sizeProblem(size: number): FailReason | undefined {
  if (size === 0) return 'empty';
  if (size > MAX_FILE_BYTES) return 'too-large';
  return undefined;
}

// ISO BMFF brands (ISO/IEC 23008-12): AVIF is its own; the rest are HEIF/HEIC from phones and Macs.
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'mif2']);

function bmffFormat(b: Uint8Array): ImageFormat | undefined {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return undefined;
  const boxEnd = Math.min(u32be(b, 0), b.length, 256);
  const brands = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(b, at, 4));
  // A generic `mif1` major brand lists `avif` among its compatible brands when the payload is AV1.
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heic';
  return undefined;
}

function looksLikeSvg(b: Uint8Array): boolean {
  const head = ascii(b, 0, 1024).replace(/^\xEF\xBB\xBF/, '').trimStart();
  return /^<(\?xml|svg|!--|!DOCTYPE svg)/i.test(head) && head.includes('<svg');
}

export function formatOf(b: Uint8Array): ImageFormat | undefined {
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) return 'bmp';
  if (starts(b, [0, 0, 1, 0]) && b.length >= 22 && u16le(b, 4) > 0) return 'ico';
  if (starts(b, [0x49, 0x49, 0x2a, 0]) || starts(b, [0x4d, 0x4d, 0, 0x2a])) return 'tiff';
  if (ascii(b, 0, 4) === '8BPS') return 'psd';
  if (starts(b, [0xff, 0x0a]) || starts(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) return 'jxl';
  if (starts(b, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) || starts(b, [0xff, 0x4f, 0xff, 0x51])) return 'jp2';
  return bmffFormat(b) ?? (looksLikeSvg(b) ? 'svg' : undefined);
}

/**
 * Walks a JPEG's segments through the scans to the EOI marker. Walking, rather than looking at the last two
 * bytes, ignores the EXIF thumbnail's own EOI and tolerates the data phones append after the picture. False
 * when the bytes end first.
 */
function jpegComplete(b: Uint8Array): boolean {
  let at = 2;
  while (at + 2 <= b.length) {
    if (b[at] !== 0xff) {
      // Stray bytes before a marker: decoders skip them with a warning, and so does this walk.
      at = b.indexOf(0xff, at);
      if (at < 0) break;
      continue;
    }
    const marker = b[at + 1]!;
    if (marker === 0xff) { at++; continue; } // fill bytes
    if (marker === 0xd9) return true;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; } // no length
    const len = at + 4 <= b.length ? u16be(b, at + 2) : 0;
    if (len < 2 || at + 2 + len > b.length) return false;
    at += 2 + len;
    if (marker === 0xda) {
      // Entropy-coded data: the next marker is an 0xFF not followed by a stuffed 0x00 or a restart marker.
      for (;;) {
        at = b.indexOf(0xff, at);
        if (at < 0 || at + 1 >= b.length) return false;
        const next = b[at + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) { at += next === 0xff ? 1 : 2; continue; }
        break;
      }
    }
  }
  return false;
}

/** PNG: whole when its chunks run to IEND. */
function pngComplete(b: Uint8Array): boolean {
  let at = 8;
  while (at + 12 <= b.length) {
    const len = u32be(b, at);
    if (ascii(b, at + 4, 4) === 'IEND') return true;
    at += 12 + len;
  }
  return false;
}

/**
 * ICO: each entry's size (0 means 256) and, for an entry that embeds a PNG or a BMP, the size inside it — which
 * is what the decoder uses, so a directory saying 16 × 16 cannot hide a 19,000² PNG.
 */
function ico(b: Uint8Array): Size | null {
  let best: Size | null = null;
  const bigger = (s: Size | null) => { if (s && (!best || s.width * s.height > best.width * best.height)) best = s; };
  for (let i = 0, n = u16le(b, 4); i < n && 6 + 16 * (i + 1) <= b.length; i++) {
    const e = 6 + 16 * i;
    bigger({ width: b[e] || 256, height: b[e + 1] || 256 });
    const at = u32le(b, e + 12);
    if (at >= b.length) continue;
    const inner = b.subarray(at);
    if (starts(inner, [0x89, 0x50, 0x4e, 0x47])) bigger(imageSize(inner));
    // A BMP entry has no file header: its info header states the height of the image and its mask together.
    else if (inner.length >= 12) bigger({ width: Math.abs(u32le(inner, 4) | 0), height: Math.ceil(Math.abs(u32le(inner, 8) | 0) / 2) });
  }
  return best;
}

function header(format: ImageFormat, b: Uint8Array): { size: Size | null; complete: boolean } {
  switch (format) {
    case 'jpeg': return { size: imageSize(b), complete: jpegComplete(b) };
    case 'png': return { size: imageSize(b), complete: pngComplete(b) };
    // RIFF states the file's length.
    case 'webp': return { size: imageSize(b), complete: b.length >= u32le(b, 4) + 8 };
    case 'gif': return { size: imageSize(b), complete: b.length >= 13 };
    // A BMP's file-size field is too often wrong to judge completeness by; a decode failure does that.
    case 'bmp': return { size: imageSize(b), complete: true };
    case 'ico': return { size: ico(b), complete: true };
    case 'avif': case 'heic': return { size: imageSize(b), complete: true };
    // Formats no browser Inkseal runs in opens; their decode failure is the only check.
    default: return { size: null, complete: true };
  }
}

/**
 * Classifies a file from its bytes. `decodable` are the formats this browser opens (see prepare.ts); an image in
 * any other format is `unsupported`, anything that is no image at all `not-image`. A file that passes may still
 * fail to decode; the caller reports that as `truncated` (its header said it was a picture this browser opens).
 */
export function sniff(b: Uint8Array, decodable: ReadonlySet<ImageFormat> = ALWAYS_DECODABLE): Sniffed {
  const tooBig = sizeProblem(b.length);
  if (tooBig) return { ok: false, reason: tooBig };
  const format = formatOf(b);
  if (!format) return { ok: false, reason: 'not-image' };
  if (!decodable.has(format)) return { ok: false, reason: 'unsupported', format };
  const { size, complete } = header(format, b);
  // Every format a browser opens states its size up front: without one, the file is cut off or damaged, and a
  // decoder would otherwise be trusted with whatever size it finds (the pixel limit must be checked first).
  if (!size) return { ok: false, reason: 'truncated', format };
  if (size && size.width * size.height > MAX_PIXELS) return { ok: false, reason: 'too-many-pixels', format, ...size };
  if (!complete) return { ok: false, reason: 'truncated', format, ...size };
  return { ok: true, format, ...size };
}
