// Scanning one picture: model-host signals → the gallery matcher → the engine's verdict. Verdicts are cached per
// picture identity (in storage.session, against the gallery version they were computed with), so a picture
// seen again — on scroll-back, in another tab, after a worker restart — costs nothing.
import browser from 'webextension-polyfill';
import { decide, type Verdict } from '../engine/verdict';
import { aiDeclaration } from '../engine/ai-declaration';
import type { QuerySignals } from '../engine/matcher';
import type { RegionKind } from '../engine/regions';
import type { Quad } from '../engine/geometry';
import { checkedFirst, worthALook } from '../engine/second-stage';
import { sendToTab } from '../shared/messaging';
import type { Finding, ImageVerdict, ScanRequest, WireSignals } from '../shared/types';
import { callModelHost } from '@platform';
import { accountKey, dismissalFor } from './decisions';
import { caseOf, findingId, sighted } from './finding-store';
import { recordScan } from './findings';
import { gallery, galleryVersion } from './gallery';
import { ScanQueue } from './scan-queue';
import { secondStage } from './second-stage';
import { CloserLooks, type Look } from './closer-looks';
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
  const hit = (await verdicts()).get(imageKey, await galleryVersion());
  // A fast verdict whose closer look was lost (a restarted worker, or dropped from a long wait) is scanned again.
  return hit?.pending && !looks.has(imageKey) ? undefined : hit;
}

/** The model host's plain arrays back as the typed arrays the matcher reads. */
export function querySignals(s: WireSignals): QuerySignals {
  return {
    hashes: s.hashes.map((h) => Uint32Array.from(h)),
    hashQuality: s.hashQuality,
    vectors: s.vectors.map((v) => Float32Array.from(v)),
    style: Float32Array.from(s.style),
    ...(s.kinds ? { kinds: s.kinds as RegionKind[] } : {}),
    ...(s.screen ? { screen: { ...s.screen, data: Uint8Array.from(s.screen.data), quads: s.screen.quads as Quad[] } } : {}),
    ...(s.thumb ? { thumb: { ...s.thumb, data: Uint8Array.from(s.thumb.data) } } : {}),
  };
}

async function compute(req: ScanRequest): Promise<ImageVerdict> {
  const version = await galleryVersion();
  const { works, matcher } = await gallery();
  let verdict: ImageVerdict = { kind: 'none', score: 0, workId: null, workName: null };
  let later: Look | undefined;
  if (matcher.size > 0) {
    // Its failures carry their refusal (too large, timed out, …); the queue retries those worth it.
    const s = await callModelHost('model/signals', { url: req.fetchUrl, role: 'query' });
    const q = querySignals(s);
    // The screen shortlist waits for the second stage, the only one to read it (GalleryMatcher.match): the badge
    // does not wait for every work to be laid over the screens in the picture.
    const evidence = matcher.match(q, { screens: false });
    const whole = () => matcher.withScreens(q, evidence);
    const fast = decide(evidence);
    // Cached with the verdict: the picture's metadata does not change while its identity stays.
    const named = (v: Verdict): ImageVerdict => ({
      ...v,
      workName: v.workId ? (works.get(v.workId)?.name ?? null) : null,
      ...(s.provenance ? { provenance: s.provenance } : {}),
    });
    if (checkedFirst(fast)) {
      verdict = named(await secondStage(req.fetchUrl, whole(), fast));
    } else {
      const shown = named(fast);
      verdict = shown;
      if (worthALook(evidence, fast, matcher.screensToFit(q))) {
        verdict = { ...shown, pending: true };
        later = (tabs) => closerLook(req, version, shown, async () => named(await secondStage(req.fetchUrl, whole(), fast)), tabs);
      }
    }
  }
  (await verdicts()).set(req.imageKey, version, verdict);
  if (later) looks.add(req.imageKey, later);
  return verdict;
}

/**
 * The second stage for a picture whose fast verdict the page already has: the verdict is stored final, and when
 * the look found a repost the tabs that showed the picture record the finding and ask again for its badge.
 */
async function closerLook(req: ScanRequest, version: number, fast: ImageVerdict, look: () => Promise<ImageVerdict>, tabs: () => number[]): Promise<void> {
  const settled = await look();
  looked.done++;
  // The gallery changed meanwhile: the verdict is stale and the picture will be scanned again.
  if ((await galleryVersion()) !== version) return;
  const changed = settled.kind !== fast.kind || settled.workId !== fast.workId;
  if (changed) looked.changed++;
  (await verdicts()).set(req.imageKey, version, changed ? settled : fast);
  if (!changed) return;
  for (const tabId of tabs()) {
    // A tab closed meanwhile has had its report cleared: nothing is recorded for it again.
    if (!(await browser.tabs.get(tabId).then(() => true, () => false))) continue;
    await record(req, tabId, settled).catch(() => undefined);
    void sendToTab(tabId, 'content/changed', { imageKeys: [req.imageKey] }).catch(() => undefined);
  }
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
  delete page.pending;
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
  if (verdict.pending) looks.watch(req.imageKey, tabId);
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
  room: () => looks.pump(),
});
const looks = new CloserLooks(() => queue.hasRoom());
/** Closer looks taken in this worker's life, and those that changed a verdict (bench:perf reads them). */
const looked = { done: 0, changed: 0 };

export function lookStats(): { pending: number; done: number; changed: number; queue: ScanQueue['timings'] } {
  return { pending: looks.size, ...looked, queue: queue.timings };
}

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
