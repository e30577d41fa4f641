// The verdict per picture, kept in memory and mirrored to storage.session, bounded: least recently seen first
// out. Unbounded, a long scroll filled the session quota (~13.7k pictures in 10 MB) and every later write —
// findings, the queue backup — failed. Storage is reached only through `store`, so this runs in Node tests.

export interface Cached<V> { version: number; verdict: V; /** When the picture was last asked about (ms). */ seen: number }

export interface CacheStore<V> {
  write(imageKey: string, value: Cached<V>): void;
  remove(imageKeys: string[]): void;
}

/**
 * Entries kept: ~350 bytes each in storage, so 5,000 take under a fifth of Chrome's 10 MB session quota, and a
 * reader scrolling back through the last few thousand pictures still costs nothing.
 */
export const VERDICT_CACHE_MAX = 5_000;
/** A hit refreshes `seen` in storage at most this often: the order matters, not the exact time. */
const SEEN_REFRESH_MS = 60_000;

export class VerdictCache<V> {
  /** In least-recently-seen order (Map keeps insertion order). */
  private readonly entries = new Map<string, Cached<V>>();

  constructor(private readonly store: CacheStore<V>, private readonly max = VERDICT_CACHE_MAX, private readonly now = Date.now) {}

  /** Fills from what an earlier worker left in storage, oldest first; trims if the bound has since shrunk. */
  load(saved: Iterable<[string, Partial<Cached<V>>]>): void {
    const sorted = [...saved].filter(([, v]) => v && typeof v.version === 'number').sort(([, a], [, b]) => (a.seen ?? 0) - (b.seen ?? 0));
    for (const [k, v] of sorted) this.entries.set(k, { version: v.version!, verdict: v.verdict as V, seen: v.seen ?? 0 });
    this.trim(this.max);
  }

  get(imageKey: string, version: number): V | undefined {
    const got = this.entries.get(imageKey);
    if (!got || got.version !== version) return undefined;
    this.entries.delete(imageKey);
    this.entries.set(imageKey, got);
    const now = this.now();
    if (now - got.seen > SEEN_REFRESH_MS) {
      got.seen = now;
      this.store.write(imageKey, got);
    }
    return got.verdict;
  }

  set(imageKey: string, version: number, verdict: V): void {
    const value = { version, verdict, seen: this.now() };
    this.entries.delete(imageKey);
    this.entries.set(imageKey, value);
    this.store.write(imageKey, value);
    this.trim(this.max);
  }

  /** Drops the least recently seen entries down to `size`; returns their keys (also removed from storage). */
  trim(size: number): string[] {
    const out: string[] = [];
    for (const k of this.entries.keys()) {
      if (this.entries.size - out.length <= size) break;
      out.push(k);
    }
    for (const k of out) this.entries.delete(k);
    if (out.length) this.store.remove(out);
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
