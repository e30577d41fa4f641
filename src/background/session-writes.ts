// Coalesced writes to storage.session, for state that is a cache of what the worker holds in memory: the
// verdict per picture and the queue mirror. Writing each at once costs a browser round trip per picture; a
// write lost to a worker stopped within the flush delay only means a picture is scanned again.
import browser from 'webextension-polyfill';

const FLUSH_AFTER_MS = 150;
/** Each key's value is read when the batch is written, so a value changing meanwhile is saved once, current. */
const pending = new Map<string, () => unknown>();
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> = Promise.resolve();

/** Stores `value()` under `key` within FLUSH_AFTER_MS, together with every other write made meanwhile. */
export function writeSoon(key: string, value: () => unknown): void {
  pending.set(key, value);
  timer ??= setTimeout(() => {
    timer = undefined;
    void flush();
  }, FLUSH_AFTER_MS);
}

/** Writes what is pending now; resolves when storage has it. */
export function flush(): Promise<void> {
  if (timer) { clearTimeout(timer); timer = undefined; }
  if (pending.size === 0) return flushing;
  const batch = Object.fromEntries([...pending].map(([k, value]) => [k, value()]));
  pending.clear();
  flushing = flushing.then(() => browser.storage.session.set(batch)).catch((err: unknown) => {
    console.warn('Inkseal: could not save scan state', err);
  });
  return flushing;
}
