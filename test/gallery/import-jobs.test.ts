// An import is a job the background runs from what the page staged in IndexedDB: one work at a time, "N of M"
// with the time left, duplicates by content and failures with their reason, Cancel after the current work, and a
// restart that resumes where the last worker stopped without counting its own work as a duplicate.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { corpusDir } from '../support/data';

const host = vi.hoisted(() => ({ calls: 0, hold: undefined as Promise<void> | undefined }));
vi.mock('webextension-polyfill', () => {
  const local: Record<string, unknown> = {};
  const alarms = new Set<string>();
  return { default: {
    storage: { local: {
      get: async (key: string) => (key in local ? { [key]: local[key] } : {}),
      set: async (items: Record<string, unknown>) => { Object.assign(local, items); },
    } },
    alarms: {
      get: async (name: string) => (alarms.has(name) ? { name } : undefined),
      create: (name: string) => { alarms.add(name); },
      clear: async (name: string) => alarms.delete(name),
    },
  } };
});
vi.mock('@platform', () => ({
  callModelHost: async () => {
    host.calls++;
    await host.hold;
    const unit = Array.from({ length: 256 }, (_, i) => (i === 0 ? 1 : 0));
    return { hashes: [[1, 2]], hashQuality: 1, vectors: [unit], style: unit };
  },
}));
// Decoding needs a browser (prepare.ts is covered by test/e2e/gallery.test.ts); here a file's text is its
// picture: its hash is made from it, and "cut…" is a truncated one.
vi.mock('../../src/gallery/prepare', () => ({
  prepare: async (b: Blob) => {
    const text = await b.text();
    if (text.startsWith('cut')) return { ok: false, reason: 'truncated', format: 'jpeg' };
    const contentHash = Array.from(text.padEnd(32, '.').slice(0, 32), (c) => (c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')).join('');
    return { ok: true, contentHash, dataUrl: 'data:image/jpeg;base64,AA', thumbnail: 'data:image/jpeg;base64,AA' };
  },
}));

const { stageImport } = await import('../../src/gallery/import-stage');
const { cancelImport, importProgress, runImports } = await import('../../src/background/import-jobs');
const { addWork, listWorks } = await import('../../src/background/gallery');
const { getAll } = await import('../../src/shared/db');
const { timeLeftMs } = await import('../../src/gallery/import-queue');

/** Files as the picker gives them; the content decides duplicates, the name is only the label. */
const files = (...contents: string[]) => contents.map((c, i) => ({ file: new File([c], `${c}-${i}.png`), label: `${c}-${i}.png` }));

async function stage(items: ReturnType<typeof files>): Promise<string> {
  let job = '';
  await stageImport(items, (j) => { job = j; });
  return job;
}

const progress = async (job: string) => (await importProgress(job, 0)).progress!;

describe('import jobs', () => {
  test('works go one at a time into the gallery; duplicates by content and failures are the summary', async () => {
    const job = await stage(files('fox', 'crane', 'fox', 'cut-jpeg', ''));
    expect(await progress(job)).toMatchObject({ state: 'running', done: 0, total: 5 });
    await runImports();
    const p = await progress(job);
    expect(p).toMatchObject({ state: 'finished', done: 5, total: 5, added: 2 });
    expect(p.msPerWork).toBeGreaterThanOrEqual(0);
    // The time left is the mean so far times what is left; unknown before the first work.
    expect(timeLeftMs({ ...p, done: 2, msPerWork: 3000 })).toBe(9000);
    expect(timeLeftMs({ ...p, done: 0, msPerWork: undefined })).toBeUndefined();
    expect(p.outcomes).toEqual([
      { kind: 'duplicate', label: 'fox-2.png', existing: 'fox-0.png' },
      { kind: 'failed', label: 'cut-jpeg-3.png', reason: 'truncated' },
      // Refused by its size alone while staging: no bytes were copied.
      { kind: 'failed', label: '-4.png', reason: 'empty' },
    ]);
    expect((await listWorks()).map((w) => w.name).sort()).toEqual(['crane-1.png', 'fox-0.png']);
    // Nothing stays staged; the page that showed the end is the last to be offered it.
    expect(await getAll('importItems')).toEqual([]);
    expect((await importProgress(undefined, 0)).progress).toBeNull();
  });

  test("the artist's own file keeps its metadata: a work shows the C2PA and AI declarations its file made", async () => {
    const bytes = readFileSync(join(corpusDir(), 'c2pa', 'c2pa-rs__ocsp.jpg'));
    const job = await stage([
      { file: new File([bytes], 'firefly.jpg'), label: 'firefly.jpg' },
      ...files('plain-drawing'),
    ]);
    await runImports();
    expect(await progress(job)).toMatchObject({ state: 'finished', added: 2 });
    const works = await listWorks();
    const firefly = works.find((w) => w.name === 'firefly.jpg')!;
    expect(firefly.provenance?.ai).toBe(true);
    expect(firefly.provenance?.c2pa).toBeDefined();
    expect(firefly.provenance?.evidence.some((e) => e.source === 'c2pa' && /trainedAlgorithmicMedia/.test(e.value))).toBe(true);
    expect(works.find((w) => w.name.startsWith('plain-drawing'))!.provenance).toBeUndefined();
  });

  test('Cancel stops after the work under way and discards the staged rest', async () => {
    let release!: () => void;
    host.hold = new Promise((r) => { release = r; });
    const before = host.calls;
    const job = await stage(files('a1', 'a2', 'a3', 'a4', 'a5'));
    const run = runImports();
    await vi.waitFor(() => expect(host.calls).toBe(before + 1));
    await cancelImport(job);
    expect((await progress(job)).state).toBe('stopping');
    release();
    host.hold = undefined;
    await run;
    expect(await progress(job)).toMatchObject({ state: 'cancelled', done: 1, total: 5, added: 1 });
    expect(await getAll('importItems')).toEqual([]);
    expect((await listWorks()).filter((w) => w.name.startsWith('a'))).toHaveLength(1);
  });

  test('a job cut short resumes with its first unrecorded item; a work that item already stored counts as added', async () => {
    const job = await stage(files('b1', 'b2', 'b3'));
    // The last worker stored the first item's work, and stopped before recording it.
    const [first] = await getAll('importItems');
    await addWork({ id: first!.workId, name: 'b1-0.png', dataUrl: 'data:image/jpeg;base64,AA', thumbnail: 'data:image/jpeg;base64,AA', contentHash: Array.from('b1'.padEnd(32, '.'), (c) => (c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')).join('') });
    await runImports();
    expect(await progress(job)).toMatchObject({ state: 'finished', done: 3, total: 3, added: 3, outcomes: [] });
    expect((await listWorks()).filter((w) => w.name.startsWith('b')).map((w) => w.name).sort()).toEqual(['b1-0.png', 'b2-1.png', 'b3-2.png']);
    // The page gets the works the job added, from the one it has on.
    expect((await importProgress(job, 1)).works.map((w) => w.name)).toEqual(['b2-1.png', 'b3-2.png']);
  });

  test('files staged during an import join it; staged while it stops, they start the next one', async () => {
    let release!: () => void;
    host.hold = new Promise((r) => { release = r; });
    const before = host.calls;
    const job = await stage(files('c1', 'c2'));
    expect(await stage(files('c3'))).toBe(job);
    expect((await progress(job)).total).toBe(3);
    const run = runImports();
    await vi.waitFor(() => expect(host.calls).toBe(before + 1));
    await cancelImport(job);
    const next = await stage(files('d1', 'd2'));
    expect(next).not.toBe(job);
    release();
    host.hold = undefined;
    await run;
    expect(await progress(job)).toMatchObject({ state: 'cancelled', done: 1, total: 3 });
    expect(await progress(next)).toMatchObject({ state: 'finished', done: 2, total: 2, added: 2 });
  });
});
