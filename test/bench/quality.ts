// npm run bench:quality — how well detection works, per transform and per signal, on ../corpus/art.
// Half of the corpus (by duplicate group) is the gallery; the other half and their reposts are the negatives.
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { computeSignals } from '../../src/ml/signals';
import { decodeRaster } from '../../src/cli/decode';
import { GalleryMatcher, type Evidence } from '../../src/engine/matcher';
import { decide, fusedScores } from '../../src/engine/verdict';
import { styleDescriptor } from '../../src/engine/style';
import { dot } from '../../src/engine/vectors';
import { corpusDir, modelDir } from '../support/data';
import { groupWorks, loadEmbedder, querySet, readWorks, type Work } from './dataset';
import { microAP, rankingMAP, rate, thresholdAtFpr, type Scored } from './metrics';
import { HARD_TRANSFORMS, MILD_TRANSFORMS } from './variants';

const MAX_FPR = 0.001;
const log = (m: string) => process.stderr.write(`\r\x1b[K${m}`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);

const embedder = await loadEmbedder(modelDir());
const art = join(corpusDir(), 'art');
const raw = readWorks(art);
log('grouping duplicates');
const wholes: Float32Array[] = [];
for (const w of raw) wholes.push((await computeSignals(embedder, await decodeRaster(w.data, 'query'), 'query')).vectors[0]!);
const works = groupWorks(raw, wholes);
const groups = [...new Set(works.map((w) => w.group))];
const inGallery = new Set(groups.filter((_, i) => i % 2 === 0));
const gallery = works.filter((w) => inGallery.has(w.group));
const distractors = works.filter((w) => !inGallery.has(w.group));

const matcher = new GalleryMatcher();
const byId = new Map<string, Work>();
let n = 0;
for (const w of gallery) {
  log(`gallery ${++n}/${gallery.length}`);
  const s = await computeSignals(embedder, await decodeRaster(w.data, 'gallery'), 'gallery');
  matcher.add({ id: w.file, hash: s.hashes[0]!, hashQuality: s.hashQuality, vectors: s.vectors, style: s.style });
  byId.set(w.file, w);
}
const queries = await querySet(embedder, gallery, distractors, log);
log('matching\n');

type Signal = 'hash' | 'global' | 'regional' | 'fused';
const SIGNALS: Signal[] = ['hash', 'global', 'regional', 'fused'];
const rows = queries.map((q) => {
  const e: Evidence = matcher.match({ hashes: q.signals.hashes, hashQuality: q.signals.hashQuality, vectors: q.signals.vectors, style: q.signals.style });
  const v = decide(e);
  const f = fusedScores(e);
  const right = (id: string | undefined) => id !== undefined && byId.get(id)?.group === q.group;
  const per: Record<Signal, { score: number; correct: boolean }> = {
    hash: { score: f.hash, correct: right(e.hash?.workId) },
    global: { score: f.global, correct: right(e.global?.workId) },
    regional: { score: f.regional, correct: right(e.regional?.workId) },
    fused: { score: Math.max(f.hash, f.global, f.regional), correct: right(v.workId ?? [e.hash, e.global, e.regional].sort((a, b) => (b?.score ?? 0) - (a?.score ?? 0))[0]?.workId) },
  };
  return { q, v, per, flagged: v.kind === 'copy' || v.kind === 'edit', correct: right(v.workId ?? undefined) };
});

const negatives = rows.filter((r) => r.q.kind === 'negative');
const positives = rows.filter((r) => r.q.kind !== 'negative');
console.log(`gallery ${gallery.length} works (${inGallery.size} groups) · distractors ${distractors.length} · positive queries ${positives.length} · negative queries ${negatives.length}`);
console.log(`operating point: the verdict thresholds in src/engine/verdict.ts; per-signal columns use each signal alone at FPR ≤ ${MAX_FPR * 100}% on the negatives\n`);

const thresholds = Object.fromEntries(SIGNALS.map((s) => [s, thresholdAtFpr(negatives.map((r) => r.per[s].score), MAX_FPR)])) as Record<Signal, number>;
const transforms = [...MILD_TRANSFORMS, ...HARD_TRANSFORMS];
console.log(`${'transform'.padEnd(20)} ${'group'.padEnd(5)} ${'n'.padStart(4)} ${'verdict'.padStart(7)} ${SIGNALS.map((s) => s.padStart(8)).join(' ')}`);
for (const t of transforms) {
  const rs = positives.filter((r) => r.q.transform === t);
  if (!rs.length) continue;
  const alone = SIGNALS.map((s) => pct(rate(rs.map((r) => r.per[s].score >= thresholds[s] && r.per[s].correct))).padStart(8));
  console.log(`${t.padEnd(20)} ${rs[0]!.q.kind.padEnd(5)} ${String(rs.length).padStart(4)} ${pct(rate(rs.map((r) => r.flagged && r.correct)))} ${alone.join(' ')}`);
}
// Which works each weak transform misses, to see what to improve next.
for (const t of transforms) {
  const missed = positives.filter((r) => r.q.transform === t && !(r.flagged && r.correct));
  if (missed.length && missed.length / positives.filter((r) => r.q.transform === t).length > 0.05) {
    console.error(`  missed ${t}: ${missed.map((r) => `${r.q.source.slice(0, 28)}(g${r.per.global.score.toFixed(2)} r${r.per.regional.score.toFixed(2)})`).join(' ')}`);
  }
}
for (const kind of ['mild', 'hard'] as const) {
  const rs = positives.filter((r) => r.q.kind === kind);
  const alone = SIGNALS.map((s) => pct(rate(rs.map((r) => r.per[s].score >= thresholds[s] && r.per[s].correct))).padStart(8));
  console.log(`${`ALL ${kind}`.padEnd(20)} ${''.padEnd(5)} ${String(rs.length).padStart(4)} ${pct(rate(rs.map((r) => r.flagged && r.correct)))} ${alone.join(' ')}`);
}
console.log(`\nfalse-positive rate on ${negatives.length} negatives: verdict ${pct(rate(negatives.map((r) => r.flagged)))}` +
  `   (flagged: ${negatives.filter((r) => r.flagged).map((r) => `${r.q.source}/${r.q.transform}→${r.v.workId}`).join(', ') || 'none'})`);
const ap = (s: Signal) => microAP(rows.map((r): Scored => ({ score: r.per[s].score, positive: r.q.kind !== 'negative', correct: r.per[s].correct })));
console.log(`micro-AP: ${SIGNALS.map((s) => `${s} ${ap(s).toFixed(3)}`).join(' · ')}`);
console.log(`per-signal thresholds at FPR ≤ ${MAX_FPR * 100}% (calibrated scale, 0.5 = verdict threshold): ${SIGNALS.map((s) => `${s} ${thresholds[s].toFixed(3)}`).join(' · ')}`);
const rawMax = (pick: (e: Evidence) => number) => Math.max(...negatives.map((r) => pick(matcher.match(r.q.signals as never))));
console.log(`highest raw negative: hash ${rawMax((e) => e.hash?.score ?? 0).toFixed(3)} · global ${rawMax((e) => e.global?.score ?? 0).toFixed(3)} · regional ${rawMax((e) => e.regional?.score ?? 0).toFixed(3)}`);

// Style: rank an artist's other works first (../corpus/style), style descriptor vs global embedding.
const styleDir = join(corpusDir(), 'style');
const styleFiles = readdirSync(styleDir).filter((f) => f.includes('__') && f.endsWith('.png')).sort();
const artists = styleFiles.map((f) => f.split('__')[0]!);
const styleSig = [];
for (const f of styleFiles) {
  log(`style ${f}`);
  const px = await decodeRaster(readFileSync(join(styleDir, f)), 'gallery');
  styleSig.push(await computeSignals(embedder, px, 'query'));
}
log('\n');
const styleMap = rankingMAP(styleSig.map((s) => s.style), artists, dot);
const globalMap = rankingMAP(styleSig.map((s) => s.vectors[0]!), artists, dot);
console.log(`\nstyle (${new Set(artists).size} artists × ${styleFiles.length / new Set(artists).size} works): mAP style descriptor ${styleMap.toFixed(3)} · global embedding ${globalMap.toFixed(3)}`);
void styleDescriptor;
