// A small promise wrapper over IndexedDB, where everything the artist owns lasts: works, findings, cases and the
// evidence behind them (survives reloads, restarts and updates; never leaves the browser). Schema changes are
// numbered upgrade steps applied in order, each tested from the shape before it (test/shared/db.test.ts).
import type { WorkSignals } from '../engine/matcher';
import type { CaseRecord, EvidenceRecord, FindingRecord } from './types';

export interface StoredWork {
  id: string;
  name: string;
  addedAt: number;
  thumbnail: string;
  /** The work itself at analysis size (long side ≤ 1024), so it can be re-analysed when the detector improves. */
  image: string;
  /** sha256 (hex) of the file the artist added, so the same file is not added twice. Absent on works added before. */
  contentHash?: string;
  signals: WorkSignals;
  /** The engine that computed `signals`; another one's are recomputed from `image` (gallery.ts reanalyseStale). */
  engineVersion?: string;
}

export const DB_NAME = 'inkseal';

/** Store name → record type: the one table of what lives where. */
export interface Stores {
  works: StoredWork;
  findings: FindingRecord;
  cases: CaseRecord;
  evidence: EvidenceRecord;
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
];

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

/** Runs `fn` in one read-write transaction and resolves when it has committed. */
async function write(names: StoreName[], fn: (tx: IDBTransaction) => void, what: string): Promise<void> {
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

export async function remove(name: StoreName, keys: IDBValidKey[]): Promise<void> {
  await write([name], (tx) => { for (const k of keys) tx.objectStore(name).delete(k); }, name);
}

export const putWork = (work: StoredWork) => put('works', work);
export const allWorks = () => getAll('works');

export async function deleteWork(id: string): Promise<boolean> {
  if ((await get('works', id)) === undefined) return false;
  await remove('works', [id]);
  return true;
}
