// Gallery backup and restore: the artist's works in one zip that outlives an uninstall. Pure (fflate, TextEncoder,
// TextDecoder and atob exist in Node 20 and every browser; besides them only the pure engine/quantize), so the
// gallery page and the Node tests run the same bytes. It only builds and parses: the caller reads and writes
// IndexedDB, so a refused file changes nothing.
import type { WireThumb } from '../shared/types';
import { Unzip, UnzipInflate, unzipSync, zipSync, type UnzipFile, type Zippable } from 'fflate';
import { dequantize, dequantizeAll, quantize } from '../engine/quantize';
import type { WorkSignals } from '../engine/matcher';

export const BACKUP_FORMAT = 'inkseal-gallery';
export const BACKUP_VERSION = 1;

export interface BackupWork {
  id: string;
  name: string;
  addedAt: number;
  thumbnail: string;
  /** The work at analysis size; absent when the backup was made without originals. */
  image?: string;
  signals: { engineVersion: string; hash: number[]; hashQuality: number; vectors: number[][]; style: number[]; thumb?: WireThumb };
  /** The work's details (title, dates, tags) and its content hash. */
  details?: Record<string, unknown>;
  /** Where the work first came from (file, link, profile, …). */
  source?: { kind: string; url?: string };
}

/**
 * A stored work's fingerprints as a backup holds them: floats, as in every backup so far, so any Inkseal reads
 * the file, and `storedSignals` gives back the very bytes the gallery held (each row's largest component is
 * exactly 127 steps of its scale, so quantizing again finds the same scale and codes).
 */
export function backupSignals(s: WorkSignals, engineVersion: string): BackupWork['signals'] {
  return {
    engineVersion, hash: Array.from(s.hash), hashQuality: s.hashQuality,
    vectors: dequantizeAll(s.vectors).map((v) => Array.from(v)), style: Array.from(dequantize(s.style, 0)),
    ...(s.thumb ? { thumb: { ...s.thumb, data: Array.from(s.thumb.data) } } : {}),
  };
}

/** A backup's fingerprints (of the running engine) as the gallery stores them. Throws on rows of unequal length. */
export function storedSignals(id: string, s: BackupWork['signals']): WorkSignals {
  const thumb = s.thumb && { ...s.thumb, data: Uint8Array.from(s.thumb.data) };
  return { id, hash: Uint32Array.from(s.hash), hashQuality: s.hashQuality, vectors: quantize(s.vectors), style: quantize([s.style]), ...(thumb ? { thumb } : {}) };
}

export type BackupProblem = 'not-zip' | 'no-manifest' | 'bad-manifest' | 'wrong-format' | 'newer-version'
  | 'too-large' | 'too-many-files' | 'bad-path' | 'missing-file' | 'bad-work';

export class BackupError extends Error {
  constructor(readonly problem: BackupProblem, detail?: string) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'BackupError';
  }
}

/** Bounds on what a backup may make the reader hold, all in uncompressed bytes. */
export interface BackupLimits { maxTotalBytes: number; maxFileBytes: number; maxEntries: number }

/** A 1,024 px JPEG is well under 1 MB, so 20 MB a picture and 200 MB in all leave room for any real gallery. */
export const DEFAULT_BACKUP_LIMITS: BackupLimits = {
  maxTotalBytes: 200 * 1024 * 1024, maxFileBytes: 20 * 1024 * 1024, maxEntries: 50_000,
};

const MANIFEST = 'manifest.json';
/** Gallery ids are UUIDs; anything else could not name a file safely on every OS. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Generous bounds on the fingerprints (today 8 hash words, a few 256-d vectors), so a hostile file cannot
 *  make the matcher hold megabytes per work, and a later engine's somewhat larger signals still restore. */
const MAX_HASH_WORDS = 64;
const MAX_VECTORS = 64;
const MAX_DIM = 4096;
const MAX_TEXT = 1000;
/** Deflate expands at most ~1,032:1, so one slice inflates to under 9 MB before the running bound is checked. */
const SLICE = 8 * 1024;

const DOS_FIRST = Date.UTC(1980, 0, 2);
const DOS_LAST = Date.UTC(2099, 11, 30);

export async function buildBackup(
  works: BackupWork[], opts: { withOriginals: boolean; engineVersion: string; now?: number },
): Promise<{ zip: Uint8Array; name: string }> {
  const now = opts.now ?? Date.now();
  // Zip's DOS dates span 1980–2099 and fflate throws outside them: a wrong clock must not stop the backup.
  const mtime = new Date(Math.min(Math.max(now, DOS_FIRST), DOS_LAST));
  const json = (v: unknown, pretty: boolean) => new TextEncoder().encode(JSON.stringify(v, null, pretty ? 2 : undefined));
  const files: Zippable = {};
  const ids = new Set<string>();
  const listed = works.map((w) => {
    // Refused here rather than written: a backup that readBackup would refuse is worse than none.
    if (!SAFE_ID.test(w.id) || ids.has(w.id)) throw new Error(`work id ${JSON.stringify(w.id)} cannot name a backup file`);
    ids.add(w.id);
    const picture = (folder: string, dataUrl: string) => {
      const bytes = fromDataUrl(dataUrl);
      const type = pictureType(bytes);
      if (!type) throw new Error(`work ${w.id}: ${folder} is not a JPEG, PNG or WebP picture`);
      const name = `${folder}/${w.id}.${type.ext}`;
      // Already compressed: storing saves time and keeps the pictures byte-identical.
      files[name] = [bytes, { level: 0, mtime }];
      return name;
    };
    const { engineVersion, hash, hashQuality, vectors, style, thumb } = w.signals;
    const fingerprints = `fingerprints/${w.id}.json`;
    files[fingerprints] = [json({ engineVersion, hash, hashQuality, vectors, style, ...(thumb ? { thumb } : {}) }, false), { level: 6, mtime }];
    return {
      id: w.id, name: w.name, addedAt: w.addedAt, details: w.details, source: w.source,
      thumbnail: picture('thumbs', w.thumbnail),
      image: opts.withOriginals && w.image ? picture('images', w.image) : undefined,
      fingerprints,
    };
  });
  const manifest = {
    format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now, engineVersion: opts.engineVersion,
    count: listed.length, works: listed,
  };
  // The manifest goes first, where a person opening the zip (and a streaming reader) meets it first.
  const zip = zipSync({ [MANIFEST]: [json(manifest, true), { level: 6, mtime }], ...files });
  return { zip, name: `inkseal-gallery-${localDay(now)}.zip` };
}

/**
 * Parses a backup the artist picked, which may be anything: every refusal is a BackupError naming the problem, and
 * nothing beyond the limits is ever inflated. The fingerprints come back as recorded with their engine version:
 * when that differs from the running engine's, the caller should recompute them from the images (or thumbnails)
 * rather than match with signals of another shape or scale.
 */
export async function readBackup(
  bytes: Uint8Array, limits?: Partial<BackupLimits>,
): Promise<{ works: BackupWork[]; engineVersion: string; createdAt: number }> {
  const bounds = { ...DEFAULT_BACKUP_LIMITS, ...limits };
  const declared = listEntries(bytes, bounds);
  if (!declared.has(MANIFEST)) throw new BackupError('no-manifest');
  const files = extract(bytes, declared, bounds);
  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes) throw new BackupError('no-manifest');
  const manifest = parseJson(manifestBytes);
  if (!isRecord(manifest)) throw new BackupError('bad-manifest', 'not a JSON object');
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError('wrong-format', String(manifest.format).slice(0, 100));
  const { version, createdAt, engineVersion, count, works } = manifest;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new BackupError('bad-manifest', 'version');
  if (version > BACKUP_VERSION) throw new BackupError('newer-version', String(version));
  if (!isFiniteNumber(createdAt) || !isText(engineVersion) || !Array.isArray(works) || count !== works.length) {
    throw new BackupError('bad-manifest', 'createdAt, engineVersion, count or works');
  }
  const ids = new Set<string>();
  // Each file serves one work: otherwise a few kilobytes of manifest could name one 20 MB picture a million times.
  const used = new Set<string>();
  const restored = works.map((entry: unknown, i): BackupWork => {
    const where = `works[${i}]`;
    if (!isRecord(entry)) throw new BackupError('bad-work', where);
    const { id, name, addedAt, details, source } = entry;
    if (typeof id !== 'string' || !SAFE_ID.test(id) || ids.has(id)) throw new BackupError('bad-work', `${where}.id`);
    ids.add(id);
    if (!isText(name) || !isFiniteNumber(addedAt) || (details !== undefined && !isRecord(details))) {
      throw new BackupError('bad-work', `${where} (${id}): name, addedAt or details`);
    }
    const file = (field: string, folder: string) => {
      const ref = entry[field];
      if (typeof ref !== 'string' || !ref.startsWith(`${folder}/`) || used.has(ref)) throw new BackupError('bad-work', `${id}.${field}`);
      used.add(ref);
      const found = files.get(ref);
      if (!found) throw new BackupError('missing-file', ref);
      return found;
    };
    const picture = (field: string, folder: string) => {
      const pictureBytes = file(field, folder);
      const type = pictureType(pictureBytes);
      if (!type) throw new BackupError('bad-work', `${id}.${field} is not a JPEG, PNG or WebP picture`);
      return `data:${type.mime};base64,${toBase64(pictureBytes)}`;
    };
    return {
      id, name, addedAt,
      thumbnail: picture('thumbnail', 'thumbs'),
      ...(entry.image === undefined ? {} : { image: picture('image', 'images') }),
      signals: readSignals(file('fingerprints', 'fingerprints'), id),
      ...(details === undefined ? {} : { details }),
      // Checked where it is stored (gallery-restore.ts sourceOf); only a record passes here.
      ...(isRecord(source) ? { source: source as BackupWork['source'] } : {}),
    };
  });
  return { works: restored, engineVersion, createdAt };
}

/**
 * The central directory, read without inflating a byte (the filter declines every entry): names, count and
 * declared sizes are all refused here, so a zip bomb that admits its size costs nothing.
 */
function listEntries(bytes: Uint8Array, limits: BackupLimits): Map<string, number> {
  const declared = new Map<string, number>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (declared.size >= limits.maxEntries) throw new BackupError('too-many-files', `over ${limits.maxEntries}`);
        if (!isSafePath(f.name) || declared.has(f.name)) throw new BackupError('bad-path', JSON.stringify(f.name));
        if (f.compression !== 0 && f.compression !== 8) throw new BackupError('not-zip', `compression ${f.compression}`);
        total += f.originalSize;
        if (f.originalSize > limits.maxFileBytes || total > limits.maxTotalBytes) {
          throw new BackupError('too-large', `${f.name} declares ${f.originalSize} bytes`);
        }
        declared.set(f.name, f.originalSize);
        return false;
      },
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError('not-zip', e instanceof Error ? e.message : undefined);
  }
  return declared;
}

/** Only these are ever inflated; anything else in the zip (a __MACOSX folder, a note) is skipped unread. */
const wanted = (name: string) => name === MANIFEST || /^(thumbs|images|fingerprints)\/[^/]+$/.test(name);

/**
 * Inflates the wanted entries from their local headers, fed in small slices so that the running count of real
 * output stops an entry whose declared size lies (or a stream that disagrees with its central directory) after
 * at most one slice's worth of output.
 */
function extract(bytes: Uint8Array, declared: Map<string, number>, limits: BackupLimits): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  let total = 0;
  let failure: BackupError | undefined;
  const onFile = (file: UnzipFile) => {
    if (failure) return;
    const bound = declared.get(file.name);
    if (!isSafePath(file.name)) failure = new BackupError('bad-path', JSON.stringify(file.name));
    else if (bound === undefined || seen.has(file.name)) failure = new BackupError('not-zip', `${file.name}: not as in the central directory`);
    if (failure || bound === undefined || !wanted(file.name)) return;
    seen.add(file.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) { failure = new BackupError('not-zip', `${file.name}: ${err.message}`); return; }
      size += chunk.length;
      total += chunk.length;
      if (size > bound || total > limits.maxTotalBytes) {
        failure = new BackupError('too-large', `${file.name} inflates past its declared ${bound} bytes or the total`);
        return;
      }
      chunks.push(chunk);
      if (final) files.set(file.name, concat(chunks, size));
    };
    file.start();
  };
  const unzip = new Unzip(onFile);
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += SLICE) {
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    }
  } catch (e) {
    throw failure ?? new BackupError('not-zip', e instanceof Error ? e.message : undefined);
  }
  if (failure) throw failure;
  return files;
}

/** One relative path inside the zip: no `..` or `.` segments, no root, drive letter, backslash or control. */
function isSafePath(name: string): boolean {
  if (!name || name.length > 512 || /[\\:\0-\x1f]/.test(name) || name.startsWith('/')) return false;
  // A trailing slash marks a directory entry, which some zip tools add; it is listed but never read.
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

function readSignals(bytes: Uint8Array, id: string): BackupWork['signals'] {
  const v = parseJson(bytes, id);
  const bad = () => new BackupError('bad-work', `${id}: fingerprints`);
  if (!isRecord(v)) throw bad();
  const { engineVersion, hash, hashQuality, vectors, style } = v;
  if (!isText(engineVersion) || !isFiniteNumber(hashQuality)) throw bad();
  if (!isNumbers(hash, MAX_HASH_WORDS) || !hash.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) throw bad();
  if (!Array.isArray(vectors) || vectors.length > MAX_VECTORS || !vectors.every((x) => isNumbers(x, MAX_DIM))) throw bad();
  if (!isNumbers(style, MAX_DIM)) throw bad();
  // The screen grid came later (2026-12): a backup without it restores, and its works are only not screen-shortlisted.
  const thumb = readThumb(v.thumb);
  if (thumb === null) throw bad();
  return { engineVersion, hash, hashQuality, vectors: vectors as number[][], style, ...(thumb ? { thumb } : {}) };
}

/** A work's screen grid from a backup: undefined when absent, null when malformed. */
function readThumb(t: unknown): WireThumb | undefined | null {
  if (t === undefined) return undefined;
  if (!isRecord(t)) return null;
  const { width, height, nx, ny, data } = t;
  const side = (x: unknown, max: number): x is number => Number.isInteger(x) && (x as number) >= 1 && (x as number) <= max;
  if (!side(width, 1e5) || !side(height, 1e5) || !side(nx, 64) || !side(ny, 64)) return null;
  if (!isNumbers(data, 64 * 64) || data.length !== nx * ny || !data.every((d) => Number.isInteger(d) && d >= 0 && d <= 255)) return null;
  return { width, height, nx, ny, data };
}

/** The manifest when `id` is absent, else a work's fingerprints: each names its own problem. */
function parseJson(bytes: Uint8Array, id?: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw id === undefined ? new BackupError('bad-manifest', 'not JSON') : new BackupError('bad-work', `${id}: fingerprints are not JSON`);
  }
}

/** Told by magic number, never by the file's extension or a declared type. */
function pictureType(b: Uint8Array): { mime: string; ext: string } | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { mime: 'image/png', ext: 'png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
  return undefined;
}

/** Pictures come from canvas/FileReader, always base64. A plain loop: `Uint8Array.from(atob(s), fn)` took 6 s for
 *  an 18 MB picture on a 2-core test machine, this 0.3 s. */
function fromDataUrl(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  if (comma < 0 || !/^data:[^,]*;base64$/i.test(dataUrl.slice(0, comma))) throw new Error('a picture is not a base64 data URL');
  const binary = atob(dataUrl.slice(comma + 1));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const BASE64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const PAD = 61; // '='

/** By hand into ASCII bytes: a binary string for btoa took 1.2–5 s for 18 MB on the same machine, this 0.4 s. */
function toBase64(b: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(b.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out[o++] = BASE64[n >> 18]!; out[o++] = BASE64[(n >> 12) & 63]!; out[o++] = BASE64[(n >> 6) & 63]!; out[o++] = BASE64[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    out[o++] = BASE64[n >> 18]!; out[o++] = BASE64[(n >> 12) & 63]!;
    out[o++] = i + 1 < b.length ? BASE64[(n >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** The artist's own calendar day, as they would look for the file in their downloads. */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isNumbers = (v: unknown, max: number): v is number[] => Array.isArray(v) && v.length <= max && v.every(isFiniteNumber);
