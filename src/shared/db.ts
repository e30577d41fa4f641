// A small promise wrapper over IndexedDB, where everything the artist owns lasts: works, findings, cases and the
// evidence behind them (survives reloads, restarts and updates; never leaves the browser). Schema changes are
// numbered upgrade steps applied in order, each tested from the shape before it (test/shared/db.test.ts).
import type { WorkSignals } from '../engine/matcher';
import { quantize } from '../engine/quantize';
import type { ProvenanceSummary } from '../engine/provenance/summary';
import type { CaseRecord, EvidenceRecord, FindingRecord } from './types';
import type { FailReason } from '../gallery/import-sniff';
import type { ImportState, Outcome } from '../gallery/import-queue';

/** Where a work came from: what the artist used to add it, and for a synced source, which one. */
export interface WorkSource {
  kind: 'file' | 'link' | 'context-menu' | 'profile' | 'sync' | 'backup';
  /** The page or picture URL it came from (links, context menu, profile posts, synced sources). */
  url?: string;
  /** The synced source (IndexedDB `sources`) that added it. */
  sourceId?: string;
}

/** What the artist can say about a work (the Gallery page's Edit): all optional, all theirs. */
export interface WorkDetails {
  title?: string;
  /** When the artist made it (YYYY-MM-DD). */
  createdOn?: string;
  /** Where and when it was first published: the proof a complaint leans on. */
  publishedUrl?: string;
  publishedOn?: string;
  tags?: string[];
}

/**
 * A work as the matcher needs it, light enough to hold every one in memory: its pictures live apart in
 * `workFiles` and are read only when shown or re-analysed.
 */
export interface StoredWork extends WorkDetails {
  id: string;
  /** The file or link name it was added under. */
  name: string;
  addedAt: number;
  source?: WorkSource;
  /** sha256 (hex) of the file the artist added, so the same file is not added twice. Absent on works added before. */
  contentHash?: string;
  signals: WorkSignals;
  /** The engine that computed `signals`; another one's are recomputed from `image` (gallery.ts reanalyseStale). */
  engineVersion?: string;
  /** Deleted, still undoable: not matched, not listed, purged a while later. */
  deletedAt?: number;
  /** What the imported file's own metadata said (C2PA, AI declarations), read from its bytes at import. */
  provenance?: ProvenanceSummary;
}

/** A work's pictures: the thumbnail shown everywhere, and the work at analysis size (long side ≤ 1024). */
export interface WorkFiles {
  id: string;
  thumbnail: string;
  image: string;
}

/** A place the gallery syncs from (the artist's profile, an RSS/Atom feed, a JSON list of works). */
export interface SourceRecord {
  id: string;
  kind: 'rss' | 'json' | 'profile';
  url: string;
  label: string;
  paused: boolean;
  createdAt: number;
  lastSync?: number;
  /** Works added by the last sync, and in all. */
  lastAdded?: number;
  totalAdded: number;
  /** What went wrong at the last sync, if anything. */
  lastError?: string;
  /** Item keys (GUIDs or URLs) already taken, so a sync adds only new works. */
  seen: string[];
  /** Set while a sync runs (refreshed at each work): one left behind by a stopped worker is resumed. */
  syncingSince?: number;
}

/**
 * One import the artist started (files, a folder, links): staged by the gallery page, run by the background
 * (background/import-jobs.ts), so it outlives the page and a worker restart.
 */
export interface ImportJob {
  id: string;
  createdAt: number;
  state: ImportState;
  total: number;
  done: number;
  /** Time spent on the items done, summed over worker lives: the time left is estimated from it. */
  busyMs: number;
  /** The works added, in order (ids): the page lists them as they come. */
  added: string[];
  /** What became of the items not added (duplicates, failures), in order: the summary's rows. */
  outcomes: Outcome[];
  /** A page showed its end: a gallery page opened later does not show that summary again. */
  shown?: boolean;
}

/** What a staged item is: a picked file (its bytes, copied), a link, or a file refused by its size alone. */
export type StagedWhat =
  | { file: Blob; name: string }
  | { url: string; source?: WorkSource }
  | { refused: FailReason };

/** One file or link of an import, waiting; deleted once its outcome is recorded in its job. */
export type StagedItem = StagedWhat & {
  /** Auto-incremented: items are taken in the order they were staged. */
  seq?: number;
  job: string;
  /** What the summary calls it: the file's path inside a dropped folder, or the link. */
  label: string;
  /**
   * The id the work gets. An item redone after a worker restart that had already stored its work finds that
   * work by content hash: the same id says it is this item's own, so it counts as added, not as a duplicate.
   */
  workId: string;
};

export const DB_NAME = 'inkseal';

/** Store name → record type: the one table of what lives where. */
export interface Stores {
  works: StoredWork;
  workFiles: WorkFiles;
  sources: SourceRecord;
  findings: FindingRecord;
  cases: CaseRecord;
  evidence: EvidenceRecord;
  importJobs: ImportJob;
  importItems: StagedItem;
}
export type StoreName = keyof Stores;

/** Step N takes a database at version N to N + 1. Never edit a shipped step; add one. */
export const UPGRADES: ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  // 1: the gallery.
  (db) => db.createObjectStore('works', { keyPath: 'id' }),
  // 2: lasting findings (by last sighting for the Findings page), the cases reported from them, and the evidence
  // captured when the artist pressed Report.
  (db) => {
    const findings = db.createObjectStore('findings', { keyPath: 'id' });
    findings.createIndex('lastSeen', 'lastSeen');
    findings.createIndex('post', ['site', 'postId']);
    const cases = db.createObjectStore('cases', { keyPath: 'id' });
    cases.createIndex('findingId', 'findingId', { unique: true });
    db.createObjectStore('evidence', { keyPath: 'findingId' });
  },
  // 3: the gallery as a library. Pictures move out of `works` into `workFiles`, so the background can hold every
  // work's fingerprints without every picture (10,000 works would be gigabytes); a work gets a title (its file
  // name without extension) and a source; synced sources get a store.
  (db, tx) => {
    const files = db.createObjectStore('workFiles', { keyPath: 'id' });
    db.createObjectStore('sources', { keyPath: 'id' });
    const works = tx.objectStore('works');
    works.openCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
      if (!cursor) return;
      const { thumbnail, image, ...work } = cursor.value as StoredWork & Partial<WorkFiles>;
      if (typeof thumbnail === 'string') files.put({ id: work.id, thumbnail, image: typeof image === 'string' ? image : thumbnail });
      cursor.update({ ...work, title: work.title ?? work.name.replace(/\.[a-z0-9]{2,5}$/i, ''), source: work.source ?? { kind: 'file' } });
      cursor.continue();
    };
  },
  // 4: imports that outlive the gallery page: the job and its staged files' bytes (or links), by job.
  (db) => {
    db.createObjectStore('importJobs', { keyPath: 'id' });
    db.createObjectStore('importItems', { keyPath: 'seq', autoIncrement: true }).createIndex('job', 'job');
  },
  // 5: fingerprints as bytes (engine/quantize.ts) instead of float32: a woken background reads every work,
  // and at 10,000 works the floats were ~200 MB and ~170,000 typed arrays to read back (npm run bench:gallery).
  // Same engine, same comparisons: the engine version stays, nothing is analysed again. A record whose signals
  // are not float rows (none in a real gallery) is left as it was.
  (_db, tx) => {
    tx.objectStore('works').openCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
      if (!cursor) return;
      const work = cursor.value as Omit<StoredWork, 'signals'> & { signals?: { vectors?: unknown; style?: unknown } };
      const { vectors, style } = work.signals ?? {};
      if (Array.isArray(vectors) && vectors.every(isFloats) && isFloats(style)) {
        try {
          cursor.update({ ...work, signals: { ...work.signals, vectors: quantize(vectors), style: quantize([style]) } });
        } catch (err) {
          // Rows of unequal length or a NaN: such a work could never be matched; analysing it again fixes it.
          console.warn('[inkseal] fingerprints not converted', work.id, err);
          const { engineVersion: _e, ...rest } = work;
          cursor.update(rest);
        }
      }
      cursor.continue();
    };
  },
  // 6: works by when they were added, by synced source, and the deleted ones (awaiting purge) apart: a Gallery page
  // opened while the background sleeps gets the newest works, the count and each source's count without the
  // background reading every work's fingerprints first (seconds at 10,000 works).
  (_db, tx) => {
    const works = tx.objectStore('works');
    works.createIndex('addedAt', 'addedAt');
    works.createIndex('deletedAt', 'deletedAt');
    works.createIndex('sourceId', 'source.sourceId');
  },
];

const isFloats = (v: unknown): v is ArrayLike<number> => v instanceof Float32Array || (Array.isArray(v) && v.every((x) => typeof x === 'number'));

let opening: Promise<IDBDatabase> | undefined;

/** Opens (and upgrades) the database; `factory` lets the migration tests use their own IndexedDB. */
export function openDb(factory: IDBFactory = indexedDB, name = DB_NAME, version = UPGRADES.length): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, version);
    req.onupgradeneeded = (e) => {
      for (let v = e.oldVersion; v < version; v++) UPGRADES[v]!(req.result, req.transaction!);
    };
    req.onsuccess = () => {
      // Another context (an open page of an older build) must not block the next upgrade.
      req.result.onversionchange = () => { req.result.close(); opening = undefined; };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
    req.onblocked = () => reject(new Error('IndexedDB upgrade blocked by another open page of Inkseal'));
  });
}

function db(): Promise<IDBDatabase> {
  opening ??= openDb();
  opening.catch(() => { opening = undefined; });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Runs `fn` in one read-write transaction and resolves when it has committed. `fn` may chain requests through
 * their callbacks (read, then write what was read): nothing else runs in between.
 */
export async function write(names: StoreName[], fn: (tx: IDBTransaction) => void, what: string): Promise<void> {
  const tx = (await db()).transaction(names, 'readwrite');
  // A quota error (full disk) surfaces on the transaction, not the request.
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(new Error(`could not save ${what}: ${tx.error?.message ?? 'storage error'} (is the disk full?)`));
  });
  fn(tx);
  await committed;
}

export async function put<S extends StoreName>(name: S, ...records: Stores[S][]): Promise<void> {
  await write([name], (tx) => { for (const r of records) tx.objectStore(name).put(r); }, name === 'works' ? 'the work' : name);
}

export async function get<S extends StoreName>(name: S, key: IDBValidKey): Promise<Stores[S] | undefined> {
  return done((await db()).transaction(name, 'readonly').objectStore(name).get(key) as IDBRequest<Stores[S] | undefined>);
}

export async function getAll<S extends StoreName>(name: S): Promise<Stores[S][]> {
  return done((await db()).transaction(name, 'readonly').objectStore(name).getAll() as IDBRequest<Stores[S][]>);
}

export async function byIndex<S extends StoreName>(name: S, index: string, key: IDBValidKey): Promise<Stores[S] | undefined> {
  return done((await db()).transaction(name, 'readonly').objectStore(name).index(index).get(key) as IDBRequest<Stores[S] | undefined>);
}

/** The first record under each of these index keys, in one transaction, in the order asked. */
export async function byIndexMany<S extends StoreName>(name: S, index: string, keys: IDBValidKey[]): Promise<(Stores[S] | undefined)[]> {
  const at = (await db()).transaction(name, 'readonly').objectStore(name).index(index);
  return Promise.all(keys.map((k) => done(at.get(k) as IDBRequest<Stores[S] | undefined>)));
}

export async function remove(name: StoreName, keys: IDBValidKey[]): Promise<void> {
  await write([name], (tx) => { for (const k of keys) tx.objectStore(name).delete(k); }, name);
}

export const allWorks = () => getAll('works');

/**
 * How many works not deleted each of these synced sources added, counted through step 6's indexes without reading
 * the works themselves (only the deleted ones, which are few: within their Undo window or awaiting purge).
 */
export async function worksPerSource(sourceIds: string[]): Promise<Map<string, number>> {
  const store = (await db()).transaction('works', 'readonly').objectStore('works');
  const deleted = done(store.index('deletedAt').getAll() as IDBRequest<StoredWork[]>);
  const counts = new Map(await Promise.all(sourceIds.map(async (id) => [id, await done(store.index('sourceId').count(id))] as const)));
  for (const w of await deleted) {
    const id = w.source?.sourceId;
    if (id !== undefined && counts.has(id)) counts.set(id, counts.get(id)! - 1);
  }
  return counts;
}

/**
 * The newest `count` works not deleted, newest first, and how many such works there are, read through the
 * indexes of step 6 (a deleted work has `deletedAt`, so it is in that index and only there).
 */
export async function newestWorks(count: number): Promise<{ works: StoredWork[]; total: number }> {
  const store = (await db()).transaction('works', 'readonly').objectStore('works');
  const all = done(store.count());
  const deleted = done(store.index('deletedAt').count());
  const works: StoredWork[] = [];
  await new Promise<void>((resolve, reject) => {
    const req = store.index('addedAt').openCursor(null, 'prev');
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || works.length >= count) return resolve();
      const w = cursor.value as StoredWork;
      if (w.deletedAt === undefined) works.push(w);
      cursor.continue();
    };
  });
  return { works, total: (await all) - (await deleted) };
}

/** Stores works with their pictures in one transaction: a work is never stored without them. */
export async function putWorks(works: (StoredWork & Partial<Pick<WorkFiles, 'thumbnail' | 'image'>>)[]): Promise<void> {
  await write(['works', 'workFiles'], (tx) => {
    for (const { thumbnail, image, ...work } of works) {
      tx.objectStore('works').put(work);
      if (thumbnail) tx.objectStore('workFiles').put({ id: work.id, thumbnail, image: image ?? thumbnail });
    }
  }, works.length === 1 ? 'the work' : 'the works');
}

/** Several records by key in one transaction, in the order asked (undefined where absent). */
export async function getMany<S extends StoreName>(name: S, keys: IDBValidKey[]): Promise<(Stores[S] | undefined)[]> {
  const store = (await db()).transaction(name, 'readonly').objectStore(name);
  return Promise.all(keys.map((k) => done(store.get(k) as IDBRequest<Stores[S] | undefined>)));
}

/** Deletes works and their pictures for good (after the Undo window). */
export async function purgeWorks(ids: string[]): Promise<void> {
  await write(['works', 'workFiles'], (tx) => {
    for (const id of ids) {
      tx.objectStore('works').delete(id);
      tx.objectStore('workFiles').delete(id);
    }
  }, 'the gallery');
}
