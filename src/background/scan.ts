// Scans one feed image: model-host signals → the gallery matcher → the engine's verdict, cached per image URL.
import { decide } from '../engine/verdict';
import type { Finding, ScanRequest, Verdict } from '../shared/types';
import { callModelHost } from '@platform';
import { recordScan } from './findings';
import { gallery, galleryVersion } from './gallery';

const cache = new Map<string, { version: number; verdict: Verdict }>();

async function verdictFor(url: string): Promise<Verdict> {
  const hit = cache.get(url);
  if (hit && hit.version === galleryVersion) return hit.verdict;
  const version = galleryVersion;
  const { works, matcher } = await gallery();
  if (matcher.size === 0) return { kind: 'none', score: 0, workId: null, workName: null };
  const s = await callModelHost('model/signals', { url, role: 'query' });
  const evidence = matcher.match({
    hashes: s.hashes.map((h) => Uint32Array.from(h)),
    hashQuality: s.hashQuality,
    vectors: s.vectors.map((v) => Float32Array.from(v)),
    style: Float32Array.from(s.style),
  });
  const verdict = decide(evidence);
  verdict.workName = verdict.workId ? (works.get(verdict.workId)?.name ?? null) : null;
  cache.set(url, { version, verdict });
  return verdict;
}

export async function scanImage(req: ScanRequest, tabId: number | undefined): Promise<Verdict> {
  const verdict = await verdictFor(req.url);
  if (tabId === undefined) return verdict;
  let finding: Finding | null = null;
  if (verdict.kind !== 'none' && verdict.workId) {
    const work = (await gallery()).works.get(verdict.workId);
    finding = {
      postId: req.postId, postUrl: req.postUrl, imageUrl: req.url, site: req.site, verdict,
      workThumbnail: work?.thumbnail ?? '', foundAt: Date.now(),
    };
  }
  await recordScan(tabId, finding);
  return verdict;
}
