// Scanning one picture: model-host signals → the gallery matcher → the engine's verdict. Verdicts are cached per
// picture identity (in storage.session, against the gallery version they were computed with), so a picture
// seen again — on scroll-back, in another tab, after a worker restart — costs nothing.
import browser from 'webextension-polyfill';
import { decide } from '../engine/verdict';
import { aiDeclaration } from '../engine/ai-declaration';
import type { QuerySignals } from '../engine/matcher';
import type { RegionKind } from '../engine/regions';
import type { Finding, ImageVerdict, ScanRequest, WireSignals } from '../shared/types';
import { callModelHost } from '@platform';
import { accountKey, dismissalFor } from './decisions';
import { caseOf, findingId, sighted } from './finding-store';
import { recordScan } from './findings';
import { gallery, galleryVersion } from './gallery';
import { ScanQueue } from './scan-queue';
import { secondStage } from './second-stage';
import { onQuotaPressure, removeSoon, writeSoon } from './session-writes';
import { VerdictCache, type Cached } from './verdict-cache';

const CACHE_PREFIX = 'v:';
const cacheKey = (imageKey: string) => `${CACHE_PREFIX}${imageKey}`;
/** What the verdict cache keeps when the session quota is full: room for findings and the queue comes first. */
const UNDER_PRESSURE = 1_000;

/** Verdicts in memory, loaded once per worker life from storage.session (where earlier workers left them),
 *  so a picture not seen before costs no storage read. */
let memory: Promise<VerdictCache<ImageVerdict>> | undefined;

function verdicts(): Promise<VerdictCache<ImageVerdict>> {
  memory ??= browser.storage.session.get(null).then((all) => {
    const cache = new VerdictCache<ImageVerdict>({
      write: (k, v) => writeSoon(cacheKey(k), () => v),
      remove: (keys) => removeSoon(keys.map(cacheKey)),
    });
    cache.load(Object.entries(all).filter(([k]) => k.startsWith(CACHE_PREFIX)).map(([k, v]) => [k.slice(CACHE_PREFIX.length), v as Cached<ImageVerdict>]));
    onQuotaPressure(() => cache.trim(UNDER_PRESSURE).map(cacheKey));
    return cache;
  });
  return memory;
}

async function cached(imageKey: string): Promise<ImageVerdict | undefined> {
  return (await verdicts()).get(imageKey, await galleryVersion());
}

/** The model host's plain arrays back as the typed arrays the matcher reads. */
export function querySignals(s: WireSignals): QuerySignals {
  return {
    hashes: s.hashes.map((h) => Uint32Array.from(h)),
    hashQuality: s.hashQuality,
    vectors: s.vectors.map((v) => Float32Array.from(v)),
    style: Float32Array.from(s.style),
    ...(s.kinds ? { kinds: s.kinds as RegionKind[] } : {}),
  };
}

async function compute(req: ScanRequest): Promise<ImageVerdict> {
  const version = await galleryVersion();
  const { works, matcher } = await gallery();
  let verdict: ImageVerdict = { kind: 'none', score: 0, workId: null, workName: null };
  if (matcher.size > 0) {
    // Its failures carry their refusal (too large, timed out, …); the queue retries those worth it.
    const s = await callModelHost('model/signals', { url: req.fetchUrl, role: 'query' });
    const evidence = matcher.match(querySignals(s));
    verdict = await secondStage(req.fetchUrl, evidence, decide(evidence));
    verdict.workName = verdict.workId ? (works.get(verdict.workId)?.name ?? null) : null;
    // Cached with the verdict: the picture's metadata does not change while its identity stays.
    if (s.provenance) verdict.provenance = s.provenance;
  }
  (await verdicts()).set(req.imageKey, version, verdict);
  return verdict;
}

const dismissalOf = (req: ScanRequest, verdict: ImageVerdict) =>
  verdict.kind === 'none' ? undefined : dismissalFor(req.imageKey, accountKey(req.site, req.post));

/**
 * The verdict as a page may see it: ids, kind and score, dismissals and the case applied. Never the work's name
 * or picture — a page script could read them; the panel frame fetches those from the extension.
 */
async function present(req: ScanRequest, verdict: ImageVerdict): Promise<ImageVerdict> {
  const dismissed = await dismissalOf(req, verdict);
  const c = verdict.kind === 'none' ? undefined : await caseOf(findingId(req.site, 'match', req.imageKey)).catch(() => undefined);
  const page: ImageVerdict = { ...verdict, workName: null, dismissed, caseStatus: c?.status, caseAt: c?.history.at(-1)?.at };
  delete page.signals;
  // The badge needs only whether the file declares AI; the evidence is shown inside extension frames.
  if (verdict.provenance) page.provenance = { ai: verdict.provenance.ai, evidence: [], ...(verdict.provenance.c2pa ? { c2pa: verdict.provenance.c2pa } : {}) };
  return page;
}

/**
 * The finding's lasting id. A failed IndexedDB write (disk full) must not also lose the tab's report of the
 * picture: the popup still shows the finding, without the Findings-page link an id would give.
 */
async function lastingId(req: ScanRequest, verdict: ImageVerdict | null, ai: Parameters<typeof sighted>[2]): Promise<string> {
  try {
    return (await sighted(req, verdict, ai)).id;
  } catch (err) {
    console.warn('[inkseal] finding not stored', err);
    return '';
  }
}

/** Records a scanned picture in the tab's report: its findings, or its failure. */
async function record(req: ScanRequest, tabId: number, verdict: ImageVerdict): Promise<void> {
  const dismissed = await dismissalOf(req, verdict);
  // Stored without the work's thumbnail: tabReport attaches it from the gallery when the popup asks.
  const base = { site: req.site, post: req.post, imageKey: req.imageKey, imageUrl: req.displayUrl, foundAt: Date.now(), workThumbnail: '' };
  const findings: Finding[] = [];
  // Declared AI by the platform's label, the picture's metadata, or both; kept apart to show which said what.
  const ai = aiDeclaration(req.post.aiLabel, verdict.provenance) ?? undefined;
  // Every match lasts in IndexedDB, dismissed ones too (the Findings page lists them with their status).
  if (verdict.kind !== 'none' && !verdict.error) {
    const lasting = await lastingId(req, verdict, ai);
    if (!dismissed) findings.push({ ...base, id: lasting, kind: verdict.kind, verdict, ...(ai ? { ai } : {}) });
  }
  if (ai) findings.push({ ...base, id: await lastingId(req, null, ai), kind: 'ai-labelled', verdict: null, ai });
  const failed = verdict.error
    ? { imageKey: req.imageKey, imageUrl: req.displayUrl, postId: req.post.postId, error: verdict.error, ...(verdict.refusal ? { refusal: verdict.refusal } : {}) }
    : undefined;
  await recordScan(tabId, req.imageKey, findings, failed);
}

const queue = new ScanQueue({
  scan: compute,
  // Jobs resumed after a worker restart have no caller waiting; their tabs still get the result.
  done: record,
});

export function resumeScans(): Promise<void> {
  return queue.resume();
}

export async function scanImage(req: ScanRequest, tabId: number | undefined): Promise<ImageVerdict> {
  const hit = await cached(req.imageKey);
  // A cached picture is recorded for this tab after the answer goes out (the chain keeps the order).
  if (hit && tabId !== undefined) void record(req, tabId, hit).catch(() => undefined);
  // A queued one is recorded by the queue, for every tab that asked.
  return present(req, hit ?? (await queue.enqueue(req, tabId)));
}
