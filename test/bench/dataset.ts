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
import { makeNegativeVariants, makeVariants } from './variants';

export interface Work { file: string; group: number; data: Buffer }
export interface Query { source: string; group: number; transform: string; kind: 'mild' | 'hard' | 'negative'; signals: ImageSignals }

/** Works at or above this global cosine are the same picture re-cut (the corpus ships a few): one group. */
const SAME_PICTURE = 0.97;
const CACHE = '.cache/bench';

export async function loadEmbedder(modelDir: string): Promise<Embedder> {
  return createEmbedder({ model: fileModel(modelDir) });
}

export function readWorks(artDir: string): Omit<Work, 'group'>[] {
  return readdirSync(artDir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort()
    .map((file) => ({ file, data: readFileSync(join(artDir, file)) }));
}

/** Union-find over "same picture" pairs: byte-identical files or near-identical global embeddings. */
export function groupWorks(works: Omit<Work, 'group'>[], globals: Float32Array[]): Work[] {
  const parent = works.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const sha = works.map((w) => createHash('sha256').update(w.data).digest('hex'));
  for (let i = 0; i < works.length; i++) {
    for (let j = i + 1; j < works.length; j++) {
      if (sha[i] === sha[j] || dot(globals[i]!, globals[j]!) >= SAME_PICTURE) parent[find(i)] = find(j);
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

export async function querySet(embedder: Embedder, gallery: Work[], distractors: Work[], progress: (msg: string) => void): Promise<Query[]> {
  const out: Query[] = [];
  const signals = async (data: Buffer) => computeSignals(embedder, await decodeRaster(data, 'query'), 'query');
  let n = 0;
  for (const w of gallery) {
    progress(`variants of gallery work ${++n}/${gallery.length}`);
    for (const v of await cachedVariants(w, n, false)) {
      out.push({ source: w.file, group: w.group, transform: v.transform, kind: v.group, signals: await signals(v.data) });
    }
  }
  n = 0;
  for (const w of distractors) {
    progress(`distractor ${++n}/${distractors.length}`);
    out.push({ source: w.file, group: w.group, transform: 'original', kind: 'negative', signals: await signals(w.data) });
    for (const v of await cachedVariants(w, 1000 + n, true)) {
      out.push({ source: w.file, group: w.group, transform: v.transform, kind: 'negative', signals: await signals(v.data) });
    }
  }
  return out;
}
