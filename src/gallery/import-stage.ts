// The page's half of an import: the picked files' bytes (or the links) are copied into IndexedDB with the job
// they belong to, in the same transaction, and the background runs the job from there (import-jobs.ts). Once an
// item is staged, closing the page or a worker restart loses nothing. Files join the import under way (its
// total grows); otherwise they start a new one, which replaces the last finished one.
import { write, type ImportJob, type StagedItem, type StagedWhat } from '../shared/db';
import { sizeProblem } from './import-sniff';
import type { Picked } from './import-files';
import type { LinkItem } from './import-links';

/** Items per transaction: a big folder's first files are being added while the rest are still copied. */
const CHUNK = 16;

function what(item: Picked | LinkItem): StagedWhat {
  if ('url' in item) return { url: item.url, ...(item.source ? { source: item.source } : {}) };
  // A 2 GB video dropped by mistake is refused by its size, never copied.
  const refused = sizeProblem(item.file.size);
  return refused ? { refused } : { file: item.file, name: item.file.name };
}

const request = <T>(r: IDBRequest<T>, then: (v: T) => void) => { r.onsuccess = () => then(r.result); };

/**
 * Stages one chunk. Without `job`, it joins the running import or starts one; with `job`, it continues that
 * one (back to running if it finished meanwhile). Answers the job's id, or undefined when the artist cancelled
 * that import while it was being staged.
 */
async function stageChunk(items: (Picked | LinkItem)[], job: string | undefined): Promise<string | undefined> {
  let id: string | undefined;
  await write(['importJobs', 'importItems'], (tx) => {
    const jobs = tx.objectStore('importJobs');
    const put = (j: ImportJob) => {
      id = j.id;
      jobs.put({ ...j, total: j.total + items.length });
      for (const item of items) {
        tx.objectStore('importItems').add({ ...what(item), job: j.id, label: item.label, workId: crypto.randomUUID() } satisfies StagedItem);
      }
    };
    request(jobs.getAll() as IDBRequest<ImportJob[]>, (all) => {
      if (job !== undefined) {
        const j = all.find((x) => x.id === job);
        if (j && (j.state === 'running' || j.state === 'finished')) put({ ...j, state: 'running', shown: undefined });
        return;
      }
      const running = all.filter((x) => x.state === 'running').sort((a, b) => a.createdAt - b.createdAt)[0];
      if (running) return put(running);
      // Only one summary is kept: the last import's.
      for (const x of all) if (x.state === 'finished' || x.state === 'cancelled') jobs.delete(x.id);
      put({ id: crypto.randomUUID(), createdAt: Date.now(), state: 'running', total: 0, done: 0, busyMs: 0, added: [], outcomes: [] });
    });
  }, 'the files to import');
  return id;
}

/** Stages every item; `onStaged` is told the job after each chunk, so the background starts at the first. */
export async function stageImport(items: (Picked | LinkItem)[], onStaged: (job: string) => void): Promise<void> {
  let job: string | undefined;
  for (let at = 0; at < items.length; at += CHUNK) {
    job = await stageChunk(items.slice(at, at + CHUNK), job);
    if (job === undefined) return;
    onStaged(job);
  }
}
