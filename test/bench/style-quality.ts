// bench:quality's style section: the product's style verdict on ../corpus/style (12 clip-art artists × 8 works), as
// issue 13 asks. For each artist a gallery of half their works (two folds: odd, then even works), the other half as
// positives (should get `style` or stronger) and every other artist's works as negatives (should not). The
// negatives are "same-style negatives": the same medium (flat clip art), drawn by someone else — the hard case, as
// the 200 same-style paintings are in the held-out set. Run through GalleryMatcher and decide(), as the extension.
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import type { Embedder } from '../../src/ml/embedder';
import { computeSignals, type ImageSignals } from '../../src/ml/signals';
import { decodeRaster } from '../../src/cli/decode';
import { GalleryMatcher, quantizeSignals } from '../../src/engine/matcher';
import { decide } from '../../src/engine/verdict';
import { packStyles, styleStatus, OTHERS_QUANTILE } from '../../src/engine/style';

interface Item { file: string; artist: string; n: number; gallery: ImageSignals; query: ImageSignals }

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const FLAGGED = new Set(['copy', 'edit', 'style']);

export async function styleQuality(embedder: Embedder, corpus: string, log: (m: string) => void): Promise<void> {
  const dir = join(corpus, 'style');
  const items: Item[] = [];
  for (const file of readdirSync(dir).filter((f) => /__\d+\.png$/.test(f)).sort()) {
    log(`style ${file}`);
    const bytes = readFileSync(join(dir, file));
    const [artist, n] = file.replace(/\.png$/, '').split('__') as [string, string];
    items.push({
      file, artist, n: Number(n),
      gallery: await computeSignals(embedder, await decodeRaster(bytes, 'gallery'), 'gallery'),
      query: await computeSignals(embedder, await decodeRaster(bytes, 'query'), 'query'),
    });
  }
  log('\n');
  const artists = [...new Set(items.map((i) => i.artist))];
  const rows: { artist: string; fold: number; works: number; status: string; tp: number; pos: number; fp: number; neg: number; copies: number }[] = [];
  for (const fold of [1, 0]) {
    for (const artist of artists) {
      const gallery = items.filter((i) => i.artist === artist && i.n % 2 === fold);
      const matcher = new GalleryMatcher();
      for (const w of gallery) matcher.add(quantizeSignals({ id: w.file, hash: w.gallery.hashes[0]!, hashQuality: w.gallery.hashQuality, vectors: w.gallery.vectors, style: w.gallery.style }));
      const verdict = (q: Item) => decide(matcher.match({ hashes: q.query.hashes, hashQuality: q.query.hashQuality, vectors: q.query.vectors, style: q.query.style })).kind;
      const positives = items.filter((i) => i.artist === artist && i.n % 2 !== fold).map(verdict);
      const negatives = items.filter((i) => i.artist !== artist).map(verdict);
      rows.push({
        artist, fold, works: gallery.length, status: styleStatus(packStyles(gallery.map((w) => w.gallery.style))),
        tp: positives.filter((k) => FLAGGED.has(k)).length, pos: positives.length,
        fp: negatives.filter((k) => FLAGGED.has(k)).length, neg: negatives.length,
        // A different work of the same artist is never a copy: any copy/edit here would be a detector error.
        copies: [...positives, ...negatives].filter((k) => k === 'copy' || k === 'edit').length,
      });
    }
  }
  console.log(`\nstyle verdict (${artists.length} artists × ${items.length / artists.length} works; gallery = half of an artist's works, two folds;` +
    ` threshold: a margin (nearest works minus nearest reference art) higher than ${OTHERS_QUANTILE * 100}% of the shipped reference art's` +
    ' and within the artist\'s own range)');
  console.log(`${'artist'.padEnd(20)} ${'status (fold 1/2)'.padEnd(32)} ${'own works flagged'.padStart(17)} ${'others flagged'.padStart(15)}`);
  for (const artist of artists) {
    const rs = rows.filter((r) => r.artist === artist);
    const sum = (k: 'tp' | 'pos' | 'fp' | 'neg') => rs.reduce((n, r) => n + r[k], 0);
    console.log(`${artist.padEnd(20)} ${rs.map((r) => r.status).join(' / ').padEnd(32)} ${`${sum('tp')}/${sum('pos')}`.padStart(17)} ${`${sum('fp')}/${sum('neg')}`.padStart(15)}`);
  }
  const total = (k: 'tp' | 'pos' | 'fp' | 'neg' | 'copies') => rows.reduce((n, r) => n + r[k], 0);
  const recall = total('tp') / total('pos');
  const fpr = total('fp') / total('neg');
  const precision = total('tp') / Math.max(1, total('tp') + total('fp'));
  console.log(`ALL: style recall ${pct(recall)} (${total('tp')}/${total('pos')}, target ≥ 60%) · other artists' works flagged ${pct(fpr)}` +
    ` (${total('fp')}/${total('neg')}, target ≤ 5%) · precision ${pct(precision)} · copy/edit verdicts between different works: ${total('copies')}`);
  // Precision is low by construction of the test: every artist meets 11× more negatives than positives.
  const perArtistFp = rows.map((r) => r.fp / r.neg);
  console.log(`false style flags per artist and fold: median ${pct(perArtistFp.sort((a, b) => a - b)[Math.floor(perArtistFp.length / 2)]!)} · worst ${pct(Math.max(...perArtistFp))}`);
}
