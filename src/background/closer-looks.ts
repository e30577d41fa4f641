// The second stage's lane. Most feed pictures point weakly at some work (bench:quality: the second stage is asked
// for ~97 % of ordinary pictures) and almost none turn out to be reposts, so its check — the picture's keypoints
// mapped onto up to three works — waits here instead of holding a scan slot. The fast verdict answers the page at
// once; a closer look runs when the scan queue has no picture waiting, newest first (the artist is looking at it),
// and a look that finds a repost updates the verdict and the page's badge. A verdict the fast signals give only
// on a region near its line is not deferred: it is checked before the page hears of it (scan.ts).

/** Looks waiting at most; past this the oldest are dropped — their pictures are scanned again when next seen. */
export const MAX_WAITING = 300;
/** Looks running at once: one per decode worker of the model host. */
export const CONCURRENT = 2;

/** A look to take; `tabs()`: the tabs shown the picture's fast verdict, to be told if it changes. */
export type Look = (tabs: () => number[]) => Promise<void>;

interface Entry { look: Look; tabs: Set<number> }

export class CloserLooks {
  /** Insertion order is age: the newest is last. */
  private readonly waiting = new Map<string, Entry>();
  private readonly running = new Map<string, Entry>();

  /** `room`: whether the scan queue has no picture waiting for a slot (looks only use what scanning leaves). */
  constructor(private readonly room: () => boolean, private readonly max = MAX_WAITING, private readonly concurrent = CONCURRENT) {}

  /** Whether a look at this picture is still to come or under way. */
  has(key: string): boolean {
    return this.waiting.has(key) || this.running.has(key);
  }

  get size(): number {
    return this.waiting.size + this.running.size;
  }

  add(key: string, look: Look): void {
    if (this.running.has(key)) return;
    const tabs = this.waiting.get(key)?.tabs ?? new Set<number>();
    this.waiting.delete(key);
    this.waiting.set(key, { look, tabs });
    while (this.waiting.size > this.max) this.waiting.delete(this.waiting.keys().next().value!);
    this.pump();
  }

  /** A tab was shown the picture's fast verdict: it hears of the look's outcome. */
  watch(key: string, tabId: number): void {
    (this.waiting.get(key) ?? this.running.get(key))?.tabs.add(tabId);
  }

  /** Starts looks while the scan queue has room; the queue calls this whenever a slot frees. */
  pump(): void {
    while (this.running.size < this.concurrent && this.waiting.size > 0 && this.room()) {
      const key = [...this.waiting.keys()].at(-1)!;
      const entry = this.waiting.get(key)!;
      this.waiting.delete(key);
      this.running.set(key, entry);
      // The tabs are read when the look ends: a tab shown the picture meanwhile hears of it too.
      void entry.look(() => [...entry.tabs])
        .catch((err: unknown) => console.warn('[inkseal] closer look', err))
        .finally(() => {
          this.running.delete(key);
          this.pump();
        });
    }
  }
}
