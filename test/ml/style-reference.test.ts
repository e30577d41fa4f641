// The shipped style reference (src/engine/style-reference.json) must be what today's model and descriptor give for
// the same freely licensed artworks: a stale one would calibrate every gallery against the wrong "other art".
// Fails after a change to the model or the style descriptor until `npm run style-reference` is run again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { createEmbedder, type Embedder } from '../../src/ml/embedder';
import { computeSignals } from '../../src/ml/signals';
import { fileModel } from '../../src/cli/model-io';
import { decodeRaster } from '../../src/cli/decode';
import { dot } from '../../src/engine/vectors';
import { defaultReference } from '../../src/engine/style-reference';
import shipped from '../../src/engine/style-reference.json';
import { corpusDir, modelDir } from '../support/data';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createEmbedder({ model: fileModel(modelDir()) });
}, 60_000);

test('the shipped reference descriptors match a recomputation from the corpus', async () => {
  const ref = defaultReference()!;
  const art = join(corpusDir(), 'art');
  const files = (JSON.parse(readFileSync(join(art, 'manifest.json'), 'utf8')) as { files: { id: string; file: string }[] }).files;
  // Three spread over the set: clip art and wallpapers both.
  for (const i of [0, Math.floor(ref.count / 2), ref.count - 1]) {
    const item = shipped.items[i]!;
    const file = files.find((f) => f.id === item.id)!;
    const s = await computeSignals(embedder, await decodeRaster(readFileSync(join(art, file.file)), 'query'), 'query');
    // One byte per component costs at most ~0.002 of cosine.
    expect(dot(s.style, ref.data.subarray(i * ref.dim, (i + 1) * ref.dim))).toBeGreaterThan(0.995);
  }
}, 60_000);
