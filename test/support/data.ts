// Where the shared, read-only data lives. Overridable so CI can point at its own copy.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function corpusDir(): string {
  const dir = resolve(process.env.INKSEAL_CORPUS_DIR ?? '../shared/corpus');
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir}: set INKSEAL_CORPUS_DIR`);
  return dir;
}

export function modelDir(): string {
  const dir = resolve(process.env.INKSEAL_MODEL_DIR ?? '../shared/models/mobilenet_v1_025_224_tfhub_graph');
  if (!existsSync(dir)) throw new Error(`model not found at ${dir}: set INKSEAL_MODEL_DIR`);
  return dir;
}
