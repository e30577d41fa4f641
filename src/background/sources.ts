// Synced sources: the gallery follows places where the artist publishes (an RSS/Atom feed, a JSON Feed or a
// JSON list of works on their site) and adds new works in the background, daily (alarms) or on demand. Each
// item is remembered once taken, and saved as it is taken, so a sync stopped by a worker restart resumes
// where it was; a picture that failed is tried again at the next sync.
import browser from 'webextension-polyfill';
import { get, getAll, put, remove, worksPerSource, type SourceRecord } from '../shared/db';
import type { SourceView } from '../shared/types';
import { fetchLink, nameOf } from '../gallery/import-urls';
import { FeedError, parseFeed, type FeedItem } from '../gallery/sources/parse-feed';
import { deleteWorks, gallery } from './gallery';
import { importRemote } from './import-remote';
import { fetchRefusal } from '../shared/address';

export const SYNC_ALARM = 'inkseal-sync';
const DAY_MINUTES = 24 * 60;
const MAX_SOURCES = 50;
/** Feed bodies are text: far smaller than pictures. */
const MAX_FEED_CHARS = 5 * 1024 * 1024;

const running = new Map<string, Promise<void>>();

/** The daily sync; kept if already set, so a worker restart does not push it back a day. */
export async function scheduleSync(): Promise<void> {
  if (!(await browser.alarms.get(SYNC_ALARM))) browser.alarms.create(SYNC_ALARM, { delayInMinutes: 60, periodInMinutes: DAY_MINUTES });
}

export async function listSources(): Promise<SourceView[]> {
  // Counted through an index, not the loaded gallery: the Gallery page asks for this as it opens.
  const sources = await getAll('sources');
  const count = sources.length ? await worksPerSource(sources.map((s) => s.id)) : new Map<string, number>();
  return sources.sort((a, b) => a.createdAt - b.createdAt).map(({ seen: _seen, ...s }) => ({
    ...s, works: count.get(s.id) ?? 0, syncing: running.has(s.id),
  }));
}

export async function addSource(url: string): Promise<SourceView> {
  // Each refusal is a code the gallery page words in the artist's language (sources_error_<code>).
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new Error('not-a-link');
  }
  const refusal = fetchRefusal(u.href);
  // Refused now rather than at every sync: a source the extension will never fetch is no source.
  if (refusal) throw new Error(refusal);
  const all = await getAll('sources');
  if (all.some((s) => s.url === u.href)) throw new Error('already-a-source');
  if (all.length >= MAX_SOURCES) throw new Error('too-many-sources');
  const record: SourceRecord = {
    id: crypto.randomUUID(), kind: /\.json($|\?)/i.test(u.pathname) ? 'json' : 'rss', url: u.href,
    label: `${u.host}${u.pathname === '/' ? '' : u.pathname}`.slice(0, 120), paused: false, createdAt: Date.now(), totalAdded: 0, seen: [],
  };
  await put('sources', record);
  void syncSource(record.id);
  return (await listSources()).find((s) => s.id === record.id)!;
}

export async function setPaused(id: string, paused: boolean): Promise<void> {
  const s = await get('sources', id);
  if (!s) throw new Error('no such source');
  await put('sources', { ...s, paused });
}

/** Removes a source; its works stay unless the artist chose to remove them too (then undoably, as any delete). */
export async function removeSource(id: string, removeWorks: boolean): Promise<{ removedWorks: number }> {
  await remove('sources', [id]);
  if (!removeWorks) return { removedWorks: 0 };
  const ids = [...(await gallery()).works.values()].filter((w) => w.source?.sourceId === id).map((w) => w.id);
  return { removedWorks: await deleteWorks(ids) };
}

/** Syncs every source not paused (the daily alarm), one after another. */
export async function syncAll(): Promise<void> {
  for (const s of await getAll('sources')) if (!s.paused) await syncSource(s.id);
}

/** Starts (or joins) one source's sync. */
export function syncSource(id: string): Promise<void> {
  const current = running.get(id);
  if (current) return current;
  const job = runSync(id).catch((err: unknown) => console.warn('[inkseal] sync', err)).finally(() => running.delete(id));
  running.set(id, job);
  return job;
}

/** At worker start: a source still marked as syncing was cut short by the last worker's end; it goes on. */
export async function resumeSyncs(): Promise<void> {
  for (const s of await getAll('sources')) if (s.syncingSince !== undefined && !s.paused && !running.has(s.id)) void syncSource(s.id);
}

async function runSync(id: string): Promise<void> {
  const start = await get('sources', id);
  if (!start || start.paused) return;
  await save(id, { syncingSince: Date.now() });
  let items: FeedItem[];
  try {
    const got = await fetchLink(start.url);
    const text = (await got.bytes.text()).slice(0, MAX_FEED_CHARS);
    items = parseFeed(text, start.url).items;
  } catch (err) {
    const reason = err instanceof FeedError ? (err.problem === 'no-pictures' ? 'lists no pictures' : 'is not a feed or a list of works') : (err as Error).message;
    await save(id, { lastSync: Date.now(), lastAdded: 0, lastError: reason, syncingSince: undefined });
    return;
  }
  const seen = new Set(start.seen);
  let added = 0;
  const failed: string[] = [];
  for (const item of items) {
    if (seen.has(item.key)) continue;
    // Paused or removed mid-sync: stop here; what was taken stays.
    const now = await get('sources', id);
    if (!now || now.paused) return;
    try {
      if (await addItem(item, id)) added++;
      seen.add(item.key);
      await save(id, { seen: [...seen], syncingSince: Date.now() });
    } catch (err) {
      failed.push(`${nameOf(item.image)}: ${(err as Error).message}`);
    }
  }
  const after = await get('sources', id);
  if (!after) return;
  await save(id, {
    lastSync: Date.now(), lastAdded: added, totalAdded: after.totalAdded + added, syncingSince: undefined,
    lastError: failed.length ? `${failed.length} × ${failed[0]}` : undefined,
  });
}

/** Adds one listed work; false when the gallery already had it (same file). */
async function addItem(item: FeedItem, sourceId: string): Promise<boolean> {
  const { duplicate } = await importRemote({
    url: item.image,
    source: { kind: 'sync', url: item.page ?? item.image, sourceId },
    details: { title: item.title, publishedUrl: item.page, publishedOn: item.published, tags: item.tags },
  });
  return !duplicate;
}

async function save(id: string, change: Partial<SourceRecord>): Promise<void> {
  const s = await get('sources', id);
  if (s) await put('sources', { ...s, ...change });
}
