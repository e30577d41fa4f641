// A case per report: open → reported → resolved / rejected, with dates and notes. One per finding; logging the
// same finding again updates its case.
import { get, put } from '../shared/db';
import type { CaseRecord, CaseStatus, WorkFacts } from '../shared/types';
import { caseOf, getFinding } from './finding-store';

const STATUSES: readonly CaseStatus[] = ['open', 'reported', 'resolved', 'rejected'];

function validStatus(s: unknown): CaseStatus {
  if (!STATUSES.includes(s as CaseStatus)) throw new Error(`unknown case status ${String(s)}`);
  return s as CaseStatus;
}

const bounded = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);

function validFacts(f: WorkFacts | undefined): WorkFacts | undefined {
  if (!f) return undefined;
  return { created: bounded(f.created, 100), firstPublishedUrl: bounded(f.firstPublishedUrl, 2000), firstPublishedAt: bounded(f.firstPublishedAt, 100) };
}

export async function logCase(findingId: string, status: CaseStatus, notes?: string, workFacts?: WorkFacts): Promise<CaseRecord> {
  const f = await getFinding(findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  const now = Date.now();
  const existing = await caseOf(findingId);
  const s = validStatus(status);
  const record: CaseRecord = existing
    ? {
      ...existing, status: s, updatedAt: now, notes: bounded(notes, 5000) ?? existing.notes,
      workFacts: validFacts(workFacts) ?? existing.workFacts,
      history: existing.status === s ? existing.history : [...existing.history, { status: s, at: now }],
    }
    : {
      id: crypto.randomUUID(), findingId, site: f.site, postId: f.postId, postUrl: f.postUrl, status: s,
      openedAt: now, updatedAt: now, notes: bounded(notes, 5000) ?? '', history: [{ status: s, at: now }],
      workFacts: validFacts(workFacts),
    };
  await put('cases', record);
  return record;
}

export async function updateCase(id: string, status?: CaseStatus, notes?: string): Promise<CaseRecord> {
  const c = await get('cases', id);
  if (!c) throw new Error('no such case');
  const now = Date.now();
  const s = status === undefined ? c.status : validStatus(status);
  const next: CaseRecord = {
    ...c, status: s, updatedAt: now, notes: bounded(notes, 5000) ?? c.notes,
    history: s === c.status ? c.history : [...c.history, { status: s, at: now }],
  };
  await put('cases', next);
  return next;
}
