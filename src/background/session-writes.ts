// Writes to storage.session, for state that is a copy of what the worker holds in memory: the verdict per
// picture, the queue mirror (coalesced: a write per picture costs a browser round trip) and each tab's report
// entries. A write lost to a worker stopped within the flush delay only means a picture is scanned again.
// When the session quota is full, the caches registered with onQuotaPressure give up entries and the write is
// tried again; if it still fails the failure is kept for the popup to tell the artist, never only logged.
import browser from 'webextension-polyfill';

const FLUSH_AFTER_MS = 150;
/** Each key's value is read when the batch is written, so a value changing meanwhile is saved once, current. */
const pending = new Map<string, () => unknown>();
const removals = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> = Promise.resolve();

/** Frees room: drops cache entries from memory and returns their storage keys (removed before the retry). */
export type QuotaRelief = () => string[];
const reliefs: QuotaRelief[] = [];
let full = false;

export function onQuotaPressure(relief: QuotaRelief): void {
  reliefs.push(relief);
}

/**
 * Kept in storage.local (the session area is the one that is full), so a restarted worker still warns: what the
 * last one lost stays lost. Cleared when the browser starts, as storage.session itself is (clearAtBrowserStart).
 */
const FULL_KEY = 'session-storage-full';
let fullStored: Promise<boolean> | undefined;

/**
 * True once a write failed even after the caches made room: results of this browser session may be lost. It
 * stays set for the session: a later write that fits (the drained queue's empty mirror, a removal) does not
 * bring back what was lost, and clearing on it hid the warning from the popup again.
 */
export async function storageFull(): Promise<boolean> {
  if (full) return true;
  fullStored ??= browser.storage.local.get(FULL_KEY).then((r) => r[FULL_KEY] === true, () => false);
  return fullStored;
}

function markFull(): void {
  if (full) return;
  full = true;
  void browser.storage.local.set({ [FULL_KEY]: true }).catch((err: unknown) => console.warn('[inkseal] storage-full flag', err));
}

/** A new browser session starts with an empty storage.session, so with nothing lost yet. */
export function clearAtBrowserStart(): void {
  full = false;
  fullStored = Promise.resolve(false);
  void browser.storage.local.remove(FULL_KEY).catch(() => undefined);
}

const isQuota = (err: unknown) => /quota/i.test(String(err));

async function store(batch: Record<string, unknown>, remove: string[]): Promise<void> {
  const write = async (values: Record<string, unknown>, keys: string[]) => {
    if (keys.length) await browser.storage.session.remove(keys);
    if (Object.keys(values).length) await browser.storage.session.set(values);
  };
  try {
    await write(batch, remove);
  } catch (err) {
    if (!isQuota(err)) throw err;
    const freed = reliefs.flatMap((relief) => relief());
    const kept = Object.fromEntries(Object.entries(batch).filter(([k]) => !freed.includes(k)));
    try {
      await write(kept, [...remove, ...freed]);
    } catch (again) {
      if (isQuota(again)) markFull();
      throw again;
    }
  }
}

function schedule(): void {
  timer ??= setTimeout(() => {
    timer = undefined;
    void flush();
  }, FLUSH_AFTER_MS);
}

/** Stores `value()` under `key` within FLUSH_AFTER_MS, together with every other write made meanwhile. */
export function writeSoon(key: string, value: () => unknown): void {
  removals.delete(key);
  pending.set(key, value);
  schedule();
}

/** Removes `keys` with the next batch. */
export function removeSoon(keys: string[]): void {
  for (const k of keys) {
    pending.delete(k);
    removals.add(k);
  }
  schedule();
}

/** Writes what is pending now; resolves when storage has it. */
export function flush(): Promise<void> {
  if (timer) { clearTimeout(timer); timer = undefined; }
  if (pending.size === 0 && removals.size === 0) return flushing;
  const batch = Object.fromEntries([...pending].map(([k, value]) => [k, value()]));
  const remove = [...removals];
  pending.clear();
  removals.clear();
  flushing = flushing.then(() => store(batch, remove)).catch((err: unknown) => {
    console.warn('Inkseal: could not save scan state', err);
  });
  return flushing;
}

/** Writes `values` now (after any pending batch), with the same room-making on a full quota; false if it failed. */
export async function writeNow(values: Record<string, unknown>): Promise<boolean> {
  await flushing;
  try {
    await store(values, []);
    return true;
  } catch (err) {
    console.warn('Inkseal: could not save scan state', err);
    return false;
  }
}
