// The background's half of an import (the page stages, import-stage.ts): staged files and links are taken one
// at a time, in order, each prepared (prepare.ts: the same checks and reasons as ever), de-duplicated by content
// hash and stored; its outcome is recorded in the job and the staged bytes deleted in one transaction. Running
// here, not in the page, the import outlives the page; recorded per item, it resumes after a worker restart
// (at start-up, at the next page poll, or at the keep-going alarm) with the first item not recorded.
import browser from 'webextension-polyfill';
import { getAll, write, type ImportJob, type StagedItem } from '../shared/db';
import type { WorkSummary } from '../shared/types';
import { isActive, type ImportProgress, type Outcome } from '../gallery/import-queue';
import { FORMAT_LABEL } from '../gallery/import-sniff';
import { fetchLink, nameOf } from '../gallery/import-urls';
import { prepare } from '../gallery/prepare';
import { addWork, checkSource, summariesOf } from './gallery';
import { readProvenance } from '../engine/provenance/index';
import { summariseProvenance, type ProvenanceSummary } from '../engine/provenance/summary';

/**
 * The artist's own files keep the metadata feed CDNs strip: read at import, bounded like a feed picture's but
 * with more time (one file at a time, not one per feed card). Past the time, a C2PA binding is 'unverified'.
 */
const PROVENANCE_LIMITS = { maxMs: 1_000, maxBytes: 32 * 1024 * 1024 };

async function fileProvenance(bytes: Blob): Promise<ProvenanceSummary | null> {
  try {
    return summariseProvenance(await readProvenance(new Uint8Array(await bytes.arrayBuffer()), PROVENANCE_LIMITS));
  } catch (err) {
    // Metadata is extra: a file whose metadata cannot be read is still the artist's work.
    console.warn('[inkseal] provenance of an import', err);
    return null;
  }
}

/**
 * While a job is unfinished an alarm wakes the worker: if the browser stopped it mid-import with no gallery page
 * open, the import goes on within a minute rather than at the next unrelated event.
 */
export const IMPORT_ALARM = 'inkseal-import';

let running: Promise<void> | undefined;
/** Asked to run while the loop was ending: it looks once more (the page may have staged just then). */
let again = false;
/** The staged item being worked on: Cancel keeps it, as "stops after the current work" says. */
let inFlight: number | undefined;

/** Starts the job runner, or keeps the running one going; resolves when no job is left. */
export function runImports(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = loop().catch((err: unknown) => console.warn('[inkseal] import', err)).finally(() => { running = undefined; });
  return running;
}

const byAge = (a: ImportJob, b: ImportJob) => a.createdAt - b.createdAt;

async function activeJob(): Promise<ImportJob | undefined> {
  return (await getAll('importJobs')).filter((j) => isActive(j.state)).sort(byAge)[0];
}

async function loop(): Promise<void> {
  for (;;) {
    again = false;
    const job = await activeJob();
    if (!job) {
      if (again) continue;
      await browser.alarms.clear(IMPORT_ALARM);
      return;
    }
    if (!(await browser.alarms.get(IMPORT_ALARM))) browser.alarms.create(IMPORT_ALARM, { periodInMinutes: 1 });
    const item = job.state === 'running' ? await nextItem(job.id) : undefined;
    if (!item) {
      await finish(job.id);
      continue;
    }
    inFlight = item.seq;
    const start = performance.now();
    let outcome: Outcome;
    try {
      outcome = await importItem(item);
    } catch (err) {
      outcome = { kind: 'failed', label: item.label, reason: 'error', detail: err instanceof Error ? err.message : String(err) };
    }
    await record(item, outcome, performance.now() - start);
    inFlight = undefined;
  }
}

function nextItem(job: string): Promise<StagedItem | undefined> {
  let item: StagedItem | undefined;
  // Read through `write` for its commit-awaiting; an index cursor over one job walks its items in staging order.
  return write(['importItems'], (tx) => {
    const req = tx.objectStore('importItems').index('job').openCursor(IDBKeyRange.only(job));
    req.onsuccess = () => { item = (req.result?.value as StagedItem | undefined); };
  }, 'the import').then(() => item);
}

/** What becomes of one staged file or link: the checks and reasons of prepare.ts, then the gallery's own. */
async function importItem(item: StagedItem): Promise<Outcome> {
  const { label } = item;
  if ('refused' in item) return { kind: 'failed', label, reason: item.refused };
  let bytes: Blob;
  let name: string;
  if ('url' in item) {
    try {
      bytes = (await fetchLink(item.url)).bytes;
    } catch (err) {
      return { kind: 'failed', label, reason: 'unreachable', detail: (err as Error).message };
    }
    name = nameOf(item.url);
  } else {
    bytes = item.file;
    name = item.name;
  }
  const p = await prepare(bytes);
  if (!p.ok) {
    const detail = p.reason === 'unsupported' && p.format ? FORMAT_LABEL[p.format]
      : p.reason === 'too-many-pixels' ? `${p.width} × ${p.height}` : undefined;
    return { kind: 'failed', label, reason: p.reason, ...(detail ? { detail } : {}) };
  }
  const source = 'url' in item ? checkSource(item.source ?? { kind: 'link', url: item.url }) : { kind: 'file' as const };
  const provenance = await fileProvenance(bytes);
  const { work, duplicate } = await addWork({ id: item.workId, name, dataUrl: p.dataUrl, thumbnail: p.thumbnail, contentHash: p.contentHash, source, provenance });
  // The same id: this item stored it before a restart cut it short.
  if (duplicate && work.id !== item.workId) return { kind: 'duplicate', label, existing: work.name };
  return { kind: 'added', label };
}

/** The item's outcome goes into its job and its staged bytes go, together. */
function record(item: StagedItem, outcome: Outcome, ms: number): Promise<void> {
  return write(['importJobs', 'importItems'], (tx) => {
    const jobs = tx.objectStore('importJobs');
    const req = jobs.get(item.job) as IDBRequest<ImportJob | undefined>;
    req.onsuccess = () => {
      const j = req.result;
      if (!j) return;
      const added = outcome.kind === 'added' ? [...j.added, item.workId] : j.added;
      const outcomes = outcome.kind === 'added' ? j.outcomes : [...j.outcomes, outcome];
      jobs.put({ ...j, done: j.done + 1, busyMs: j.busyMs + ms, added, outcomes });
    };
    tx.objectStore('importItems').delete(item.seq!);
  }, 'the import');
}

/** Deletes a job's staged items, but the one being worked on. */
function dropItems(tx: IDBTransaction, job: string): void {
  const req = tx.objectStore('importItems').index('job').openKeyCursor(IDBKeyRange.only(job));
  req.onsuccess = () => {
    const c = req.result;
    if (!c) return;
    if (c.primaryKey !== inFlight) tx.objectStore('importItems').delete(c.primaryKey);
    c.continue();
  };
}

/** No item left (or a Cancel): the job ends, and anything still staged for it goes. */
function finish(id: string): Promise<void> {
  return write(['importJobs', 'importItems'], (tx) => {
    const jobs = tx.objectStore('importJobs');
    const req = jobs.get(id) as IDBRequest<ImportJob | undefined>;
    req.onsuccess = () => {
      const j = req.result;
      if (!j || !isActive(j.state)) return;
      jobs.put({ ...j, state: j.state === 'stopping' ? 'cancelled' : 'finished' });
      dropItems(tx, id);
    };
  }, 'the import');
}

/** Cancel: the work under way is finished, the staged rest discarded now. */
export async function cancelImport(id: string): Promise<void> {
  await write(['importJobs', 'importItems'], (tx) => {
    const jobs = tx.objectStore('importJobs');
    const req = jobs.get(id) as IDBRequest<ImportJob | undefined>;
    req.onsuccess = () => {
      const j = req.result;
      if (j?.state !== 'running') return;
      jobs.put({ ...j, state: 'stopping' });
      dropItems(tx, id);
    };
  }, 'the import');
  void runImports();
}

const progressOf = (j: ImportJob): ImportProgress => ({
  id: j.id, state: j.state, total: j.total, done: j.done, added: j.added.length, outcomes: j.outcomes,
  ...(j.done > 0 ? { msPerWork: j.busyMs / j.done } : {}),
});

/**
 * The import a gallery page shows: the one it follows (`job`), else the one under way, else the last one if its
 * end was not shown yet. With it, the works it added from the `since`-th on, for the page's list. Asking also
 * resumes the runner, so an open page is all a restarted worker needs.
 */
export async function importProgress(job: string | undefined, since: number): Promise<{ progress: ImportProgress | null; works: WorkSummary[] }> {
  void runImports();
  const all = (await getAll('importJobs')).sort(byAge);
  const followed = job === undefined ? undefined : all.find((j) => j.id === job);
  const j = followed ?? all.find((x) => isActive(x.state)) ?? all.filter((x) => !x.shown).at(-1);
  if (!j) return { progress: null, works: [] };
  if (!isActive(j.state) && !j.shown) await markShown(j.id);
  const from = j.id === job ? Math.max(0, since) : 0;
  return { progress: progressOf(j), works: await summariesOf(j.added.slice(from)) };
}

function markShown(id: string): Promise<void> {
  return write(['importJobs'], (tx) => {
    const jobs = tx.objectStore('importJobs');
    const req = jobs.get(id) as IDBRequest<ImportJob | undefined>;
    // Read again inside the transaction: the page may have reopened the job with more files meanwhile.
    req.onsuccess = () => { if (req.result && !isActive(req.result.state)) jobs.put({ ...req.result, shown: true }); };
  }, 'the import');
}
