// The gallery benchmark's works: distinct 800×600 JPEGs cut from the art corpus (for imports through the page),
// and the in-page seeding that turns the imported works into a 10,000-work gallery without the model.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { seededRandom } from '../../src/engine/vectors';

/**
 * `count` files on disk (cached in `dir`), each a different crop of a corpus work with its hue, saturation and
 * brightness shifted and its number written on it: no two share a content hash, and their fingerprints spread
 * like a real portfolio's (several works per palette and subject) rather than being copies of one another.
 */
export async function importFiles(artDir: string, dir: string, count: number): Promise<string[]> {
  const art = readdirSync(artDir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort().map((f) => join(artDir, f));
  if (!art.length) throw new Error(`no works in ${artDir}`);
  mkdirSync(dir, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) => join(dir, `work-${String(i + 1).padStart(5, '0')}.jpg`));
  const sizes = new Map<string, { width: number; height: number }>();
  const make = async (i: number) => {
    if (existsSync(paths[i]!)) return;
    const src = art[i % art.length]!;
    const input = readFileSync(src);
    if (!sizes.has(src)) {
      const m = await sharp(input).metadata();
      sizes.set(src, { width: m.width!, height: m.height! });
    }
    const { width, height } = sizes.get(src)!;
    const r = seededRandom(i + 1);
    const k = 0.55 + 0.4 * r();
    const w = Math.max(16, Math.round(width * k)), h = Math.max(16, Math.round(height * k));
    const label = Buffer.from(`<svg width="800" height="600"><text x="${40 + Math.round(r() * 500)}" y="${80 + Math.round(r() * 460)}"
      font-family="sans-serif" font-size="${36 + Math.round(r() * 30)}" fill="hsl(${Math.round(r() * 360)},80%,50%)">№ ${i + 1}</text></svg>`);
    await sharp(input)
      .flatten({ background: '#ffffff' })
      .extract({ left: Math.floor(r() * (width - w)), top: Math.floor(r() * (height - h)), width: w, height: h })
      .resize(800, 600, { fit: 'cover' })
      .modulate({ hue: Math.round(r() * 360), saturation: 0.8 + 0.4 * r(), brightness: 0.85 + 0.3 * r() })
      .composite([{ input: label }])
      .jpeg({ quality: 85 })
      .toFile(paths[i]!);
  };
  for (let i = 0; i < count; i += 8) await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => make(i + j)));
  return paths;
}

export interface SeedChunk {
  /** Index of the first seeded work (names, seeds and which real work each copies follow from it). */
  first: number;
  count: number;
  /** Seed of the titles, tags and fingerprint noise. */
  seed: number;
}

/**
 * Runs in an extension page: writes `count` works copied from the stored (real, analysed) ones into IndexedDB, in
 * one transaction, with the product's record shapes (src/shared/db.ts). Each copy gets its own id, content hash,
 * title, tags, dates and source, and the fingerprints of a different picture: a random hash, and its original's
 * vectors with their components shuffled (one shuffle per work, so its regional vectors keep their relations).
 * Shuffled, a vector keeps a real one's sparsity and spread but points elsewhere; noise added instead makes dense
 * vectors that sit close to every picture and match unrelated feeds. The style descriptor is its original's: one
 * artist's works share a style, and the style signal is calibrated on how alike the gallery's works are. Its pictures are its original's (a realistic size on disk and
 * in the thumbnail reads). Self-contained: evaluated in the page, so it imports nothing.
 */
export async function seedWorks({ first, count, seed }: SeedChunk): Promise<number> {
  const open = () => new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('inkseal');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  const db = await open();
  const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('request failed'));
  });
  type Rows = { codes: Int8Array; scales: Float32Array };
  type Work = { id: string; name: string; addedAt: number; signals: { id: string; hash: Uint32Array; hashQuality: number; vectors: Rows; style: Rows }; deletedAt?: number; [k: string]: unknown };
  const real = (await request(db.transaction('works').objectStore('works').getAll() as IDBRequest<Work[]>))
    .filter((w) => w.deletedAt === undefined && !w.name.startsWith('seeded-'))
    .sort((a, b) => a.addedAt - b.addedAt);
  if (!real.length) throw new Error('no analysed works to copy');
  const sources = Array.from({ length: count }, (_, k) => real[(first + k) % real.length]!);
  const fileStore = db.transaction('workFiles').objectStore('workFiles');
  const files = await Promise.all(sources.map((w) => request(fileStore.get(w.id) as IDBRequest<{ thumbnail: string; image: string } | undefined>)));

  let a = (seed + first * 7919) >>> 0;
  const rnd = () => {
    let t = (a = (a + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const shuffle = (n: number) => {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  };
  /** Each row's components in the order p (the stored signed bytes, quantize.ts); the scales stay. */
  const permuted = (v: Rows, p: number[]): Rows => {
    const codes = new Int8Array(v.codes.length);
    for (let at = 0; at < codes.length; at += p.length) p.forEach((from, j) => { codes[at + j] = v.codes[at + from]!; });
    return { codes, scales: v.scales };
  };
  const hex = () => Array.from({ length: 64 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const ADJ = ['amber', 'quiet', 'winter', 'paper', 'golden', 'misty', 'crimson', 'little', 'northern', 'velvet', '春日', '夜行'];
  const NOUN = ['fox', 'harbour', 'garden', 'lantern', 'river', 'crane', 'orchard', 'moth', 'tram', 'island', '山茶', '狐狸'];
  const TAGS = ['watercolour', 'ink', 'commission', 'fanart', 'sketch', 'oc', 'landscape', 'portrait', '插画', '原创', 'print', 'study'];
  const KINDS = ['file', 'file', 'file', 'link', 'sync', 'profile'];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const now = Date.now();

  const tx = db.transaction(['works', 'workFiles'], 'readwrite');
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('seeding failed'));
  });
  sources.forEach((src, k) => {
    const n = first + k;
    const id = crypto.randomUUID();
    const hash = src.signals.hash.map(() => Math.floor(rnd() * 2 ** 32));
    const vectorOrder = shuffle(src.signals.vectors.codes.length / Math.max(1, src.signals.vectors.scales.length));
    const addedAt = now - 3 * 365 * 86_400_000 + Math.floor((n / (first + count + 1)) * 2 * 365 * 86_400_000);
    const kind = pick(KINDS);
    const { contentHash: _c, title: _t, tags: _g, createdOn: _d, publishedUrl: _u, publishedOn: _p, source: _s, engineVersion, ...rest } = src;
    tx.objectStore('works').put({
      ...rest, id, name: `seeded-${String(n).padStart(5, '0')}.jpg`, addedAt, contentHash: hex(), engineVersion,
      title: `${pick(ADJ)} ${pick(NOUN)} ${n}`,
      tags: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TAGS)),
      createdOn: day(addedAt - Math.floor(rnd() * 60) * 86_400_000),
      ...(rnd() < 0.3 ? { publishedUrl: `https://www.xiaohongshu.com/explore/${hex().slice(0, 24)}`, publishedOn: day(addedAt) } : {}),
      source: kind === 'file' ? { kind } : { kind, url: `https://example.com/works/${n}` },
      signals: {
        id, hash, hashQuality: src.signals.hashQuality,
        vectors: permuted(src.signals.vectors, vectorOrder), style: src.signals.style,
      },
    });
    const f = files[k];
    if (f) tx.objectStore('workFiles').put({ id, thumbnail: f.thumbnail, image: f.image });
  });
  await committed;
  db.close();
  return count;
}
