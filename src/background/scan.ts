// Scanning one picture: model-host signals → the gallery matcher → the engine's verdict. Verdicts are cached per
// picture identity (in storage.session, against the gallery version they were computed with), so a picture
// seen again — on scroll-back, in another tab, after a worker restart — costs nothing.
import browser from 'webextension-polyfill';
import { decide } from '../engine/verdict';
import type { Finding, ImageVerdict, ScanRequest } from '../shared/types';
import { callModelHost } from '@platform';
import { accountKey, dismissalFor } from './dismissals';
import { recordScan } from './findings';
import { gallery, galleryVersion } from './gallery';
import { RetryableError, ScanQueue } from './scan-queue';

const cacheKey = (imageKey: string) => `v:${imageKey}`;

async function cached(imageKey: string): Promise<ImageVerdict | undefined> {
  const got = (await browser.storage.session.get(cacheKey(imageKey)))[cacheKey(imageKey)] as
    { version: number; verdict: ImageVerdict } | undefined;
  return got && got.version === (await galleryVersion()) ? got.verdict : undefined;
}

async function compute(req: ScanRequest): Promise<ImageVerdict> {
  const version = await galleryVersion();
  const { works, matcher } = await gallery();
  let verdict: ImageVerdict = { kind: 'none', score: 0, workId: null, workName: null };
  if (matcher.size > 0) {
    const s = await callModelHost('model/signals', { url: req.fetchUrl, role: 'query' }).catch((err: Error) => {
      // Network and HTTP failures are worth another try; a picture that does not decode is not.
      if (/image fetch failed|Failed to fetch|NetworkError|network/i.test(err.message)) throw new RetryableError(err.message);
      throw err;
    });
    verdict = decide(matcher.match({
      hashes: s.hashes.map((h) => Uint32Array.from(h)),
      hashQuality: s.hashQuality,
      vectors: s.vectors.map((v) => Float32Array.from(v)),
      style: Float32Array.from(s.style),
    }));
    verdict.workName = verdict.workId ? (works.get(verdict.workId)?.name ?? null) : null;
  }
  await browser.storage.session.set({ [cacheKey(req.imageKey)]: { version, verdict } });
  return verdict;
}

/** The verdict as this tab should see it (dismissals applied), recorded in the tab's report. */
async function present(req: ScanRequest, tabId: number | undefined, verdict: ImageVerdict): Promise<ImageVerdict> {
  const dismissed = verdict.kind === 'none' ? undefined : await dismissalFor(req.imageKey, accountKey(req.site, req.post));
  const work = verdict.workId ? (await gallery()).works.get(verdict.workId) : undefined;
  const shown: ImageVerdict = { ...verdict, dismissed, workThumbnail: work?.thumbnail };
  if (tabId === undefined) return shown;
  const base = { site: req.site, post: req.post, imageKey: req.imageKey, imageUrl: req.displayUrl, foundAt: Date.now() };
  const findings: Finding[] = [];
  if (verdict.kind !== 'none' && !dismissed) findings.push({ ...base, kind: verdict.kind, verdict, workThumbnail: work?.thumbnail ?? '' });
  if (req.post.aiLabel) findings.push({ ...base, kind: 'ai-labelled', verdict: null, workThumbnail: '' });
  const failed = verdict.error ? { imageKey: req.imageKey, imageUrl: req.displayUrl, postId: req.post.postId, error: verdict.error } : undefined;
  await recordScan(tabId, req.imageKey, findings, failed);
  return shown;
}

const queue = new ScanQueue({
  scan: compute,
  // Jobs resumed after a worker restart have no caller waiting; their tabs still get the result.
  done: async (req, tabId, verdict) => void (await present(req, tabId, verdict)),
});

export function resumeScans(): Promise<void> {
  return queue.resume();
}

export async function scanImage(req: ScanRequest, tabId: number | undefined): Promise<ImageVerdict> {
  const hit = await cached(req.imageKey);
  if (hit) return present(req, tabId, hit);
  const verdict = await queue.enqueue(req, tabId);
  // The queue recorded it for every waiting tab; this caller only needs the tab's view of it.
  return present(req, undefined, verdict);
}
