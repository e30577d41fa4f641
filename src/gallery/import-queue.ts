// One import as one thing to watch: works added one after another (the model host serialises anyway), counted
// as "N of M" with the time left, stoppable after the current work, summed up at the end. No browser or UI
// imports, so it is tested in Node with a fake clock.
import type { FailReason } from './import-sniff';

/** What became of one file. `label` is what the artist recognises it by: its path inside a dropped folder. */
export type Outcome =
  | { kind: 'added'; label: string }
  | { kind: 'duplicate'; label: string; existing: string }
  /**
   * `error` is a failure that is not the file's (storage full, the model host gone); `unreachable`, a link that
   * gave no picture (HTTP error, timeout); `detail` says which.
   */
  | { kind: 'failed'; label: string; reason: FailReason | 'error' | 'unreachable'; detail?: string };

export interface ImportProgress {
  readonly state: 'running' | 'stopping' | 'finished' | 'cancelled';
  readonly total: number;
  readonly done: number;
  /** Mean time one work took so far; undefined until one has finished. */
  readonly msPerWork?: number;
  readonly outcomes: readonly Outcome[];
}

export const timeLeftMs = (p: ImportProgress): number | undefined =>
  p.msPerWork === undefined ? undefined : p.msPerWork * (p.total - p.done);

export const count = (p: ImportProgress, kind: Outcome['kind']): number => p.outcomes.filter((o) => o.kind === kind).length;

export class ImportQueue<T extends { label: string }> {
  private pending: T[] = [];
  /** Files added while stopping: the artist's next import, started when the stop is done. */
  private next: T[] = [];
  private progress: ImportProgress | undefined;
  private busyMs = 0;

  constructor(
    private readonly importOne: (item: T) => Promise<Outcome>,
    private readonly onChange: (progress: ImportProgress) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds files to the import under way (its total grows) or starts a new one. */
  add(items: readonly T[]): void {
    if (!items.length) return;
    const state = this.progress?.state;
    if (state === 'stopping') {
      this.next.push(...items);
    } else if (state === 'running') {
      this.pending.push(...items);
      this.update({ total: this.progress!.total + items.length });
    } else {
      this.start(items);
    }
  }

  /** Stops after the work being added now; the files not reached are the summary's "not added". */
  cancel(): void {
    if (this.progress?.state !== 'running') return;
    this.pending = [];
    this.update({ state: 'stopping' });
  }

  private start(items: readonly T[]): void {
    this.pending = [...items];
    this.busyMs = 0;
    this.progress = { state: 'running', total: items.length, done: 0, outcomes: [] };
    this.onChange(this.progress);
    void this.run();
  }

  private update(change: Partial<ImportProgress>): void {
    this.progress = { ...this.progress!, ...change };
    this.onChange(this.progress);
  }

  private async run(): Promise<void> {
    for (let item = this.pending.shift(); item; item = this.pending.shift()) {
      const start = this.now();
      let outcome: Outcome;
      try {
        outcome = await this.importOne(item);
      } catch (err) {
        outcome = { kind: 'failed', label: item.label, reason: 'error', detail: err instanceof Error ? err.message : String(err) };
      }
      this.busyMs += this.now() - start;
      const done = this.progress!.done + 1;
      this.update({ done, msPerWork: this.busyMs / done, outcomes: [...this.progress!.outcomes, outcome] });
    }
    this.update({ state: this.progress!.state === 'stopping' ? 'cancelled' : 'finished' });
    const next = this.next;
    this.next = [];
    if (next.length) this.start(next);
  }
}
