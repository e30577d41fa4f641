// Gallery backups: what goes in comes back out, and a hostile file (traversal, bombs, lies, junk) is refused with
// its problem code before anything would be written.
import { randomBytes } from 'node:crypto';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BACKUP_FORMAT, BACKUP_VERSION, BackupError, backupSignals, buildBackup, readBackup, storedSignals, type BackupLimits, type BackupProblem,
  type BackupWork,
} from '../../src/gallery/backup';
import { quantizeSignals } from '../../src/engine/matcher';

const ENGINE = 'inkseal-engine/test-1';
const dataUrl = (mime: string, b: Uint8Array) => `data:${mime};base64,${Buffer.from(b).toString('base64')}`;
const jpeg = async (width: number, height: number, r: number) =>
  new Uint8Array(await sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 40 } } }).jpeg().toBuffer());
const floats = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.fround(Math.sin(seed + i) * 0.5));

let works: BackupWork[];
let thumbJpeg: Uint8Array;
let imageJpeg: Uint8Array;
/** The unzipped files of a valid backup with originals, for the hostile cases to tamper with. */
let valid: Record<string, Uint8Array>;

beforeAll(async () => {
  thumbJpeg = await jpeg(24, 16, 200);
  imageJpeg = await jpeg(96, 64, 30);
  const signals = (seed: number) => ({
    engineVersion: ENGINE, hash: [0, 1, 0xffffffff, 123456789, 7, 8, 9, 10], hashQuality: 87.5,
    vectors: [floats(16, seed), floats(16, seed + 1), floats(16, seed + 2)], style: floats(8, seed + 3),
  });
  works = [
    {
      id: '6f1c1a52-9c1e-4bb0-8d3e-2f0f3a1b7c11', name: '墨鹤 <crane>', addedAt: Date.UTC(2024, 4, 1),
      thumbnail: dataUrl('image/jpeg', thumbJpeg), image: dataUrl('image/jpeg', imageJpeg), signals: signals(1),
      details: { created: '2023-11-02', firstPublishedUrl: 'https://example.com/crane' },
    },
    {
      id: 'b0b7e7d4-1111-4a2a-9f00-000000000002', name: 'Second', addedAt: Date.UTC(2024, 5, 1),
      thumbnail: dataUrl('image/jpeg', thumbJpeg), image: dataUrl('image/jpeg', imageJpeg), signals: signals(2),
    },
  ];
  valid = unzipSync((await buildBackup(works, { withOriginals: true, engineVersion: ENGINE })).zip);
});

const id0 = () => works[0]!.id;
const json = (v: unknown) => strToU8(JSON.stringify(v));
const manifest = () => JSON.parse(new TextDecoder().decode(valid['manifest.json'])) as Record<string, unknown>;
/** The valid backup with some files replaced (undefined deletes), zipped again. */
function tampered(changes: Record<string, Uint8Array | undefined>): Uint8Array {
  const files: Zippable = {};
  for (const [name, bytes] of Object.entries({ ...valid, ...changes })) if (bytes) files[name] = [bytes, { level: 0 }];
  return zipSync(files);
}

async function refusal(bytes: Uint8Array, limits?: Partial<BackupLimits>): Promise<BackupProblem | string> {
  try {
    await readBackup(bytes, limits);
    return 'accepted';
  } catch (e) {
    return e instanceof BackupError ? e.problem : `unexpected ${String(e)}`;
  }
}

describe('round trip', () => {
  test('with originals: the works come back equal, pictures stored as their bytes', async () => {
    const now = Date.UTC(2025, 2, 3, 12);
    const { zip, name } = await buildBackup(works, { withOriginals: true, engineVersion: ENGINE, now });
    expect(name).toMatch(/^inkseal-gallery-\d{8}\.zip$/);
    const files = unzipSync(zip);
    expect(Object.keys(files)[0]).toBe('manifest.json');
    expect(files[`thumbs/${id0()}.jpg`]).toEqual(thumbJpeg);
    expect(files[`images/${id0()}.jpg`]).toEqual(imageJpeg);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json']))).toMatchObject({
      format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now, engineVersion: ENGINE, count: 2,
      works: [{ id: id0(), thumbnail: `thumbs/${id0()}.jpg`, image: `images/${id0()}.jpg`, fingerprints: `fingerprints/${id0()}.json` }, {}],
    });

    const back = await readBackup(zip);
    expect(back).toEqual({ works, engineVersion: ENGINE, createdAt: now });
  });

  // The gallery holds bytes (engine/quantize.ts); a backup holds floats, as every backup has, so older files
  // restore and older Inkseals read newer files. Out and back in, the stored fingerprints are the very same.
  test('stored fingerprints come back identical through a backup, and an old float backup restores', async () => {
    const analysed = { id: id0(), hash: Uint32Array.from([1, 0xffffffff, 3]), hashQuality: 42,
      vectors: Array.from({ length: 15 }, (_, r) => Float32Array.from({ length: 256 }, (_, j) => Math.max(0, Math.sin(r * 31 + j)) * 0.2)),
      style: Float32Array.from({ length: 1408 }, (_, j) => Math.cos(j) * 0.03) };
    const stored = quantizeSignals(analysed);
    const work = { ...works[0]!, signals: backupSignals(stored, ENGINE) };
    const back = (await readBackup((await buildBackup([work], { withOriginals: false, engineVersion: ENGINE })).zip)).works[0]!;
    const restored = storedSignals(back.id, back.signals);
    expect(restored).toEqual(stored);
    expect(restored.vectors.codes).toBeInstanceOf(Uint8Array);
    expect(restored.style.codes).toBeInstanceOf(Int8Array);
    // A backup made before fingerprints were bytes holds the analysis' own floats: they are stored as a fresh
    // analysis would be.
    const old = { ...works[0]!, signals: { engineVersion: ENGINE, hash: Array.from(analysed.hash), hashQuality: 42,
      vectors: analysed.vectors.map((v) => Array.from(v)), style: Array.from(analysed.style) } };
    const oldBack = (await readBackup((await buildBackup([old], { withOriginals: false, engineVersion: ENGINE })).zip)).works[0]!;
    expect(storedSignals(oldBack.id, oldBack.signals)).toEqual(stored);
    // Rows of unequal length are no fingerprints (the restore reports that work as failed).
    expect(() => storedSignals('x', { ...oldBack.signals, vectors: [[0.1, 0.2], [0.3]] })).toThrow(RangeError);
    // The work's grey grid for photographed screens (engine/screen-shortlist.ts) comes back too; a backup made before
    // it had one restores without it.
    const gridded = quantizeSignals({ ...analysed, thumb: { width: 96, height: 64, nx: 16, ny: 11, data: Uint8Array.from({ length: 176 }, (_, i) => i) } });
    const g = (await readBackup((await buildBackup([{ ...works[0]!, signals: backupSignals(gridded, ENGINE) }], { withOriginals: false, engineVersion: ENGINE })).zip)).works[0]!;
    expect(storedSignals(g.id, g.signals)).toEqual(gridded);
    expect(storedSignals(back.id, back.signals).thumb).toBeUndefined();
  });

  test('without originals: everything but the images', async () => {
    const { zip } = await buildBackup(works, { withOriginals: false, engineVersion: ENGINE });
    expect(Object.keys(unzipSync(zip)).filter((n) => n.startsWith('images/'))).toEqual([]);
    const back = await readBackup(zip);
    expect(back.works).toEqual(works.map(({ image: _image, ...rest }) => rest));
    expect(back.works.every((w) => !('image' in w))).toBe(true);
  });

  test('pictures of every length modulo 3 come back byte-identical', async () => {
    const padded = [0, 1, 2].map((extra, i): BackupWork => ({
      ...works[1]!, id: `w${i}`, thumbnail: dataUrl('image/jpeg', new Uint8Array([...thumbJpeg, ...new Uint8Array(extra)])),
    }));
    const { zip } = await buildBackup(padded, { withOriginals: true, engineVersion: ENGINE });
    expect((await readBackup(zip)).works).toEqual(padded);
  });

  test('a work id that cannot name a file is refused when building, not discovered at restore', async () => {
    await expect(buildBackup([{ ...works[0]!, id: '../x' }], { withOriginals: false, engineVersion: ENGINE })).rejects.toThrow(/cannot name/);
  });
});

describe('hostile files', () => {
  test('random bytes and nothing at all', async () => {
    expect(await refusal(new Uint8Array(randomBytes(4096)))).toBe('not-zip');
    expect(await refusal(new Uint8Array(0))).toBe('not-zip');
  });

  test('a zip without a manifest', async () => {
    expect(await refusal(tampered({ 'manifest.json': undefined }))).toBe('no-manifest');
  });

  test('a manifest that is not JSON', async () => {
    expect(await refusal(tampered({ 'manifest.json': strToU8('{"format": "inkseal-gallery",') }))).toBe('bad-manifest');
  });

  test('a manifest of another format', async () => {
    expect(await refusal(tampered({ 'manifest.json': json({ ...manifest(), format: 'inkseal-evidence' }) }))).toBe('wrong-format');
  });

  test('a version newer than this reader knows', async () => {
    expect(await refusal(tampered({ 'manifest.json': json({ ...manifest(), version: 999 }) }))).toBe('newer-version');
  });

  test.each(['../../evil.jpg', '/etc/x', 'thumbs\\evil.jpg', 'C:/evil.jpg', 'thumbs/../../evil.jpg'])('the entry name %j', async (name) => {
    expect(await refusal(tampered({ [name]: thumbJpeg }))).toBe('bad-path');
  });

  test('more entries than the limit', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 50_000; i++) many[`junk/${i}`] = new Uint8Array(0);
    expect(await refusal(tampered(many))).toBe('too-many-files');
  });

  test('a missing thumbnail', async () => {
    expect(await refusal(tampered({ [`thumbs/${id0()}.jpg`]: undefined }))).toBe('missing-file');
  });

  test('a thumbnail that is not a picture', async () => {
    expect(await refusal(tampered({ [`thumbs/${id0()}.jpg`]: strToU8('<svg onload="alert(1)"/>') }))).toBe('bad-work');
  });

  test('an unsafe work id', async () => {
    const m = manifest();
    const list = m.works as Record<string, unknown>[];
    expect(await refusal(tampered({ 'manifest.json': json({ ...m, works: [{ ...list[0], id: '../../x' }, list[1]] }) }))).toBe('bad-work');
  });

  test('one picture named by many works', async () => {
    const m = manifest();
    const list = m.works as Record<string, unknown>[];
    const twice = [list[0], { ...list[1], thumbnail: list[0]!.thumbnail }];
    expect(await refusal(tampered({ 'manifest.json': json({ ...m, works: twice }) }))).toBe('bad-work');
  });

  test('fingerprints with strings in them', async () => {
    const name = `fingerprints/${id0()}.json`;
    const f = JSON.parse(new TextDecoder().decode(valid[name])) as Record<string, unknown>;
    expect(await refusal(tampered({ [name]: json({ ...f, hash: ['1', '2'] }) }))).toBe('bad-work');
    expect(await refusal(tampered({ [name]: json({ ...f, vectors: [[0.1, 'x']] }) }))).toBe('bad-work');
    const thumb = { width: 96, height: 64, nx: 16, ny: 11, data: Array(176).fill(5) };
    expect(await refusal(tampered({ [name]: json({ ...f, thumb: { ...thumb, data: Array(175).fill(5) } }) }))).toBe('bad-work');
    expect(await refusal(tampered({ [name]: json({ ...f, thumb: { ...thumb, data: [...Array(175).fill(5), 300] } }) }))).toBe('bad-work');
    expect(await refusal(tampered({ [name]: json({ ...f, thumb: { ...thumb, nx: 1e6 } }) }))).toBe('bad-work');
  });
});

describe('zip bombs', () => {
  const thumb = () => `thumbs/${id0()}.jpg`;
  let bomb: Uint8Array;

  beforeAll(() => {
    // 300 MB of zeros deflate to ~300 KB: the reader must never hold the 300 MB.
    const files: Zippable = {};
    for (const [name, bytes] of Object.entries(valid)) files[name] = [bytes, { level: 0 }];
    files[thumb()] = [new Uint8Array(300 * 1024 * 1024), { level: 9 }];
    bomb = zipSync(files);
  });

  /** Reads with retained array-buffer memory measured: it would be hundreds of MB had the bomb gone off. */
  async function measuredRefusal(bytes: Uint8Array) {
    const before = process.memoryUsage().arrayBuffers;
    const error = await readBackup(bytes).then(() => undefined, (e: unknown) => e);
    const grewMb = (process.memoryUsage().arrayBuffers - before) / 2 ** 20;
    if (!(error instanceof BackupError)) throw new Error(`not refused as a backup: ${String(error)}`);
    return { problem: error.problem, message: error.message, grewMb };
  }

  test('an entry that declares 300 MB is refused before inflating', async () => {
    const { problem, message, grewMb } = await measuredRefusal(bomb);
    expect(problem).toBe('too-large');
    expect(message).toMatch(/declares 314572800 bytes/);
    expect(grewMb).toBeLessThan(16);
  });

  test('an entry that declares 2 KB but inflates to 300 MB is stopped by the inflate bound', async () => {
    const lying = patchDeclaredSize(bomb, thumb(), 2048);
    const declared: Record<string, number> = {};
    unzipSync(lying, { filter: (f) => { declared[f.name] = f.originalSize; return false; } });
    expect(declared[thumb()]).toBe(2048);
    const { problem, message, grewMb } = await measuredRefusal(lying);
    expect(problem).toBe('too-large');
    expect(message).toMatch(/inflates past its declared 2048 bytes/);
    expect(grewMb).toBeLessThan(48);
  });
});

/** Rewrites one entry's uncompressed size in both its central-directory record and its local header. */
function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const entry = new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength));
    if (entry === name) {
      view.setUint32(at + 24, size, true);
      view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
      return out;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`${name} not in the zip`);
}
