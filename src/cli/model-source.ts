// Where the MobileNet files come from, for the build and the Node CLI (Node only).
// Weights are never committed: they are read in place from INKSEAL_MODEL_DIR (default: the shared model folder
// beside this repository) or from the user cache that `npm run model` fills from the official host.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** MobileNet v1 α=0.25 224 TF-Hub classification module, TF.js graph format (the files the mobilenet package uses). */
export const MODEL_FILES: Record<string, string> = {
  'model.json': '6faec7d52c5f51801302fb8f9beaf31f4ac12edc89083f8231de6c20d814f522',
  'group1-shard1of1': '0bb67208cb5d6d9ce1ebbc8e27236622ebe9c37fe54bc51de43898a3ccde21c1',
};

export const OFFICIAL_URL = 'https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1';

export const DEFAULT_MODEL_DIR = resolve(process.cwd(), '../shared/models/mobilenet_v1_025_224_tfhub_graph');
export const CACHE_MODEL_DIR = join(homedir(), '.cache', 'inkseal', 'mobilenet_v1_025_224');

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Names of files missing or not matching their pinned sha256 in `dir`. */
export function badFiles(dir: string): string[] {
  return Object.entries(MODEL_FILES)
    .filter(([name, hash]) => !existsSync(join(dir, name)) || sha256(join(dir, name)) !== hash)
    .map(([name]) => name);
}

/** The folder to read the model from; throws a message that says what to do when there is none. */
export function resolveModelDir(): string {
  const configured = process.env.INKSEAL_MODEL_DIR;
  const candidates = configured ? [resolve(configured)] : [DEFAULT_MODEL_DIR, CACHE_MODEL_DIR];
  for (const dir of candidates) if (existsSync(dir) && badFiles(dir).length === 0) return dir;
  const where = candidates.map((d) => `  ${d}${existsSync(d) ? ` (bad or missing: ${badFiles(d).join(', ')})` : ' (absent)'}`);
  throw new Error(
    ['No verified MobileNet model found. Looked in:', ...where,
      'Set INKSEAL_MODEL_DIR to a folder holding model.json and group1-shard1of1,',
      'or run `npm run model` on a machine with internet to download and verify the official files.'].join('\n'),
  );
}
