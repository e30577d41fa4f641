// The artist's gallery as the background sees it: IndexedDB is the truth; the matcher is derived from it and
// rebuilt after every service-worker start. Only works' details and fingerprints are held in memory; their
// pictures (`workFiles`) are read when a page shows them or a work is analysed again.
import browser from 'webextension-polyfill';
import { GalleryMatcher, quantizeSignals, type WorkSignals } from '../engine/matcher';
import { ENGINE_VERSION } from '../engine/version';
import { allWorks, get, getAll, getMany, newestWorks, purgeWorks, put, putWorks, type StoredWork, type WorkDetails, type WorkFiles, type WorkSource } from '../shared/db';
import type { WireThumb, WorkSummary } from '../shared/types';
import type { ProvenanceSummary } from '../engine/provenance/summary';
import { callModelHost } from '@platform';

/**
 * The live works, and the matcher over them built on first use: listing the gallery, adding or editing works
 * needs no matcher, and building one costs seconds at 10,000 works (npm run bench:gallery), so a Gallery page
 * opened while the worker slept does not wait for it.
 */
class Loaded {
  private built: GalleryMatcher | undefined;
  constructor(readonly works: Map<string, StoredWork>) {}

  get matcher(): GalleryMatcher {
    if (!this.built) {
      this.built = new GalleryMatcher();
      for (const w of this.works.values()) {
        // One damaged record (db.ts step 5 leaves what it cannot convert for re-analysis) must not stop the rest.
        try {
          this.built.add(w.signals);
        } catch (err) {
          console.warn('[inkseal] work not matchable until analysed again', w.id, err);
        }
      }
    }
    return this.built;
  }

  /** The matcher if something has built it; changes made before then reach it through `works`. */
  get builtMatcher(): GalleryMatcher | undefined {
    return this.built;
  }
}

/** How long a deleted work can be brought back (the page's Undo); after that it is purged at the next load. */
export const UNDO_MS = 10 * 60_000;

let loaded: Promise<Loaded> | undefined;
/** Whether `loaded` has settled with the works in memory. */
let inMemory = false;
const VERSION_KEY = 'galleryVersion';
let version: Promise<number> | undefined;

/** Bumped on every change so cached verdicts computed against an older gallery are dropped. Persisted:
 *  verdicts cached in storage.session outlive the worker that computed them. */
export function galleryVersion(): Promise<number> {
  version ??= browser.storage.local.get(VERSION_KEY).then((g) => (typeof g[VERSION_KEY] === 'number' ? g[VERSION_KEY] : 0));
  return version;
}

async function bumpVersion(): Promise<void> {
  const next = (await galleryVersion()) + 1;
  version = Promise.resolve(next);
  await browser.storage.local.set({ [VERSION_KEY]: next });
}

export function gallery(): Promise<Loaded> {
  if (loaded) return loaded;
  loaded = allWorks().then((list) => {
    const live = list.filter((w) => w.deletedAt === undefined);
    const expired = list.filter((w) => w.deletedAt !== undefined && Date.now() - w.deletedAt > UNDO_MS).map((w) => w.id);
    if (expired.length) void purgeWorks(expired).catch((err: unknown) => console.warn('[inkseal] purge', err));
    inMemory = true;
    return new Loaded(new Map(live.map((w) => [w.id, w])));
  });
  // Once per worker life, when the gallery is loaded anyway (the first scan): works of an older engine are
  // analysed again in the background. Not at start-up: most worker wakes would then read every work for nothing.
  void loaded.then(() => reanalyseStale()).catch((err: unknown) => console.warn('[inkseal] re-analysis', err));
  return loaded;
}

function summary(w: StoredWork, findings = 0): WorkSummary {
  const { id, name, addedAt, source, title, createdOn, publishedUrl, publishedOn, tags, provenance } = w;
  return { id, name, addedAt, source, title, createdOn, publishedUrl, publishedOn, tags, findings, ...(provenance ? { provenance } : {}) };
}

export interface AddResult { work: WorkSummary; duplicate: boolean }

/**
 * What an import knows about a work besides its picture. `id` is given by an import job (the id its staged item
 * carries), else made here.
 */
export interface NewWork {
  id?: string; name: string; dataUrl: string; thumbnail: string; contentHash?: string; source?: WorkSource; details?: WorkDetails;
  /** Read by the background itself from the file's bytes (import-jobs.ts), never taken from a page's message. */
  provenance?: ProvenanceSummary | null;
}

/** The live work made from the file with this content hash, if any. */
export async function workWithHash(contentHash: string): Promise<WorkSummary | undefined> {
  const w = [...(await gallery()).works.values()].find((x) => x.contentHash === contentHash);
  return w && summary(w);
}

/** Additions in progress by content hash: a second tab adding the same file waits for the first. */
const adding = new Map<string, Promise<AddResult>>();

/**
 * Adds a work unless a work made from the same file (same `contentHash`) is already stored; then answers with
 * that one and `duplicate: true`, before the model host does any work. Without a hash (works added before
 * hashes existed, or a caller that has none) there is nothing to compare, so the work is always added.
 */
export function addWork(w: NewWork): Promise<AddResult> {
  const { contentHash } = w;
  if (contentHash === undefined) return store(w).then((work) => ({ work, duplicate: false }));
  if (!/^[0-9a-f]{64}$/.test(contentHash)) return Promise.reject(new Error('bad content hash'));
  const pending = adding.get(contentHash);
  if (pending) {
    // If that addition failed, this one tries for itself.
    return pending.then(({ work }) => ({ work, duplicate: true }), () => addWork(w));
  }
  const added = (async (): Promise<AddResult> => {
    const existing = await workWithHash(contentHash);
    if (existing) return { work: existing, duplicate: true };
    return { work: await store(w), duplicate: false };
  })().finally(() => adding.delete(contentHash));
  adding.set(contentHash, added);
  return added;
}

async function store({ id: given, name, dataUrl, thumbnail, contentHash, source, details, provenance }: NewWork): Promise<WorkSummary> {
  if (!dataUrl.startsWith('data:image/') || !thumbnail.startsWith('data:image/')) throw new Error('not an image');
  if (given !== undefined && !/^[0-9a-f-]{36}$/.test(given)) throw new Error('bad work id');
  const s = await callModelHost('model/signals', { url: dataUrl, role: 'gallery' });
  const id = given ?? crypto.randomUUID();
  const work: StoredWork = {
    id, name: name.slice(0, 200), addedAt: Date.now(), ...(contentHash ? { contentHash } : {}),
    source: source ?? { kind: 'file' },
    ...cleanDetails({ title: name.replace(/\.[a-z0-9]{2,5}$/i, ''), ...details }),
    engineVersion: ENGINE_VERSION,
    signals: workSignals(id, s),
    ...(provenance ? { provenance } : {}),
  };
  await storeWorks([{ ...work, thumbnail, image: dataUrl }]);
  return summary(work);
}

/** Saves analysed works with their pictures in one transaction and makes them matchable, with one version bump. */
export async function storeWorks(works: (StoredWork & WorkFiles)[]): Promise<void> {
  await putWorks(works);
  const g = await gallery();
  for (const { thumbnail: _t, image: _i, ...w } of works) {
    g.works.set(w.id, w);
    g.builtMatcher?.add(w.signals);
  }
  await bumpVersion();
}

/**
 * How many findings matched each work: read once and kept until a finding is written or deleted
 * (`forgetFindingCounts`), so the Gallery page's first screen and its whole list do not each read every finding.
 */
let counts: Promise<Map<string, number>> | undefined;

function findingCounts(): Promise<Map<string, number>> {
  if (counts) return counts;
  const read = getAll('findings').then((all) => {
    const by = new Map<string, number>();
    for (const f of all) {
      const id = f.verdict?.workId;
      if (id) by.set(id, (by.get(id) ?? 0) + 1);
    }
    return by;
  });
  counts = read;
  // A failed read is not kept: the next listing tries again.
  read.catch(() => { if (counts === read) counts = undefined; });
  return read;
}

/** Called by the finding store on every write: the next listing counts again. */
export function forgetFindingCounts(): void {
  counts = undefined;
}

const newestFirst = (a: { addedAt: number }, b: { addedAt: number }) => b.addedAt - a.addedAt;

/** Every live work, newest first, with how many findings matched each. */
export async function listWorks(): Promise<WorkSummary[]> {
  const by = await findingCounts();
  return [...(await gallery()).works.values()].map((w) => summary(w, by.get(w.id))).sort(newestFirst);
}

/**
 * The newest `count` works and how many there are (the Gallery page's first screen), with the thumbnails of the
 * newest `pictures`. From memory when the gallery is loaded; otherwise straight from IndexedDB, so a page opened
 * while the background slept is not kept waiting for every work's fingerprints to be read (the page's next
 * request, the whole list, loads them).
 */
export async function firstWorks(count: number, pictures = 0): Promise<{ works: WorkSummary[]; total: number; thumbnails: Record<string, string> }> {
  const [{ newest, total }, by] = await Promise.all([newestOf(count), findingCounts()]);
  const works = newest.map((w) => summary(w, by.get(w.id)));
  return { works, total, thumbnails: await thumbnails(works.slice(0, pictures).map((w) => w.id)) };
}

async function newestOf(count: number): Promise<{ newest: StoredWork[]; total: number }> {
  if (!inMemory) {
    const { works, total } = await newestWorks(count);
    return { newest: works, total };
  }
  const { works } = await gallery();
  return { newest: [...works.values()].sort(newestFirst).slice(0, count), total: works.size };
}

/** The live works with these ids, in that order (an import's additions, for the page that follows it). */
export async function summariesOf(ids: string[]): Promise<WorkSummary[]> {
  if (!ids.length) return [];
  // Asleep until now: read just these (the Gallery page's first poll must not wait for the whole gallery's load).
  if (!inMemory) return (await getMany('works', ids)).flatMap((w) => (w && w.deletedAt === undefined ? [summary(w)] : []));
  const { works } = await gallery();
  return ids.flatMap((id) => { const w = works.get(id); return w ? [summary(w)] : []; });
}

export function workOf(id: string): Promise<StoredWork | undefined> {
  return gallery().then((g) => g.works.get(id));
}

/** A work's pictures (thumbnail and analysis-size image). */
export const filesOf = (id: string): Promise<WorkFiles | undefined> => get('workFiles', id);

/** Thumbnails of the works asked for (at most 500 at once: a page asks for what it shows). */
export async function thumbnails(ids: string[]): Promise<Record<string, string>> {
  const want = ids.filter((id) => typeof id === 'string').slice(0, 500);
  const files = await getMany('workFiles', want);
  return Object.fromEntries(files.flatMap((f) => (f ? [[f.id, f.thumbnail]] : [])));
}

const MAX_TAGS = 30;
const SOURCE_KINDS = new Set<WorkSource['kind']>(['file', 'link', 'context-menu', 'profile', 'sync', 'backup']);

/** A work's source as stored: a known kind and an http(s) URL, else `fallback` (a backup file, a plain file). */
export function checkSource(s: unknown, fallback: WorkSource['kind'] = 'file'): WorkSource {
  const v = (s ?? {}) as Partial<WorkSource>;
  if (!v.kind || !SOURCE_KINDS.has(v.kind)) return { kind: fallback };
  const url = typeof v.url === 'string' && /^https?:\/\//.test(v.url) ? v.url.slice(0, 2000) : undefined;
  const sourceId = typeof v.sourceId === 'string' && v.sourceId.length <= 64 ? v.sourceId : undefined;
  return { kind: v.kind, ...(url ? { url } : {}), ...(sourceId ? { sourceId } : {}) };
}

/** Details as stored: trimmed, bounded, dates as YYYY-MM-DD, URLs http(s) only; empty fields dropped. */
export function cleanDetails(d: WorkDetails): WorkDetails {
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const url = (v: unknown) => {
    const s = text(v, 2000);
    try {
      return s && /^https?:$/.test(new URL(s).protocol) ? s : undefined;
    } catch {
      return undefined;
    }
  };
  const tags = Array.isArray(d.tags) ? [...new Set(d.tags.map((t) => text(t, 40)).filter((t): t is string => !!t))].slice(0, MAX_TAGS) : undefined;
  const out: WorkDetails = {
    title: text(d.title, 200), createdOn: date(d.createdOn), publishedUrl: url(d.publishedUrl), publishedOn: date(d.publishedOn),
    tags: tags?.length ? tags : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The artist edited a work's details: every field is replaced by what the form holds. */
export async function updateWork(id: string, details: WorkDetails): Promise<WorkSummary> {
  const g = await gallery();
  const w = g.works.get(id);
  if (!w) throw new Error('no such work');
  const { title: _a, createdOn: _b, publishedUrl: _c, publishedOn: _d, tags: _e, ...rest } = w;
  const next: StoredWork = { ...rest, ...cleanDetails(details) };
  await put('works', next);
  g.works.set(id, next);
  return summary(next);
}

/** Deletes works, undoably for UNDO_MS: they stop matching at once and are purged later. */
export async function deleteWorks(ids: string[]): Promise<number> {
  const g = await gallery();
  const now = Date.now();
  const gone = ids.flatMap((id) => { const w = g.works.get(id); return w ? [{ ...w, deletedAt: now }] : []; });
  if (!gone.length) return 0;
  await put('works', ...gone);
  for (const w of gone) {
    g.works.delete(w.id);
    g.builtMatcher?.remove(w.id);
  }
  await bumpVersion();
  return gone.length;
}

/** Undo: deleted works come back as they were, if still within the window. */
export async function undeleteWorks(ids: string[]): Promise<number> {
  const g = await gallery();
  const back = (await getMany('works', ids)).flatMap((w) => (w?.deletedAt !== undefined ? [w] : []))
    .map(({ deletedAt: _d, ...w }) => w as StoredWork);
  if (!back.length) return 0;
  await put('works', ...back);
  for (const w of back) {
    g.works.set(w.id, w);
    g.builtMatcher?.add(w.signals);
  }
  await bumpVersion();
  return back.length;
}

/** The model host's plain arrays as a work's signals, as stored (its vectors as signed bytes). */
export function workSignals(id: string, s: { hashes: number[][]; hashQuality: number; vectors: number[][]; style: number[]; thumb?: WireThumb }): WorkSignals {
  const thumb = s.thumb && { ...s.thumb, data: Uint8Array.from(s.thumb.data) };
  return quantizeSignals({ id, hash: Uint32Array.from(s.hashes[0] ?? []), hashQuality: s.hashQuality, vectors: s.vectors, style: s.style, ...(thumb ? { thumb } : {}) });
}

let reanalysing: Promise<number> | undefined;

/**
 * Works whose fingerprints another engine version computed (or an unknown one: works stored before versions
 * were recorded) are analysed again from their stored picture, one at a time, in the background: an engine
 * change must not leave old works matching worse than new ones. Returns how many were redone.
 */
export function reanalyseStale(): Promise<number> {
  reanalysing ??= (async () => {
    let redone = 0;
    for (const w of [...(await gallery()).works.values()]) {
      if (w.engineVersion === ENGINE_VERSION) continue;
      try {
        const files = await filesOf(w.id);
        if (!files) continue;
        const signals = workSignals(w.id, await callModelHost('model/signals', { url: files.image, role: 'gallery' }));
        const g = await gallery();
        // Deleted meanwhile: leave it deleted.
        const current = g.works.get(w.id);
        if (!current) continue;
        const next: StoredWork = { ...current, signals, engineVersion: ENGINE_VERSION };
        await put('works', next);
        g.works.set(w.id, next);
        g.builtMatcher?.add(signals);
        redone++;
      } catch (err) {
        console.warn('[inkseal] could not re-analyse', w.name, err);
      }
    }
    if (redone) await bumpVersion();
    return redone;
  })().finally(() => { reanalysing = undefined; });
  return reanalysing;
}
