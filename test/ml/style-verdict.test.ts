// The style verdict end to end in Node, with the real model, the shipped centre and reference: an artist's unseen
// works are badged `style`, other clip-art artists' works (same medium, someone else's hand) almost never are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { createEmbedder, type Embedder } from '../../src/ml/embedder';
import { computeSignals } from '../../src/ml/signals';
import { fileModel } from '../../src/cli/model-io';
import { decodeRaster } from '../../src/cli/decode';
import { GalleryMatcher, quantizeSignals } from '../../src/engine/matcher';
import { decide } from '../../src/engine/verdict';
import { corpusDir, modelDir } from '../support/data';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createEmbedder({ model: fileModel(modelDir()) });
}, 60_000);

const file = (name: string) => readFileSync(join(corpusDir(), 'style', name));
const signals = async (name: string, role: 'query' | 'gallery') => computeSignals(embedder, await decodeRaster(file(name), role), role);

test('an artist’s unseen works resemble their style; other artists’ works do not', async () => {
  const matcher = new GalleryMatcher();
  for (const n of [1, 3, 5, 7]) {
    const s = await signals(`mo__${n}.png`, 'gallery');
    matcher.add(quantizeSignals({ id: `mo__${n}`, hash: s.hashes[0]!, hashQuality: s.hashQuality, vectors: s.vectors, style: s.style }));
  }
  const verdict = async (name: string) => {
    const q = await signals(name, 'query');
    return decide(matcher.match({ hashes: q.hashes, hashQuality: q.hashQuality, vectors: q.vectors, style: q.style })).kind;
  };
  for (const n of [2, 4]) expect(await verdict(`mo__${n}.png`)).toBe('style');
  // The first three other artists of the corpus, all their works: the bound is 5 % (1 of 24).
  const others = ['aj_ashton', 'benji_park', 'chris_goerner'].flatMap((a) => Array.from({ length: 8 }, (_, i) => `${a}__${i + 1}.png`));
  const kinds = [];
  for (const name of others) kinds.push(await verdict(name));
  expect(kinds.filter((k) => k !== 'none').length).toBeLessThanOrEqual(1);
}, 120_000);
