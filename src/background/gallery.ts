// The artist's gallery as the background sees it: IndexedDB is the truth; the matcher is derived from it and
// rebuilt after every service-worker start.
import browser from 'webextension-polyfill';
import { GalleryMatcher, type WorkSignals } from '../engine/matcher';
import { ENGINE_VERSION } from '../engine/verdict';
import { allWorks, deleteWork, put, type StoredWork } from '../shared/db';
import type { WorkSummary } from '../shared/types';
import { callModelHost } from '@platform';

interface Loaded { works: Map<string, StoredWork>; matcher: GalleryMatcher }

let loaded: Promise<Loaded> | undefined;
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
    const matcher = new GalleryMatcher();
    for (const w of list) matcher.add(w.signals);
    return { works: new Map(list.map((w) => [w.id, w])), matcher };
  });
  // Once per worker life, when the gallery is loaded anyway (the first scan): works of an older engine are
  // analysed again in the background. Not at start-up: most worker wakes would then read every work for nothing.
  void loaded.then(() => reanalyseStale()).catch((err: unknown) => console.warn('[inkseal] re-analysis', err));
  return loaded;
}

function summary(w: StoredWork): WorkSummary {
  return { id: w.id, name: w.name, thumbnail: w.thumbnail, addedAt: w.addedAt };
}

export interface AddResult { work: WorkSummary; duplicate: boolean }

/** Additions in progress by content hash: a second tab adding the same file waits for the first. */
const adding = new Map<string, Promise<AddResult>>();

/**
 * Adds a work unless a work made from the same file (same `contentHash`) is already stored; then answers with
 * that one and `duplicate: true`, before the model host does any work. Without a hash (works added before
 * hashes existed, or a caller that has none) there is nothing to compare, so the work is always added.
 */
export function addWork(name: string, dataUrl: string, thumbnail: string, contentHash?: string): Promise<AddResult> {
  if (contentHash === undefined) return store(name, dataUrl, thumbnail).then((work) => ({ work, duplicate: false }));
  if (!/^[0-9a-f]{64}$/.test(contentHash)) return Promise.reject(new Error('bad content hash'));
  const pending = adding.get(contentHash);
  if (pending) {
    // If that addition failed, this one tries for itself.
    return pending.then(({ work }) => ({ work, duplicate: true }), () => addWork(name, dataUrl, thumbnail, contentHash));
  }
  const added = (async (): Promise<AddResult> => {
    const existing = [...(await gallery()).works.values()].find((w) => w.contentHash === contentHash);
    if (existing) return { work: summary(existing), duplicate: true };
    return { work: await store(name, dataUrl, thumbnail, contentHash), duplicate: false };
  })().finally(() => adding.delete(contentHash));
  adding.set(contentHash, added);
  return added;
}

async function store(name: string, dataUrl: string, thumbnail: string, contentHash?: string): Promise<WorkSummary> {
  if (!dataUrl.startsWith('data:image/') || !thumbnail.startsWith('data:image/')) throw new Error('not an image');
  const s = await callModelHost('model/signals', { url: dataUrl, role: 'gallery' });
  const id = crypto.randomUUID();
  const work: StoredWork = {
    id, name: name.slice(0, 200), addedAt: Date.now(), thumbnail, image: dataUrl, ...(contentHash ? { contentHash } : {}),
    engineVersion: ENGINE_VERSION,
    signals: workSignals(id, s),
  };
  await storeWorks([work]);
  return summary(work);
}

/** Saves analysed works in one transaction and makes them matchable, with one gallery version bump. */
export async function storeWorks(works: StoredWork[]): Promise<void> {
  await put('works', ...works);
  const g = await gallery();
  for (const w of works) {
    g.works.set(w.id, w);
    g.matcher.add(w.signals);
  }
  await bumpVersion();
}

export async function listWorks(): Promise<WorkSummary[]> {
  return [...(await gallery()).works.values()].map(summary).sort((a, b) => b.addedAt - a.addedAt);
}

export async function removeWork(id: string): Promise<boolean> {
  const deleted = await deleteWork(id);
  const g = await gallery();
  g.works.delete(id);
  g.matcher.remove(id);
  await bumpVersion();
  return deleted;
}

/** The model host's plain arrays as a work's signals. */
export function workSignals(id: string, s: { hashes: number[][]; hashQuality: number; vectors: number[][]; style: number[] }): WorkSignals {
  return {
    id, hash: Uint32Array.from(s.hashes[0] ?? []), hashQuality: s.hashQuality,
    vectors: s.vectors.map((v) => Float32Array.from(v)), style: Float32Array.from(s.style),
  };
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
      if (w.engineVersion === ENGINE_VERSION || !w.image) continue;
      try {
        const signals = workSignals(w.id, await callModelHost('model/signals', { url: w.image, role: 'gallery' }));
        const next: StoredWork = { ...w, signals, engineVersion: ENGINE_VERSION };
        await put('works', next);
        const g = await gallery();
        // Deleted meanwhile: leave it deleted.
        if (!g.works.has(w.id)) continue;
        g.works.set(w.id, next);
        g.matcher.remove(w.id);
        g.matcher.add(signals);
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
