// The few EXIF fields that name a picture's maker: Software, Make, Model, Artist, ImageDescription (IFD0) and
// UserComment (Exif IFD), where AUTOMATIC1111 writes its parameters in JPEGs. Entry counts, offsets and value
// sizes are checked against the block. Pure.
import { readLatin1, readUtf8 } from './budget';

const MAX_ENTRIES = 512;
const MAX_VALUE = 64 * 1024;

const IFD0_TAGS: Record<number, string> = { 0x010e: 'ImageDescription', 0x010f: 'Make', 0x0110: 'Model', 0x0131: 'Software', 0x013b: 'Artist' };
const EXIF_IFD = 0x8769;
const USER_COMMENT = 0x9286;

export function readExif(tiff: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  if (tiff.length < 8) return out;
  const le = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!le && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return out;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const entries = (ifd: number, visit: (tag: number, type: number, count: number, valueAt: number) => void) => {
    if (ifd + 2 > tiff.length) return;
    const n = Math.min(u16(ifd), MAX_ENTRIES);
    for (let k = 0; k < n; k++) {
      const e = ifd + 2 + k * 12;
      if (e + 12 > tiff.length) return;
      const type = u16(e + 2);
      const count = u32(e + 4);
      const size = count * (type === 3 ? 2 : type === 4 ? 4 : 1);
      visit(u16(e), type, count, size <= 4 ? e + 8 : u32(e + 8));
    }
  };
  const bytesAt = (at: number, count: number) => (at + Math.min(count, MAX_VALUE) <= tiff.length ? tiff.subarray(at, at + Math.min(count, MAX_VALUE)) : null);
  let exifIfd = -1;
  entries(u32(4), (tag, type, count, at) => {
    if (tag === EXIF_IFD) exifIfd = u32(at);
    const name = IFD0_TAGS[tag];
    const value = name && type === 2 ? bytesAt(at, count) : null;
    if (name && value) out[name] = readUtf8(value).replace(/\0+$/, '').trim();
  });
  if (exifIfd > 0 && exifIfd < tiff.length) {
    entries(exifIfd, (tag, _type, count, at) => {
      const value = tag === USER_COMMENT ? bytesAt(at, count) : null;
      if (value) out.UserComment = userComment(value);
    });
  }
  return out;
}

/** UserComment: an 8-byte character-code prefix, then the text ("UNICODE" is UTF-16 of either byte order in practice). */
function userComment(v: Uint8Array): string {
  const code = readLatin1(v.subarray(0, 8)).replace(/\0+$/, '');
  const body = v.subarray(8);
  if (code === 'UNICODE') {
    // Writers disagree on byte order (piexif, used by AUTOMATIC1111, writes big-endian): ASCII text shows it.
    let evenZeros = 0;
    for (let i = 0; i + 1 < body.length && i < 200; i += 2) if (body[i] === 0) evenZeros++;
    const be = evenZeros > Math.min(body.length, 200) / 4;
    return new TextDecoder(be ? 'utf-16be' : 'utf-16le').decode(body).replace(/\0+$/, '').trim();
  }
  return readUtf8(code === 'ASCII' || code === '' ? body : v).replace(/\0+$/, '').trim();
}
