// The reasons a file cannot become a work, judged from real encoder output: whole, cut off, not a picture,
// a picture this browser cannot open, and one too large to decode safely.
import { beforeAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { zipSync, strToU8 } from 'fflate';
import { ALWAYS_DECODABLE, MAX_FILE_BYTES, sniff, type ImageFormat } from '../../src/gallery/import-sniff';

const picture = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
  // Some texture, so the encoders write real entropy-coded data rather than a few bytes.
  .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><circle cx="20" cy="20" r="15" fill="#2c3e50"/><text x="30" y="40" font-size="14">墨</text></svg>') }]);
const bytes = (b: Buffer | Uint8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const cut = (b: Uint8Array, end: number) => b.slice(0, end < 0 ? b.length + end : end);
const text = (s: string) => new TextEncoder().encode(s);

let jpeg: Uint8Array, progressive: Uint8Array, png: Uint8Array, webp: Uint8Array, webpLossless: Uint8Array, webpAlpha: Uint8Array;
let gif: Uint8Array, avif: Uint8Array, tiff: Uint8Array;

beforeAll(async () => {
  jpeg = bytes(await picture().jpeg({ quality: 90 }).toBuffer());
  progressive = bytes(await picture().jpeg({ quality: 90, progressive: true }).toBuffer());
  png = bytes(await picture().png().toBuffer());
  webp = bytes(await picture().webp({ quality: 80 }).toBuffer());
  webpLossless = bytes(await picture().webp({ lossless: true }).toBuffer());
  webpAlpha = bytes(await picture().ensureAlpha(0.5).webp({ quality: 80 }).toBuffer());
  gif = bytes(await picture().gif().toBuffer());
  avif = bytes(await picture().avif().toBuffer());
  tiff = bytes(await picture().tiff().toBuffer());
});

describe('whole pictures pass, with their size from the header', () => {
  test.each([
    ['JPEG', () => jpeg, 'jpeg'], ['progressive JPEG', () => progressive, 'jpeg'], ['PNG', () => png, 'png'],
    ['lossy WebP', () => webp, 'webp'], ['lossless WebP', () => webpLossless, 'webp'], ['WebP with alpha', () => webpAlpha, 'webp'],
    ['GIF', () => gif, 'gif'],
  ] as const)('%s', (_, get, format) => {
    expect(sniff(get())).toEqual({ ok: true, format, width: 64, height: 48 });
  });

  test('AVIF where the browser decodes it', () => {
    expect(sniff(avif, new Set<ImageFormat>([...ALWAYS_DECODABLE, 'avif']))).toEqual({ ok: true, format: 'avif', width: 64, height: 48 });
  });

  test('data after a JPEG\'s end (as some phones append) and after a PNG\'s IEND is not a fault', () => {
    expect(sniff(new Uint8Array([...jpeg, ...text('trailer from a camera app')]))).toMatchObject({ ok: true });
    expect(sniff(new Uint8Array([...png, 0, 0, 0, 0]))).toMatchObject({ ok: true });
  });

  test('stray bytes before a JPEG marker (decoders skip them with a warning) are not a fault', () => {
    const sof = jpeg.findIndex((x, i) => x === 0xff && jpeg[i + 1] === 0xc0);
    const stray = new Uint8Array([...jpeg.subarray(0, sof), 0, 0, 0, ...jpeg.subarray(sof)]);
    expect(sniff(stray)).toEqual({ ok: true, format: 'jpeg', width: 64, height: 48 });
  });
});

describe('cut-off files are truncated', () => {
  test.each([
    ['a JPEG without its EOI marker', () => cut(jpeg, -2)],
    ['a JPEG cut in the middle of its scan', () => cut(jpeg, jpeg.length / 2)],
    ['a progressive JPEG cut between scans', () => cut(progressive, Math.floor(progressive.length * 0.7))],
    ['a JPEG cut before its frame header', () => cut(jpeg, 40)],
    ['a PNG without IEND', () => cut(png, -12)],
    ['a PNG cut in half', () => cut(png, png.length / 2)],
    ['a PNG cut inside its first chunk', () => cut(png, 20)],
    ['a WebP shorter than its RIFF header says', () => cut(webp, -10)],
  ])('%s', (_, get) => {
    expect(sniff(get())).toMatchObject({ ok: false, reason: 'truncated' });
  });

  test('a JPEG whose only EOI is its EXIF thumbnail\'s is still truncated', () => {
    // APP1 "Exif\0\0" carrying a whole small JPEG, placed right after SOI, as cameras do.
    const thumb = jpeg;
    const payload = new Uint8Array([...text('Exif\0\0'), ...thumb]);
    const app1 = new Uint8Array([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
    const withThumb = new Uint8Array([0xff, 0xd8, ...app1, ...jpeg.subarray(2)]);
    expect(sniff(withThumb)).toEqual({ ok: true, format: 'jpeg', width: 64, height: 48 });
    expect(sniff(cut(withThumb, -200))).toMatchObject({ ok: false, reason: 'truncated' });
  });
});

describe('files that are no picture', () => {
  test.each([
    ['text', () => text('My commission price list\n头像 ¥200\n')],
    ['a PDF', () => text('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n')],
    ['a zip (also .kra, .procreate)', () => zipSync({ 'mergedimage.png': strToU8('not really') })],
    ['JSON', () => text('{"name":"春狐"}')],
    ['HTML', () => text('<!DOCTYPE html><html><body><svg></svg></body></html>')],
  ])('%s is not-image', (_, get) => {
    expect(sniff(get())).toEqual({ ok: false, reason: 'not-image' });
  });

  test('an empty file is empty, a file over 50 MB too-large (before anything else is looked at)', () => {
    expect(sniff(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    const huge = new Uint8Array(MAX_FILE_BYTES + 1);
    huge.set(jpeg);
    expect(sniff(huge)).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('pictures this browser cannot open are unsupported', () => {
  const ftyp = (major: string, ...compatible: string[]) => {
    const brands = [major, '\0\0\0\0', ...compatible].join('');
    return new Uint8Array([0, 0, 0, 8 + brands.length, ...text('ftyp'), ...text(brands), 0, 0, 0, 8, ...text('meta')]);
  };
  test.each([
    ['HEIC from a phone', () => ftyp('heic', 'mif1', 'heic'), 'heic'],
    ['HEIF with a generic brand', () => ftyp('mif1', 'mif1', 'heic'), 'heic'],
    ['AVIF where the browser lacks it', () => avif, 'avif'],
    ['TIFF', () => tiff, 'tiff'],
    ['a Photoshop document', () => new Uint8Array([...text('8BPS'), 0, 1, 0, 0, 0, 0, 0, 0, 0, 3]), 'psd'],
    ['SVG', () => text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    ['JPEG XL', () => new Uint8Array([0xff, 0x0a, 0xfa, 0x7f]), 'jxl'],
  ] as const)('%s', (_, get, format) => {
    expect(sniff(get())).toEqual({ ok: false, reason: 'unsupported', format });
  });

  test('an AVIF that says so only among its compatible brands is AVIF', () => {
    expect(sniff(ftyp('mif1', 'mif1', 'avif', 'miaf'))).toEqual({ ok: false, reason: 'unsupported', format: 'avif' });
  });
});

describe('pixels', () => {
  test('over 50 megapixels is refused from the header, exactly 50 passes', async () => {
    const over = bytes(await sharp({ create: { width: 8200, height: 6200, channels: 3, background: '#000' } }).png({ compressionLevel: 1 }).toBuffer());
    expect(sniff(over)).toEqual({ ok: false, reason: 'too-many-pixels', format: 'png', width: 8200, height: 6200 });
    const limit = bytes(await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#000' } }).png({ compressionLevel: 1 }).toBuffer());
    expect(sniff(limit)).toEqual({ ok: true, format: 'png', width: 10_000, height: 5_000 });
  });

  test('the size of a huge JPEG is read without decoding it', () => {
    // The frame header says 9000 × 6000; nothing after it is looked at before the refusal.
    const sof = jpeg.findIndex((x, i) => x === 0xff && jpeg[i + 1] === 0xc0);
    const patched = jpeg.slice();
    patched.set([6000 >> 8, 6000 & 0xff, 9000 >> 8, 9000 & 0xff], sof + 5);
    expect(sniff(patched)).toEqual({ ok: false, reason: 'too-many-pixels', format: 'jpeg', width: 9000, height: 6000 });
  });

  // Headers that lie: the size a decoder would use is the one judged, so a file cannot pass by stating a small one.
  test('a 19,000 × 19,000 PNG is refused from its header', () => {
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 19_000);
    new DataView(huge.buffer).setUint32(20, 19_000);
    expect(sniff(huge)).toEqual({ ok: false, reason: 'too-many-pixels', format: 'png', width: 19_000, height: 19_000 });
  });

  test('fill bytes before a JPEG\'s frame header do not hide a 19,999² claim', () => {
    const sof = jpeg.findIndex((x, i) => x === 0xff && jpeg[i + 1] === 0xc0);
    const frame = jpeg.slice(sof);
    frame.set([19_999 >> 8, 19_999 & 0xff, 19_999 >> 8, 19_999 & 0xff], 5);
    const bomb = new Uint8Array([...jpeg.subarray(0, sof), 0xff, 0xff, 0xff, 0xff, ...frame]);
    expect(sniff(bomb)).toMatchObject({ ok: false, reason: 'too-many-pixels', width: 19_999, height: 19_999 });
  });

  test('an icon whose directory says 16 × 16 but which embeds a 19,000² PNG is refused', () => {
    const inner = png.slice();
    new DataView(inner.buffer).setUint32(16, 19_000);
    new DataView(inner.buffer).setUint32(20, 19_000);
    const dir = new Uint8Array(22);
    const v = new DataView(dir.buffer);
    v.setUint16(2, 1, true); // type: icon
    v.setUint16(4, 1, true); // one entry
    dir.set([16, 16], 6);
    v.setUint32(6 + 8, inner.length, true);
    v.setUint32(6 + 12, 22, true);
    expect(sniff(new Uint8Array([...dir, ...inner]))).toMatchObject({ ok: false, reason: 'too-many-pixels', format: 'ico', width: 19_000, height: 19_000 });
  });

  test('a GIF whose screen says 1 × 1 is judged by its frame', () => {
    const lying = gif.slice();
    lying.set([1, 0, 1, 0], 6);
    expect(sniff(lying)).toEqual({ ok: true, format: 'gif', width: 64, height: 48 });
  });

  test('an AVIF without its size property is refused, not trusted to the decoder', () => {
    const withAvif = new Set<ImageFormat>([...ALWAYS_DECODABLE, 'avif']);
    const at = avif.findIndex((x, i) => x === 0x69 && avif[i + 1] === 0x73 && avif[i + 2] === 0x70 && avif[i + 3] === 0x65);
    const hidden = avif.slice();
    hidden.set([0x78, 0x78, 0x78, 0x78], at); // 'ispe' renamed: the box is no longer a size
    expect(sniff(hidden, withAvif)).toMatchObject({ ok: false, reason: 'truncated', format: 'avif' });
  });
});
