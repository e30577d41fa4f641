// npm run bench:quality — how well detection works, per repost family and per signal.
// Gallery: half of ../corpus/art (by duplicate group) and half of each artist's works in ../corpus/style.
// Negatives: the other half of art (with a few transforms), the artists' other works (same style, with family
// transforms), and ≥ 2,000 freely licensed pictures from Debian packages (fetched into a cache at bench time;
// see negatives.ts) each with one family transform.
// INKSEAL_BENCH_SEED=<n>: fresh random draws of every family variant (see seedOf below).
// INKSEAL_BENCH_FAST=1: a subset (a third of the gallery, 300 package negatives, one draw per family) for quick
// iterations. INKSEAL_BENCH_NEGATIVES / INKSEAL_BENCH_DRAWS override the counts; INKSEAL_BENCH_FAMILIES keeps only
// those families' positives (all negatives stay).
// The verdict column includes the second stage (engine/second-stage.ts: local keypoints verified for shortlisted
// works); INKSEAL_BENCH_VERIFY=0 shows the fast stage alone. INKSEAL_BENCH_CANDIDATES=<dir> writes each query's
// bytes and candidate works there, to tune the second stage offline.
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { computeSignals } from '../../src/ml/signals';
import { decodeBox, decodeRaster, sourceSize } from '../../src/cli/decode';
import { GalleryMatcher, quantizeSignals, type Evidence } from '../../src/engine/matcher';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypointPlane, keypoints, keypointsOf, mergeKeypoints, type Keypoints } from '../../src/engine/keypoints';
import { agreeingPairs } from '../../src/engine/verify';
import { pictureBoxes, postMappings, tileZoom, withTile, zoomBoxes, zoomSize } from '../../src/engine/zoom';
import { COARSE_PAIRS, MIN_INLIERS, bestConfirmed, matchedTile, mirroredToo, needsFullLook, screenShown, settle, shortlist } from '../../src/engine/second-stage';
import { decide, fusedScores, regionalFused, type Verdict } from '../../src/engine/verdict';
import { dot } from '../../src/engine/vectors';
import { percentiles } from '../../src/engine/matcher-bench';
import { corpusDir, modelDir } from '../support/data';
import { BENCH_SEED, SAME_PICTURE, familyQueries, groupWorks, loadEmbedder, querySet, readWorks, type FamilyJob, type Query, type Work } from './dataset';
import { microAP, rankingMAP, rate, thresholdAtFpr, type Scored } from './metrics';
import { HARD_TRANSFORMS, MILD_TRANSFORMS } from './variants';
import { styleQuality } from './style-quality';
import { FAMILIES } from './families';
import { loadNegatives } from './negatives';

const FAST = process.env.INKSEAL_BENCH_FAST === '1';
const NEGATIVES = Number(process.env.INKSEAL_BENCH_NEGATIVES ?? (FAST ? 300 : 2000));
const DRAWS = Number(process.env.INKSEAL_BENCH_DRAWS ?? (FAST ? 1 : 2));
/** In fast mode only these of the first generator's transforms run (the families carry the hard cases). */
const FAST_TRANSFORMS = new Set(['jpeg-q85', 'screenshot', 'caption-zh', 'crop-60-offcenter', 'rotate-10', 'combo-3']);
const MAX_FPR = 0.001;
const log = (m: string) => process.stderr.write(`\r\x1b[K${m}`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);

const embedder = await loadEmbedder(modelDir());
const artDir = join(corpusDir(), 'art');
const styleDir = join(corpusDir(), 'style');
const raw = readWorks(artDir);
log('grouping duplicates');
const wholes: Float32Array[] = [];
for (const w of raw) wholes.push((await computeSignals(embedder, await decodeRaster(w.data, 'query'), 'query')).vectors[0]!);
// An icon theme is one designer's set drawn on shared templates (lemon-theme's folders share one folder body, its
// file types one page): a folder icon flagged as another folder icon of the theme is a derivative, not a false
// match, so a theme's icons are one group (all in the gallery or all distractors).
const artManifest = JSON.parse(readFileSync(join(artDir, 'manifest.json'), 'utf8')) as { files: { file: string; original_path: string }[] };
const themeOf = new Map(artManifest.files.map((f) => [f.file, /\/icons\/([^/]+-theme)\//.exec(f.original_path)?.[1]]));
const works = groupWorks(raw, wholes, (a, b) => themeOf.get(a) !== undefined && themeOf.get(a) === themeOf.get(b));
const seriesJoined = [...new Set(themeOf.values())].filter(Boolean)
  .map((t) => `${raw.filter((w) => themeOf.get(w.file) === t).length} ${t} icons`).join(', ') || 'none';
const groups = [...new Set(works.map((w) => w.group))];
const inGallery = new Set(groups.filter((_, i) => i % 2 === 0 && (!FAST || i % 6 === 0)));
const artGallery = works.filter((w) => inGallery.has(w.group));
const distractors = works.filter((w) => !inGallery.has(w.group)).filter((_, i) => !FAST || i % 3 === 0);

// The style set: works 1–4 of each artist join the gallery, 5–8 are same-style negatives.
const styleFiles = readdirSync(styleDir).filter((f) => f.includes('__') && f.endsWith('.png')).sort();
const styleNo = (f: string) => Number(f.split('__')[1]!.replace('.png', ''));
const styleWorks = styleFiles.map((file, i): Work => ({ file, group: 100_000 + i, data: readFileSync(join(styleDir, file)) }));
const styleGallery = styleWorks.filter((w) => styleNo(w.file) <= (FAST ? 1 : 4));
const sameStyle = styleWorks.filter((w) => styleNo(w.file) >= (FAST ? 8 : 5));
const gallery = [...artGallery, ...styleGallery];
const sourceKind = (file: string) => (styleFiles.includes(file) ? 'painted' : file.includes('openclipart') ? 'clipart' : 'wallpaper');

const matcher = new GalleryMatcher();
const byId = new Map<string, Work>();
let n = 0;
for (const w of gallery) {
  log(`gallery ${++n}/${gallery.length}`);
  const s = await computeSignals(embedder, await decodeRaster(w.data, 'gallery'), 'gallery');
  matcher.add(quantizeSignals({ id: w.file, hash: s.hashes[0]!, hashQuality: s.hashQuality, vectors: s.vectors, style: s.style, thumb: s.thumb }));
  byId.set(w.file, w);
}

// Package negatives, never a corpus work: excluded by the originals' hashes and folders.
const manifests = [artDir, styleDir].map((d) => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { files: { original_sha256: string; original_path: string; author?: string; author_creator_metadata?: string }[] });
const exclude = {
  sha256: new Set(manifests.flatMap((m) => m.files.map((f) => f.original_sha256))),
  paths: manifests.flatMap((m) => m.files.map((f) => f.original_path)),
  authors: [...new Set(manifests.flatMap((m) => m.files.flatMap((f) => (f.author ? [f.author] : []))))],
  creators: [...new Set(manifests.flatMap((m) => m.files.flatMap((f) => (f.author_creator_metadata ? [f.author_creator_metadata] : []))))],
};
// Package folders sometimes hold another size or a preview of a corpus picture: a negative as close to any corpus
// work as two sizes of one picture (SAME_PICTURE in dataset.ts) is that picture, not a negative.
const corpusWholes = [...wholes];
for (const w of styleWorks) corpusWholes.push((await computeSignals(embedder, await decodeRaster(w.data, 'query'), 'query')).vectors[0]!);
const packaged = [];
let samePicture = 0;
// Some package pictures are blank, undecodable or repeats: ask for more, so NEGATIVES of them are tested.
const loaded = await loadNegatives(Math.round(NEGATIVES * 1.15), exclude, log);
for (const p of loaded.negatives) {
  if (packaged.length >= NEGATIVES) break;
  const v = (await computeSignals(embedder, await decodeRaster(p.data, 'query'), 'query')).vectors[0]!;
  if (corpusWholes.some((c) => dot(c, v) >= SAME_PICTURE)) samePicture++;
  else packaged.push(p);
}
log(`${samePicture} package pictures left out as copies of corpus works\n`);
const fillers = packaged.slice(0, 60).map((p) => p.data);

/**
 * INKSEAL_BENCH_FAMILIES=screen-photo,stickers: only these families' positives (and no first-generator ones), for
 * quicker iterations on them; the negatives stay all there.
 */
const ONLY = process.env.INKSEAL_BENCH_FAMILIES?.split(',').filter(Boolean);
const positiveFamilies = ONLY ? FAMILIES.filter((f) => ONLY.includes(f)) : FAMILIES;
const queries: Query[] = await querySet(embedder, gallery, distractors, log, (t) => !ONLY && (!FAST || FAST_TRANSFORMS.has(t)));
// Seeds follow the file name, so a variant is the same in fast and full runs (and its cache entry is shared).
// INKSEAL_BENCH_SEED=<n> starts the hash elsewhere: every family variant is drawn afresh (other grids, angles,
// stickers, crops), which tells a detector that fits the usual draws from one that fits the families.
const seedOf = (file: string) => [...file].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, BENCH_SEED ? (7 + Math.imul(BENCH_SEED, 0x9e3779b1)) >>> 0 : 7);
const jobs: FamilyJob[] = [
  ...gallery.map((w) => ({ source: w.file, group: w.group, data: w.data, negative: false, families: positiveFamilies, draws: DRAWS, seed: seedOf(w.file) })),
  ...sameStyle.map((w) => ({ source: w.file, group: w.group, data: w.data, negative: true, families: FAMILIES, draws: 1, seed: seedOf(w.file) })),
  ...packaged.map((p, i) => ({ source: p.file, group: -1 - i, data: p.data, negative: true, families: [FAMILIES[seedOf(p.file) % FAMILIES.length]!], draws: 1, seed: seedOf(p.file) })),
];
queries.push(...await familyQueries(embedder, jobs, fillers, log));
// The pictures themselves, untouched, as negatives too.
for (const [i, w] of [...sameStyle, ...packaged.map((p, j) => ({ file: p.file, group: -1 - j, data: p.data }))].entries()) {
  log(`negative originals ${i + 1}`);
  const raster = await decodeRaster(w.data, 'query');
  const t = performance.now();
  const signals = await computeSignals(embedder, raster, 'query');
  queries.push({ source: w.file, group: w.group, transform: 'original', kind: 'negative', detail: 'original', signals, ms: performance.now() - t, data: w.data });
}
log('matching\n');

type Signal = 'hash' | 'global' | 'regional' | 'fused';
const SIGNALS: Signal[] = ['hash', 'global', 'regional', 'fused'];

// The second stage (engine/second-stage.ts) as the extension runs it: keypoints of the shortlisted works, made
// once from the picture the model host would decode (the query-scale raster), and of the post when it runs.
const VERIFY = process.env.INKSEAL_BENCH_VERIFY !== '0';
/** INKSEAL_BENCH_ZOOM=0: the second stage without zooms (engine/zoom.ts), to see what they add. */
const ZOOMS = process.env.INKSEAL_BENCH_ZOOM !== '0';
const zoomed: { kind: 'p' | 'n'; decodeMs: number; keypointsMs: number; verifyMs: number }[] = [];
/** The inliers of each negative's mappings, confirmed or not: how far below MIN_INLIERS the negatives stay. */
const negativeInliers: number[] = [];
const workKeypoints = new Map<string, Keypoints>();
const coarseMs: number[] = [];
/** INKSEAL_BENCH_GATE=0: every shortlisted picture gets the full look, coarse levels or not (to compare). */
const GATE = process.env.INKSEAL_BENCH_GATE !== '0';
let fullLooks = 0;
for (const w of gallery) workKeypoints.set(w.file, keypoints(await decodeRaster(w.data, 'query'), GALLERY_KEYPOINTS));
const secondStage = async (q: Query, e: Evidence, v: Verdict) => {
  const ids = VERIFY ? shortlist(e, v) : [];
  if (ids.length === 0 || !q.data) return { v, ms: undefined, checked: [] };
  const raster = await decodeRaster(q.data, 'query');
  // Zooms (engine/zoom.ts): small screen and framed regions re-read from the posted bytes; decoding not counted.
  const source = await sourceSize(q.data);
  const boxes = ZOOMS ? withTile(zoomBoxes(q.signals.regions, raster, source), tileZoom(q.signals.regions, matchedTile(e), raster, source)) : [];
  const works = ids.map((id) => workKeypoints.get(id)!);
  // The post's coarse levels first, as the extension does (engine/second-stage.ts worthFullLook); each work's
  // agreeing pairs there go into INKSEAL_BENCH_DUMP (`gi`) for tuning COARSE_PAIRS offline.
  const t = performance.now();
  const plane = keypointPlane(raster, QUERY_KEYPOINTS);
  const coarse = keypointsOf(plane, QUERY_KEYPOINTS, 1);
  const agreeing = works.map((k) => agreeingPairs(coarse, k));
  const coarseEnd = performance.now();
  coarseMs.push(coarseEnd - t);
  if (GATE && !needsFullLook(agreeing, boxes.length > 0 || mirroredToo(v))) {
    // Too few corners for the keypoints: the post laid over each work, as the extension does (zoom.ts inPlace).
    const laid = postMappings(coarse, [], works, { full: false, mirror: mirroredToo(v), screen: screenShown(e), pictures: pictureBoxes(q.signals.regions) });
    const results = ids.map((id, i) => ({ id, mapping: laid[i]! }));
    const ms = performance.now() - t;
    return { v: settle(v, e, bestConfirmed(results)), ms, checked: results.map((r, i) => ({ id: r.id, confirmed: r.mapping !== null, inliers: 0, app: r.mapping?.appearance, zooms: boxes.length, gi: agreeing[i]!, full: false })) };
  }
  fullLooks++;
  const zoomRasters = await Promise.all(boxes.map((box) => decodeBox(q.data!, box, zoomSize(box, source))));
  const decodeMs = performance.now() - coarseEnd;
  const post = mergeKeypoints(keypointsOf(plane, QUERY_KEYPOINTS, 0, 1), coarse);
  const tz = performance.now();
  const zooms = boxes.map((box, i) => ({ box, keypoints: keypoints(zoomRasters[i]!, QUERY_KEYPOINTS) }));
  const zoomKeypointsMs = performance.now() - tz;
  const mappings = postMappings(post, zooms, works, { full: true, mirror: mirroredToo(v), screen: screenShown(e), pictures: pictureBoxes(q.signals.regions) });
  if (q.kind === 'negative') for (const m of mappings) if (m) negativeInliers.push(m.inliers);
  const results = ids.map((id, i) => ({ id, mapping: mappings[i]! }));
  const best = bestConfirmed(results);
  const ms = performance.now() - t - decodeMs;
  if (boxes.length) zoomed.push({ kind: q.kind === 'negative' ? 'n' : 'p', decodeMs, keypointsMs: zoomKeypointsMs, verifyMs: ms - zoomKeypointsMs });
  return { v: settle(v, e, best), ms, checked: results.map((r, i) => ({ id: r.id, confirmed: bestConfirmed([r]) !== null, inliers: r.mapping?.inliers ?? 0, app: r.mapping?.appearance, span: r.mapping?.spanned, persp: r.mapping?.perspective, zooms: zooms.length, gi: agreeing[i]!, full: true })) };
};
/** The fused score that put `id` on the shortlist: the best of the signals naming it and the near candidates. */
function shortlistScore(e: Evidence, id: string): number {
  const f = fusedScores(e);
  const named = ([[e.hash?.workId, f.hash], [e.global?.workId, f.global], [e.regional?.workId, f.regional]] as const).filter((c) => c[0] === id).map((c) => c[1]);
  const near = (e.candidates ?? []).filter((c) => c.workId === id).map((c) => regionalFused(c.score));
  return Math.max(0, ...named, ...near);
}
async function matchOne(q: Query) {
  const t = performance.now();
  const e: Evidence = matcher.match({ hashes: q.signals.hashes, hashQuality: q.signals.hashQuality, vectors: q.signals.vectors, style: q.signals.style, kinds: q.signals.regions.map((r) => r.kind ?? 'whole'), screen: q.signals.screen, thumb: q.signals.thumb });
  const fast: Verdict = decide(e);
  const matchMs = performance.now() - t;
  const { v, ms: verifyMs, checked } = await secondStage(q, e, fast);
  const f = fusedScores(e);
  const right = (id: string | undefined) => id !== undefined && byId.get(id)?.group === q.group;
  const per: Record<Signal, { score: number; correct: boolean }> = {
    hash: { score: f.hash, correct: right(e.hash?.workId) },
    global: { score: f.global, correct: right(e.global?.workId) },
    regional: { score: f.regional, correct: right(e.regional?.workId) },
    fused: { score: Math.max(f.hash, f.global, f.regional), correct: right(v.workId ?? [e.hash, e.global, e.regional].sort((a, b) => (b?.score ?? 0) - (a?.score ?? 0))[0]?.workId) },
  };
  const flagged = v.kind === 'copy' || v.kind === 'edit';
  return { q, v, e, fast, checked, per, matchMs, verifyMs, flagged, correct: right(v.workId ?? undefined), fastFlagged: fast.kind === 'copy' || fast.kind === 'edit' };
}
const rows: Awaited<ReturnType<typeof matchOne>>[] = [];
for (const [i, q] of queries.entries()) {
  if (i % 50 === 0) log(`matching ${i}/${queries.length}`);
  rows.push(await matchOne(q));
}
type Row = (typeof rows)[number];

const negatives = rows.filter((r) => r.q.kind === 'negative');
const positives = rows.filter((r) => r.q.kind !== 'negative');
const found = (r: Row) => r.flagged && r.correct;
console.log(`gallery ${gallery.length} works (${artGallery.length} art, ${styleGallery.length} painted/clipart by 12 artists) · positive queries ${positives.length} · ` +
  `negative queries ${negatives.length} (${distractors.length} corpus distractors, ${sameStyle.length} same-artist works, ${packaged.length} package pictures)${FAST ? ' · FAST mode' : ''}` +
  `\nleft out of the package pictures: ${samePicture} copies of corpus works (embedding ≥ ${SAME_PICTURE}) · ${loaded.byArtist} drawings by the style set's artists (openclipart-svg dc:creator) · ${loaded.themed.length} files of a corpus work's desktop theme (${[...new Set(loaded.themed.map((p) => p.split('/').slice(-3, -1).join('/')))].join(', ')}) · ${loaded.edits.length} drawings edited from a corpus work's SVG (≥ 15 % of its path coordinates: ${loaded.edits.map((p) => p.replace(/^.*\/png\//, '')).join(', ')})` +
  ` · corpus works joined as one series: ${seriesJoined}`);
console.log(`operating point: the verdict thresholds in src/engine/verdict.ts; per-signal columns use each signal alone at FPR ≤ ${MAX_FPR * 100}% on the negatives\n`);

const thresholds = Object.fromEntries(SIGNALS.map((s) => [s, thresholdAtFpr(negatives.map((r) => r.per[s].score), MAX_FPR)])) as Record<Signal, number>;
const header = `${'transform'.padEnd(20)} ${'group'.padEnd(6)} ${'n'.padStart(4)} ${'verdict'.padStart(7)} ${SIGNALS.map((s) => s.padStart(8)).join(' ')} ${'min found'.padStart(9)} ${'ms p50'.padStart(7)}`;
const line = (name: string, group: string, rs: Row[]) => {
  const alone = SIGNALS.map((s) => pct(rate(rs.map((r) => r.per[s].score >= thresholds[s] && r.per[s].correct))).padStart(8));
  const hits = rs.filter(found).map((r) => r.v.score);
  const minFound = hits.length ? Math.min(...hits).toFixed(3) : '-';
  console.log(`${name.padEnd(20)} ${group.padEnd(6)} ${String(rs.length).padStart(4)} ${pct(rate(rs.map(found)))} ${alone.join(' ')} ${minFound.padStart(9)} ${percentiles(rs.map((r) => r.q.ms)).p50.toFixed(1).padStart(7)}`);
};
console.log(header);
for (const t of [...MILD_TRANSFORMS, ...HARD_TRANSFORMS, ...FAMILIES]) {
  const rs = positives.filter((r) => r.q.transform === t);
  if (rs.length) line(t, rs[0]!.q.kind, rs);
}
for (const kind of ['mild', 'hard', 'family'] as const) {
  const rs = positives.filter((r) => r.q.kind === kind);
  if (rs.length) line(`ALL ${kind}`, '', rs);
}
line('ALL', '', positives);

// Families by the kind of work, and the transform the verdict named for what it found.
console.log(`\nfamily recall by source: ${['wallpaper', 'clipart', 'painted'].map((k) => `${k} ${pct(rate(positives.filter((r) => r.q.kind === 'family' && sourceKind(r.q.source) === k).map(found))).trim()}`).join(' · ')}`);
for (const t of FAMILIES) {
  const named = new Map<string, number>();
  for (const r of positives.filter((x) => x.q.transform === t && found(x))) named.set(r.v.transform ?? '(none)', (named.get(r.v.transform ?? '(none)') ?? 0) + 1);
  console.log(`  ${t.padEnd(14)} named: ${[...named].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ')}`);
}
// What each weak family misses, to see what to improve next.
for (const t of [...MILD_TRANSFORMS, ...HARD_TRANSFORMS, ...FAMILIES]) {
  const all = positives.filter((r) => r.q.transform === t);
  const missed = all.filter((r) => !found(r));
  if (missed.length && missed.length / all.length > 0.05) {
    console.error(`  missed ${t}: ${missed.slice(0, 12).map((r) => `${r.q.source.slice(0, 22)}[${r.q.detail ?? ''}](g${r.e.global?.score.toFixed(2)} r${r.e.regional?.score.toFixed(2)}${r.flagged ? ' WRONG' : ''})`).join(' ')}`);
  }
}

const negFlagged = negatives.filter((r) => r.flagged);
console.log(`\nfalse matches: ${negFlagged.length} of ${negatives.length} negatives (${pct(rate(negatives.map((r) => r.flagged))).trim()})` +
  (negFlagged.length ? `: ${negFlagged.slice(0, 20).map((r) => `${r.q.source}/${r.q.transform}→${r.v.workId}`).join(', ')}` : ''));
const wrong = positives.filter((r) => r.flagged && !r.correct);
if (wrong.length) console.log(`positives flagged with the wrong work: ${wrong.length}: ${wrong.slice(0, 10).map((r) => `${r.q.source}/${r.q.transform}→${r.v.workId}`).join(', ')}`);
const topNeg = [...negatives].sort((a, b) => b.v.score - a.v.score);
const minFound = Math.min(...positives.filter(found).map((r) => r.v.score));
console.log(`margin at the operating point (verdict score, 0.5 = flag): lowest positive found ${minFound.toFixed(3)} · highest negative ${topNeg[0]!.v.score.toFixed(3)}` +
  ` · missed positives scoring 0.45–0.5: ${positives.filter((r) => !found(r) && r.v.score >= 0.45).length}`);
console.log(`highest negatives: ${topNeg.slice(0, 5).map((r) => `${r.v.score.toFixed(3)} ${r.q.source.slice(0, 30)}/${r.q.transform}→${r.v.workId ?? r.e.regional?.workId}`).join(' · ')}`);
const ap = (s: Signal) => microAP(rows.map((r): Scored => ({ score: r.per[s].score, positive: r.q.kind !== 'negative', correct: r.per[s].correct })));
console.log(`micro-AP: ${SIGNALS.map((s) => `${s} ${ap(s).toFixed(3)}`).join(' · ')}`);
const rawMax = (pick: (e: Evidence) => number) => Math.max(...negatives.map((r) => pick(r.e)));
console.log(`highest raw negative: hash ${rawMax((e) => e.hash?.score ?? 0).toFixed(3)} · global ${rawMax((e) => e.global?.score ?? 0).toFixed(3)} · regional ${rawMax((e) => e.regional?.score ?? 0).toFixed(3)}`);
const verified = rows.filter((r) => r.verifyMs !== undefined);
const vms = percentiles(verified.map((r) => r.verifyMs!));
console.log(`second stage: ran for ${verified.filter((r) => r.q.kind === 'negative').length} of ${negatives.length} negatives and ${verified.filter((r) => r.q.kind !== 'negative').length} of ${positives.length} positives` +
  ` · ${vms.p50.toFixed(1)} ms p50 / ${vms.p95.toFixed(1)} ms p95 when it runs (post keypoints + ≤ 2 works; decoding not counted)` +
  ` · found ${positives.filter((r) => found(r) && !r.fastFlagged).length} positives the fast stage missed · confirmed ${verified.filter((r) => r.q.kind === 'negative' && r.flagged).length} negatives` +
  ` · negatives' mappings: at most ${Math.max(0, ...negativeInliers)} inliers (p95 ${percentiles(negativeInliers).p95}, confirming takes ${MIN_INLIERS})`);
// The coarse look (engine/second-stage.ts COARSE_PAIRS): how many got the full one, and what other floors would keep.
{
  const cm = percentiles(coarseMs);
  const most = (r: Row) => Math.max(0, ...r.checked.map((c) => c.gi));
  const confirmedPos = verified.filter((r) => r.q.kind !== 'negative' && r.checked.some((c) => c.confirmed));
  const negs = verified.filter((r) => r.q.kind === 'negative');
  const floors = [3, 4, 5, 6, 8].map((g) => `≥ ${g}: ${confirmedPos.filter((r) => most(r) >= g || r.checked.some((c) => c.zooms > 0)).length}/${confirmedPos.length} confirmed positives, ${negs.filter((r) => most(r) >= g || r.checked.some((c) => c.zooms > 0)).length}/${negs.length} negatives`).join(' · ');
  console.log(`coarse look (${GATE ? `on, ≥ ${COARSE_PAIRS} pairs` : 'off: INKSEAL_BENCH_GATE=0'}): ${cm.p50.toFixed(1)} ms p50 · full look for ${fullLooks} of ${verified.length} shortlisted pictures · pictures with zooms always get it; other floors would pass ${floors}`);
}
const zp = (pick: (z: (typeof zoomed)[number]) => number) => percentiles(zoomed.map(pick));
console.log(`zooms (engine/zoom.ts) for ${zoomed.filter((z) => z.kind === 'n').length} negatives and ${zoomed.filter((z) => z.kind === 'p').length} positives the second stage ran for:` +
  ` decode ${zp((z) => z.decodeMs).p50.toFixed(1)} ms p50 (sharp) · zoom keypoints ${zp((z) => z.keypointsMs).p50.toFixed(1)} ms p50 / ${zp((z) => z.keypointsMs).p95.toFixed(1)} p95` +
  ` · verification with zooms ${zp((z) => z.verifyMs).p50.toFixed(1)} ms p50`);
const sig = percentiles(rows.map((r) => r.q.ms));
const vec = percentiles(rows.map((r) => r.q.signals.vectors.length));
const mat = percentiles(rows.map((r) => r.matchMs));
console.log(`per picture: signals ${sig.p50.toFixed(1)} ms p50 / ${sig.p95.toFixed(1)} ms p95 · embeddings ${vec.p50} p50 / ${vec.p95} p95 · match ${mat.p50.toFixed(2)} ms p50 (${rows.length} pictures)`);

if (!FAST) {
  // Style: rank an artist's other works first (../corpus/style), style descriptor vs global embedding.
  const artists = styleFiles.map((f) => f.split('__')[0]!);
  const styleSig = [];
  for (const f of styleFiles) {
    log(`style ${f}`);
    styleSig.push(await computeSignals(embedder, await decodeRaster(readFileSync(join(styleDir, f)), 'gallery'), 'query'));
  }
  log('\n');
  const styleMap = rankingMAP(styleSig.map((s) => s.style), artists, dot);
  const globalMap = rankingMAP(styleSig.map((s) => s.vectors[0]!), artists, dot);
  console.log(`\nstyle (${new Set(artists).size} artists × ${styleFiles.length / new Set(artists).size} works): mAP style descriptor ${styleMap.toFixed(3)} · global embedding ${globalMap.toFixed(3)}`);
}

// Every query's raw evidence, for checking thresholds without re-running (artifacts/ is not committed).
if (process.env.INKSEAL_BENCH_DUMP) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.INKSEAL_BENCH_DUMP, JSON.stringify(rows.map((r) => ({
    t: r.q.transform, k: r.q.kind, s: r.q.source, d: r.q.detail,
    h: r.e.hash?.score ?? 0, hc: r.per.hash.correct, g: r.e.global?.score ?? 0, gc: r.per.global.correct,
    r: r.e.regional?.score ?? 0, rc: r.per.regional.correct, rk: r.e.regional?.queryKind, f: r.flagged, c: r.correct, ms: r.q.ms,
    named: r.v.transform, by: r.v.signal,
    // The second stage's inputs and outcome, to try shortlist rules offline: the fast verdict, the kinds of the
    // picture's regions, and each shortlisted work with the fused score that put it there and what its check said.
    fast: r.fast.kind, fs: r.fast.score, ff: r.fastFlagged, kinds: [...new Set(r.q.signals.regions.map((x) => x.kind ?? 'whole'))],
    sl: r.checked.map((c) => ({ ...c, score: shortlistScore(r.e, c.id), right: byId.get(c.id)?.group === r.q.group })),
  }))));
}
// Each query's bytes and its candidate works, for working on the second stage offline (artifacts/ is not committed).
if (process.env.INKSEAL_BENCH_CANDIDATES) {
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const dir = process.env.INKSEAL_BENCH_CANDIDATES;
  mkdirSync(dir, { recursive: true });
  const pathOf = (id: string) => join(styleFiles.includes(id) ? styleDir : artDir, id);
  writeFileSync(join(dir, 'index.json'), JSON.stringify(rows.map((r, i) => {
    if (r.q.data) writeFileSync(join(dir, `q${i}.bin`), r.q.data);
    const f = fusedScores(r.e);
    const cands = [[r.e.hash?.workId, f.hash], [r.e.global?.workId, f.global], [r.e.regional?.workId, f.regional]]
      .filter((c): c is [string, number] => typeof c[0] === 'string').sort((a, b) => b[1] - a[1]);
    return {
      i, t: r.q.transform, k: r.q.kind, s: r.q.source, d: r.q.detail, score: r.v.score, f: r.flagged, c: r.correct,
      right: gallery.filter((w) => w.group === r.q.group).map((w) => w.file),
      cands: [...new Map(cands.map(([id, sc]) => [id, { id, score: sc, path: pathOf(id), right: byId.get(id)?.group === r.q.group }])).values()],
      near: (r.e.candidates ?? []).map((c) => ({ id: c.workId, score: regionalFused(c.score), path: pathOf(c.workId), right: byId.get(c.workId)?.group === r.q.group })),
      verified: r.verifyMs !== undefined, vms: r.verifyMs, fast: r.fastFlagged,
    };
  })));
}
// The style verdict, calibrated per artist, on ../corpus/style (test/bench/style-quality.ts).
if (!FAST) await styleQuality(embedder, corpusDir(), log);
