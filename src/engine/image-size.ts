// Pixel size from an encoded image's header (JPEG, PNG, GIF, WebP, BMP, AVIF), read before anything is decoded:
// the decoder is asked for the analysis size directly (decoding a large JPEG straight to 512 px is several
// times cheaper than decoding it whole), and a picture too large to decode safely is refused unopened.
// Pure; returns null when no size is found. A header can lie, so where a file may state its size twice (frame
// headers, GIF frames, WebP chunks, AVIF properties) the largest is returned: a refusal must not be dodged by
// putting a small size first.

export interface Size { width: number; height: number }

/**
 * Decoding a 50 MP picture already takes 200 MB of RGBA; feeds serve far smaller ones (a 1080 × 20,000 long
 * image is 21.6 MP). Anything above is refused from its header, before a byte of it is decoded.
 */
export const MAX_PIXELS = 50_000_000;

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** The larger of two sizes by pixel count (and by each side: a lie may be tall or wide). */
function larger(a: Size | null, b: Size | null): Size | null {
  if (!b || b.width <= 0 || b.height <= 0) return a;
  if (!a) return b;
  return { width: Math.max(a.width, b.width), height: Math.max(a.height, b.height) };
}

/**
 * Walks the segments to the frame header(s). Like libjpeg's next_marker, it skips stray bytes and 0xFF fill
 * before a marker (a hostile file pads there so that a strict walk gives up and the size check is skipped).
 * The walk stops at the first scan: a frame header after it is an error to the decoder.
 */
function jpeg(b: Uint8Array): Size | null {
  let size: Size | null = null;
  let at = 2;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) {
      at = b.indexOf(0xff, at);
      if (at < 0) break;
      continue;
    }
    const marker = b[at + 1]!;
    if (marker === 0xff) { at++; continue; }
    // A stuffed zero outside a scan, SOI, TEM and restart markers: no length follows.
    if (marker === 0x00 || marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xd9 || marker === 0xda || at + 4 > b.length) break;
    const len = u16be(b, at + 2);
    if (len < 2) break;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && at + 9 <= b.length) {
      size = larger(size, { height: u16be(b, at + 5), width: u16be(b, at + 7) });
    }
    at += 2 + len;
  }
  return size;
}

/** Sub-blocks (a length byte, then that many bytes) up to the empty one; returns the offset after it. */
function skipSubBlocks(b: Uint8Array, at: number): number {
  while (at < b.length) {
    const n = b[at]!;
    at += 1 + n;
    if (n === 0) break;
  }
  return at;
}

/** The logical screen and every frame's extent: decoders grow the canvas to a first frame larger than the screen. */
function gif(b: Uint8Array): Size | null {
  let size: Size | null = { width: u16le(b, 6), height: u16le(b, 8) };
  if (size.width === 0 || size.height === 0) size = null;
  let at = 13 + (b[10]! & 0x80 ? 3 * (2 << (b[10]! & 7)) : 0);
  while (at < b.length) {
    const block = b[at]!;
    if (block === 0x21) {
      at = skipSubBlocks(b, at + 2);
    } else if (block === 0x2c && at + 10 <= b.length) {
      const frame = { width: u16le(b, at + 1) + u16le(b, at + 5), height: u16le(b, at + 3) + u16le(b, at + 7) };
      size = larger(size, frame);
      const flags = b[at + 9]!;
      at += 10 + (flags & 0x80 ? 3 * (2 << (flags & 7)) : 0);
      at = skipSubBlocks(b, at + 1);
    } else {
      break;
    }
  }
  return size;
}

/** RIFF chunks: the VP8X canvas and the VP8 / VP8L bitstream sizes, the largest of those present. */
function webp(b: Uint8Array): Size | null {
  let size: Size | null = null;
  for (let at = 12; at + 8 <= b.length;) {
    const chunk = ascii(b, at, 4);
    const len = u32le(b, at + 4);
    const d = at + 8;
    if (chunk === 'VP8X' && d + 10 <= b.length) size = larger(size, { width: u24le(b, d + 4) + 1, height: u24le(b, d + 7) + 1 });
    else if (chunk === 'VP8L' && d + 5 <= b.length && b[d] === 0x2f) {
      const bits = u32le(b, d + 1);
      size = larger(size, { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
    } else if (chunk === 'VP8 ' && d + 10 <= b.length && b[d + 3] === 0x9d && b[d + 4] === 0x01 && b[d + 5] === 0x2a) {
      size = larger(size, { width: u16le(b, d + 6) & 0x3fff, height: u16le(b, d + 8) & 0x3fff });
    }
    at = d + len + (len & 1);
  }
  return size;
}

/** BMP: the info header's size (heights are negative for top-down rows); the old OS/2 header holds 16-bit sizes. */
function bmp(b: Uint8Array): Size | null {
  if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  return { width: Math.abs(u32le(b, 18) | 0), height: Math.abs(u32le(b, 22) | 0) };
}

/** AVIF/HEIF: every `ispe` (image spatial extents) property; a grid image lists its tiles and itself. */
function ispe(b: Uint8Array): Size | null {
  let size: Size | null = null;
  for (let at = b.indexOf(0x69, 4); at >= 0 && at + 16 <= b.length; at = b.indexOf(0x69, at + 1)) {
    if (b[at + 1] === 0x73 && b[at + 2] === 0x70 && b[at + 3] === 0x65) size = larger(size, { width: u32be(b, at + 8), height: u32be(b, at + 12) });
  }
  return size;
}

export function imageSize(b: Uint8Array): Size | null {
  if (b.length < 26) return null;
  let size: Size | null = null;
  if (b[0] === 0xff && b[1] === 0xd8) size = jpeg(b);
  else if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && ascii(b, 12, 4) === 'IHDR') size = { width: u32be(b, 16), height: u32be(b, 20) };
  else if (ascii(b, 0, 4) === 'GIF8') size = gif(b);
  else if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') size = webp(b);
  else if (ascii(b, 0, 2) === 'BM') size = bmp(b);
  else if (ascii(b, 4, 4) === 'ftyp') size = ispe(b);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/** Why a picture's header does not allow decoding it: no size found, or more pixels than MAX_PIXELS. */
export function sizeRefusal(size: Size | null): 'no-size' | 'too-many-pixels' | null {
  if (!size) return 'no-size';
  return size.width * size.height > MAX_PIXELS ? 'too-many-pixels' : null;
}
