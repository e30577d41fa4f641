// One import as one thing to watch: works added one after another, counted as "N of M" with the time left,
// stoppable after the current work, summed up at the end. The import itself is a job the background runs from
// files the page staged (background/import-jobs.ts), so it outlives the page; this is the shape both share.
// No browser or UI imports.
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

export type ImportState = 'running' | 'stopping' | 'finished' | 'cancelled';

export interface ImportProgress {
  /** The job: a page follows one import, and notices when another one starts. */
  readonly id: string;
  readonly state: ImportState;
  readonly total: number;
  readonly done: number;
  /** Mean time one work took so far; undefined until one has finished. */
  readonly msPerWork?: number;
  /** How many works were added (they are listed in the gallery, not in the summary's rows). */
  readonly added: number;
  /** The files not added, in order: duplicates and failures, each with its reason. */
  readonly outcomes: readonly Outcome[];
}

export const isActive = (state: ImportState): boolean => state === 'running' || state === 'stopping';

export const timeLeftMs = (p: ImportProgress): number | undefined =>
  p.msPerWork === undefined ? undefined : p.msPerWork * (p.total - p.done);

export const count = (p: ImportProgress, kind: Outcome['kind']): number =>
  kind === 'added' ? p.added : p.outcomes.filter((o) => o.kind === kind).length;
