// Findings that last: every match and AI label ever shown, in IndexedDB, one record per picture (or per post for
// an AI label), with when it was first and last seen. The Findings page, the popup and the report page read
// them; the per-tab report (findings.ts) only says which of them this tab showed.
import { ENGINE_VERSION } from '../engine/version';
import { mergeDeclarations, type AiDeclaration } from '../engine/ai-declaration';
import { byIndex, byIndexMany, get, getAll, getMany, put, remove } from '../shared/db';
import type { CaseRecord, Decision, FindingRecord, FindingStatus, FindingView, ScanRequest, Verdict } from '../shared/types';
import { accountKey, listDecisions } from './decisions';
import { filesOf, forgetFindingCounts, thumbnails } from './gallery';

/** A picture keeps one record whatever its verdict becomes; an AI label belongs to the post. */
export function findingId(site: string, kind: 'match' | 'ai-labelled', key: string): string {
  return kind === 'ai-labelled' ? `ai|${site}|${key}` : `img|${site}|${key}`;
}

/** Seen again within this long: lastSeen is not rewritten (scrolling back and forth costs no writes). */
const SEEN_AGAIN_MS = 60_000;
const written = new Map<string, { firstSeen: number; lastSeen: number; kind: string; score: number; ai: string }>();

/** Records a sighting of a finding: created on first sight, refreshed after. */
export async function sighted(req: ScanRequest, verdict: Verdict | null, ai?: AiDeclaration): Promise<FindingRecord> {
  const kind = verdict ? (verdict.kind as FindingRecord['kind']) : 'ai-labelled';
  const id = findingId(req.site, verdict ? 'match' : 'ai-labelled', verdict ? req.imageKey : req.post.postId);
  const now = Date.now();
  const last = written.get(id);
  const evidenceKey = JSON.stringify(ai ?? null);
  const fresh = last && last.kind === kind && last.score === (verdict?.score ?? 0) && last.ai === evidenceKey && now - last.lastSeen < SEEN_AGAIN_MS;
  const existing = fresh ? undefined : await get('findings', id);
  // A post's AI finding gathers what each of its pictures' metadata said (one picture may carry C2PA, another none).
  const declared = mergeDeclarations(existing?.ai, ai);
  const record: FindingRecord = {
    id, kind, site: req.site,
    postId: req.post.postId, postUrl: req.post.postUrl, author: req.post.author, authorId: req.post.authorUrl,
    title: req.post.title, aiLabel: req.post.aiLabel ?? null, ...(declared ? { ai: declared } : {}),
    imageKey: req.imageKey, stableUrl: req.fetchUrl, displayUrl: req.displayUrl,
    verdict, engineVersion: ENGINE_VERSION,
    firstSeen: existing?.firstSeen ?? last?.firstSeen ?? now, lastSeen: fresh ? last.lastSeen : now,
  };
  if (fresh) return record;
  written.set(id, { firstSeen: record.firstSeen, lastSeen: now, kind, score: verdict?.score ?? 0, ai: evidenceKey });
  await put('findings', record);
  forgetFindingCounts();
  return record;
}

export const getFinding = (id: string) => get('findings', id);
export const caseOf = (findingId: string) => byIndex('cases', 'findingId', findingId);
/** The cases of these findings, in one read (a tab's report after a long scroll holds hundreds of findings). */
export const casesOf = (findingIds: string[]) => byIndexMany('cases', 'findingId', findingIds);

export function statusOf(f: FindingRecord, decisions: Decision[], c: CaseRecord | undefined): FindingStatus {
  if (f.kind !== 'ai-labelled') {
    if (decisions.some((d) => d.kind === 'not-mine' && d.key === f.imageKey)) return 'not-mine';
    const account = accountKey(f.site, { author: f.author, authorUrl: f.authorId });
    if (account && decisions.some((d) => d.kind === 'authorised' && d.key === account)) return 'authorised';
  }
  return c?.status ?? 'new';
}

/** One finding as the extension's pages show it. */
export async function view(f: FindingRecord): Promise<FindingView> {
  const [decisions, c] = await Promise.all([listDecisions(), caseOf(f.id)]);
  const workThumbnail = (f.verdict?.workId && (await filesOf(f.verdict.workId))?.thumbnail) || '';
  return { ...f, status: statusOf(f, decisions, c), case: c, workThumbnail };
}

export async function listFindings(): Promise<FindingView[]> {
  const [records, decisions, cases] = await Promise.all([getAll('findings'), listDecisions(), getAll('cases')]);
  const caseBy = new Map(cases.map((c) => [c.findingId, c]));
  const thumbs = await thumbnails([...new Set(records.flatMap((f) => (f.verdict?.workId ? [f.verdict.workId] : [])))]);
  return records
    .map((f): FindingView => ({
      ...f, status: statusOf(f, decisions, caseBy.get(f.id)), case: caseBy.get(f.id),
      workThumbnail: (f.verdict?.workId && thumbs[f.verdict.workId]) || '',
    }))
    .sort((a, b) => b.lastSeen - a.lastSeen);
}

/** Deletes findings with their evidence and cases; answers how many of `ids` were findings (the page says so). */
export async function deleteFindings(ids: string[]): Promise<number> {
  const found = (await getMany('findings', ids)).filter(Boolean).length;
  const cases = (await Promise.all(ids.map(caseOf))).filter((c): c is CaseRecord => Boolean(c));
  await remove('findings', ids);
  await remove('evidence', ids);
  await remove('cases', cases.map((c) => c.id));
  forgetFindingCounts();
  for (const id of ids) written.delete(id);
  return found;
}
