// The quality benchmark's data: corpus works grouped so duplicates never straddle the split, half of the groups
// as the artist's gallery, the rest as distractors, and repost variants of both, with their signals.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbedder, type Embedder } from '../../src/ml/embedder';
import { computeSignals, type ImageSignals } from '../../src/ml/signals';
import { fileModel } from '../../src/cli/model-io';
import { decodeRaster } from '../../src/cli/decode';
import { dot } from '../../src/engine/vectors';
import sharp from 'sharp';
import { loadBase, makeNegativeVariants, makeVariants, type RawImage } from './variants';
import { makeFamilyVariant, type Family } from './families';

export interface Work { file: string; group: number; data: Buffer }
export interface Query {
  source: string;
  group: number;
  transform: string;
  kind: 'mild' | 'hard' | 'family' | 'negative';
  /** Where a negative came from, or the drawn parameters of a family variant. */
  detail?: string;
  signals: ImageSignals;
  /** Signal computation (crops, hashes, embeddings; not decoding), ms. */
  ms: number;
  /** The posted bytes, for the second stage (engine/verify.ts), which reads pixels the signals do not keep. */
  data?: Buffer;
}

/** Works at or above this global cosine are the same picture re-cut (the corpus ships a few): one group. */
export const SAME_PICTURE = 0.97;
const CACHE = '.cache/bench';

export async function loadEmbedder(modelDir: string): Promise<Embedder> {
  return createEmbedder({ model: fileModel(modelDir) });
}

export function readWorks(artDir: string): Omit<Work, 'group'>[] {
  return readdirSync(artDir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort()
    .map((file) => ({ file, data: readFileSync(join(artDir, file)) }));
}

/**
 * Union-find over "same picture" pairs: byte-identical files, near-identical global embeddings, or two pictures
 * `series` says are one designer's set on shared templates.
 */
export function groupWorks(works: Omit<Work, 'group'>[], globals: Float32Array[], series: (a: string, b: string) => boolean = () => false): Work[] {
  const parent = works.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const sha = works.map((w) => createHash('sha256').update(w.data).digest('hex'));
  for (let i = 0; i < works.length; i++) {
    for (let j = i + 1; j < works.length; j++) {
      if (sha[i] === sha[j] || dot(globals[i]!, globals[j]!) >= SAME_PICTURE || series(works[i]!.file, works[j]!.file)) parent[find(i)] = find(j);
    }
  }
  return works.map((w, i) => ({ ...w, group: find(i) }));
}

async function cachedVariants(work: Work, seed: number, negative: boolean) {
  const dir = join(CACHE, 'variants', `${work.file}${negative ? '-neg' : ''}`);
  const index = join(dir, 'index.json');
  if (existsSync(index)) {
    const list = JSON.parse(readFileSync(index, 'utf8')) as { transform: string; group: 'mild' | 'hard'; file: string }[];
    return list.map((v) => ({ ...v, data: readFileSync(join(dir, v.file)) }));
  }
  const made = await (negative ? makeNegativeVariants : makeVariants)(work.data, seed);
  mkdirSync(dir, { recursive: true });
  const list = made.map((v) => ({ transform: v.transform, group: v.group, file: `${v.transform}.${v.mime.split('/')[1]}` }));
  made.forEach((v, i) => writeFileSync(join(dir, list[i]!.file), v.data));
  writeFileSync(index, JSON.stringify(list));
  return made;
}

/** Decodes like the extension, then times only the signal computation (what the model host does per picture). */
export function querySignals(embedder: Embedder): (data: Buffer) => Promise<{ signals: ImageSignals; ms: number }> {
  return async (data) => {
    const raster = await decodeRaster(data, 'query');
    const t = performance.now();
    const signals = await computeSignals(embedder, raster, 'query');
    return { signals, ms: performance.now() - t };
  };
}

export async function querySet(embedder: Embedder, gallery: Work[], distractors: Work[], progress: (msg: string) => void,
  keep: (transform: string) => boolean = () => true): Promise<Query[]> {
  const out: Query[] = [];
  const signals = querySignals(embedder);
  let n = 0;
  for (const w of gallery) {
    progress(`variants of gallery work ${++n}/${gallery.length}`);
    for (const v of await cachedVariants(w, n, false)) {
      if (!keep(v.transform)) continue;
      out.push({ source: w.file, group: w.group, transform: v.transform, kind: v.group, data: v.data, ...(await signals(v.data)) });
    }
  }
  n = 0;
  for (const w of distractors) {
    progress(`distractor ${++n}/${distractors.length}`);
    out.push({ source: w.file, group: w.group, transform: 'original', kind: 'negative', detail: 'corpus', data: w.data, ...(await signals(w.data)) });
    for (const v of await cachedVariants(w, 1000 + n, true)) {
      out.push({ source: w.file, group: w.group, transform: v.transform, kind: 'negative', detail: 'corpus', data: v.data, ...(await signals(v.data)) });
    }
  }
  return out;
}

/** INKSEAL_BENCH_SEED=<n>: fresh random draws of every family variant (quality.ts seedOf); 0 the usual ones. */
export const BENCH_SEED = Number(process.env.INKSEAL_BENCH_SEED ?? 0);
/**
 * Bump when families.ts changes what a draw makes, so cached variants are made again. Fresh draws are kept apart:
 * the cache is keyed by picture, family and draw, not by seed.
 */
const FAMILY_CACHE = join(CACHE, `families-v1${BENCH_SEED ? `-seed${BENCH_SEED}` : ''}`);

/** Families whose draws show other pictures (fillerData): their cached draws are only good for the same fillers. */
const WITH_FILLERS: readonly Family[] = ['collage', 'screen-photo', 'screen-fill'];

/** One draw of a family for one picture, made once and cached (a screen photo takes ~0.5 s to render). */
async function cachedFamily(source: string, data: Buffer, family: Family, seed: number, draw: number, fillers: () => Promise<RawImage[]>, fillerKey: string) {
  const dir = join(FAMILY_CACHE, source);
  const meta = join(dir, `${family}-${draw}.json`);
  const key = WITH_FILLERS.includes(family) ? fillerKey : undefined;
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { file: string; detail: string; fillers?: string };
    // A collage made with other fillers may hold a picture that is no longer a negative (a derivative left out since).
    if (m.fillers === key) return { detail: m.detail, data: readFileSync(join(dir, m.file)) };
  }
  const v = await makeFamilyVariant(await loadBase(data), family, seed, draw, await fillers());
  mkdirSync(dir, { recursive: true });
  const file = `${family}-${draw}.${v.mime.split('/')[1]}`;
  writeFileSync(join(dir, file), v.data);
  writeFileSync(meta, JSON.stringify({ file, detail: v.detail, box: v.box, quad: v.quad, ...(key ? { fillers: key } : {}) }));
  return { detail: v.detail, data: v.data };
}

export interface FamilyJob { source: string; group: number; data: Buffer; negative: boolean; families: readonly Family[]; draws: number; seed: number }

/** Family variants of each job's picture (the same generator for positives and negatives), with their signals. */
export async function familyQueries(embedder: Embedder, jobs: FamilyJob[], fillerData: Buffer[], progress: (msg: string) => void): Promise<Query[]> {
  let fillers: RawImage[] | undefined;
  // Collage tiles and screen surrounds come from pictures that are not in the gallery, decoded small once.
  const getFillers = async () => (fillers ??= await Promise.all(fillerData.map(async (d) => loadBase(await sharp(d).resize(540, 540, { fit: 'inside' }).toBuffer()))));
  const fillerKey = fillerData.reduce((h, d) => h.update(d), createHash('sha1')).digest('hex').slice(0, 16);
  const signals = querySignals(embedder);
  const out: Query[] = [];
  let n = 0;
  for (const job of jobs) {
    progress(`family variants ${++n}/${jobs.length}`);
    for (const family of job.families) {
      for (let d = 0; d < job.draws; d++) {
        const v = await cachedFamily(job.source, job.data, family, job.seed, d, getFillers, fillerKey);
        out.push({ source: job.source, group: job.group, transform: family, kind: job.negative ? 'negative' : 'family', detail: v.detail, data: v.data, ...(await signals(v.data)) });
      }
    }
  }
  return out;
}
