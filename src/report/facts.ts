// Turns what the report page holds (the finding, its evidence, the facts the artist adds) into the notice's facts.
import type { NoticeFacts } from '../engine/notice';
import type { EvidenceRecord, FindingView, WorkFacts } from '../shared/types';
import { siteById } from '../sites';

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Platform names as the notice states them, in both languages whatever the UI language (see SiteRecord.names). */
export function platformNames(site: string, postUrl: string): { zh: string; en: string } {
  const host = hostOf(postUrl);
  return siteById(site)?.names ?? { zh: host, en: host };
}

/** Only copies and edited copies get an infringement notice: a style resemblance or an AI label is not one. */
export const isInfringement = (f: FindingView): f is FindingView & { kind: 'copy' | 'edit' } => (f.kind === 'copy' || f.kind === 'edit') && !!f.verdict;

export function noticeFacts(finding: FindingView, evidence: EvidenceRecord, workName: string, facts: WorkFacts): NoticeFacts | null {
  if (!isInfringement(finding)) return null;
  const v = finding.verdict!;
  return {
    site: finding.site,
    platform: platformNames(finding.site, finding.postUrl),
    postUrl: finding.postUrl,
    postId: finding.postId,
    imageUrl: finding.stableUrl,
    displayUrl: finding.displayUrl,
    author: finding.author,
    authorId: finding.authorId,
    capturedAt: evidence.capturedAt,
    timeZone: evidence.timeZone,
    kind: finding.kind,
    score: v.score,
    transform: v.transform,
    method: v.signal ?? '',
    engineVersion: finding.engineVersion,
    postSha256: evidence.post.sha256,
    workSha256: evidence.work.sha256,
    work: {
      title: workName,
      addedAt: evidence.work.addedAt,
      created: facts.created,
      firstPublishedUrl: facts.firstPublishedUrl,
      firstPublishedAt: facts.firstPublishedAt,
    },
  };
}
