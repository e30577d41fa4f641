// A small promise wrapper over IndexedDB: the artist's works live here (survives restarts, never leaves the
// browser). Schema changes are numbered upgrade steps, applied in order.
import type { WorkSignals } from '../engine/matcher';

export interface StoredWork {
  id: string;
  name: string;
  addedAt: number;
  thumbnail: string;
  /** The work itself at analysis size (long side ≤ 1024), so it can be re-analysed when the detector improves. */
  image: string;
  signals: WorkSignals;
}

const DB_NAME = 'inkseal';
const UPGRADES: ((db: IDBDatabase) => void)[] = [
  (db) => db.createObjectStore('works', { keyPath: 'id' }),
];

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, UPGRADES.length);
    req.onupgradeneeded = (e) => {
      for (let v = e.oldVersion; v < UPGRADES.length; v++) UPGRADES[v]!(req.result);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { opening = undefined; reject(req.error ?? new Error('IndexedDB open failed')); };
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction('works', mode).objectStore('works');
}

export async function putWork(work: StoredWork): Promise<void> {
  const tx = (await open()).transaction('works', 'readwrite');
  // A quota error (full disk) surfaces on the transaction, not the request.
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(new Error(`could not save the work: ${tx.error?.message ?? 'storage error'} (is the disk full?)`));
  });
  tx.objectStore('works').put(work);
  await committed;
}

export async function allWorks(): Promise<StoredWork[]> {
  return done((await store('readonly')).getAll() as IDBRequest<StoredWork[]>);
}

export async function deleteWork(id: string): Promise<boolean> {
  const s = await store('readwrite');
  const existing = await done(s.getKey(id));
  if (existing === undefined) return false;
  await done(s.delete(id));
  return true;
}
