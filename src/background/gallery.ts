// The artist's gallery as the background sees it: IndexedDB is the truth; the matcher is derived from it and
// rebuilt after every service-worker start.
import browser from 'webextension-polyfill';
import { GalleryMatcher } from '../engine/matcher';
import { allWorks, deleteWork, putWork, type StoredWork } from '../shared/db';
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
  loaded ??= allWorks().then((list) => {
    const matcher = new GalleryMatcher();
    for (const w of list) matcher.add(w.signals);
    return { works: new Map(list.map((w) => [w.id, w])), matcher };
  });
  return loaded;
}

function summary(w: StoredWork): WorkSummary {
  return { id: w.id, name: w.name, thumbnail: w.thumbnail, addedAt: w.addedAt };
}

export async function addWork(name: string, dataUrl: string, thumbnail: string): Promise<WorkSummary> {
  if (!dataUrl.startsWith('data:image/') || !thumbnail.startsWith('data:image/')) throw new Error('not an image');
  const s = await callModelHost('model/signals', { url: dataUrl, role: 'gallery' });
  const id = crypto.randomUUID();
  const work: StoredWork = {
    id, name: name.slice(0, 200), addedAt: Date.now(), thumbnail, image: dataUrl,
    signals: {
      id,
      hash: Uint32Array.from(s.hashes[0] ?? []),
      hashQuality: s.hashQuality,
      vectors: s.vectors.map((v) => Float32Array.from(v)),
      style: Float32Array.from(s.style),
    },
  };
  await putWork(work);
  const g = await gallery();
  g.works.set(id, work);
  g.matcher.add(work.signals);
  await bumpVersion();
  return summary(work);
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
