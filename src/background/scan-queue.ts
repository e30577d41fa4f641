// The scan queue: on-screen pictures first, a few in flight at once (the model host is single-threaded), each
// picture scanned once per identity. Jobs are mirrored to storage.session, so a service worker stopped
// mid-scan (Chrome stops idle workers after 30 s) resumes them when it wakes; content scripts retry too.
// One bad picture cannot stall the rest: a job slower than `slowMs` gives its slot back (it keeps running, up
// to `maxActive` jobs in all), and none runs past its deadline.
import browser from 'webextension-polyfill';
import { PictureError, refusalOf, retryDelay } from '../shared/refusal';
import { sample } from '../shared/samples';
import type { ImageVerdict, ScanRequest } from '../shared/types';
import { writeSoon } from './session-writes';

interface Job {
  req: ScanRequest;
  tabIds: number[];
  attempts: number;
  notBefore: number;
  /** Being scanned now (not persisted: a restarted worker starts it again). */
  active?: boolean;
  /** Running past `slowMs`: no longer counted against the slots. */
  slow?: boolean;
  /** When it was queued in this worker's life (performance.now()). */
  queuedAt?: number;
}

export interface QueueDeps {
  /** Computes the verdict; throws errors carrying a refusal code (shared/refusal.ts) for the picture's failures. */
  scan(req: ScanRequest): Promise<ImageVerdict>;
  /** Called once per finished job and tab that asked for it. */
  done(req: ScanRequest, tabId: number, verdict: ImageVerdict): Promise<void>;
  /** Called when a slot is free and no picture waits for one: what is left over (closer-looks.ts) may run. */
  room?(): void;
}

export interface QueueLimits {
  /** Pictures in flight to the model host: enough to keep its two decode workers and the model busy at once. */
  inFlight: number;
  /** A feed picture is fetched, decoded and embedded in well under a second; one still running after this is stuck on its server. */
  slowMs: number;
  /** Past this a job fails as timed out (then the retry policy applies): the fetch's own 12 s, decoding and the model's turn. */
  deadlineMs: number;
  /** Jobs running at once, slow ones included: the bound on sockets and memory a hostile feed can take. */
  maxActive: number;
}

export const QUEUE_LIMITS: QueueLimits = { inFlight: 6, slowMs: 3_000, deadlineMs: 20_000, maxActive: 24 };
const STORE_KEY = 'scan-queue';

export class ScanQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiters = new Map<string, ((v: ImageVerdict) => void)[]>();
  /** Jobs holding a slot (running, not yet slow). */
  private running = 0;
  /** Jobs still running past slowMs. */
  private lingering = 0;
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;
  /** ms from queued to started, started to answered, and the tabs' bookkeeping after the answer. */
  readonly timings = { waits: [] as number[], scans: [] as number[], books: [] as number[] };

  constructor(private readonly deps: QueueDeps, private readonly limits: QueueLimits = QUEUE_LIMITS) {}

  /** Picks up jobs a stopped worker left behind. */
  async resume(): Promise<void> {
    const saved = (await browser.storage.session.get(STORE_KEY))[STORE_KEY] as Job[] | undefined;
    for (const job of saved ?? []) if (!this.jobs.has(job.req.imageKey)) this.jobs.set(job.req.imageKey, job);
    this.pump();
  }

  get pending(): number {
    return this.jobs.size;
  }

  enqueue(req: ScanRequest, tabId: number | undefined): Promise<ImageVerdict> {
    const key = req.imageKey;
    const job = this.jobs.get(key);
    if (job) {
      if (tabId !== undefined && !job.tabIds.includes(tabId)) job.tabIds.push(tabId);
      job.req.priority = Math.min(job.req.priority, req.priority);
    } else {
      this.jobs.set(key, { req, tabIds: tabId === undefined ? [] : [tabId], attempts: 0, notBefore: 0, queuedAt: performance.now() });
    }
    this.persist();
    const result = new Promise<ImageVerdict>((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
    this.pump();
    return result;
  }

  private next(): Job | undefined {
    const now = Date.now();
    let best: Job | undefined;
    for (const job of this.jobs.values()) {
      if (job.notBefore > now || job.active) continue;
      if (!best || job.req.priority < best.req.priority) best = job;
    }
    return best;
  }

  private hasSlot(): boolean {
    return this.running < this.limits.inFlight && this.running + this.lingering < this.limits.maxActive;
  }

  /** Whether a slot is free and no picture is waiting for one. */
  hasRoom(): boolean {
    return this.hasSlot() && this.next() === undefined;
  }

  private pump(): void {
    while (this.hasSlot()) {
      const job = this.next();
      if (!job) break;
      void this.run(job);
    }
    this.scheduleWake();
    if (this.hasRoom()) this.deps.room?.();
  }

  private async run(job: Job): Promise<void> {
    job.active = true;
    this.running++;
    const started = performance.now();
    if (job.queuedAt !== undefined && job.attempts === 0) sample(this.timings.waits, started - job.queuedAt);
    const slow = setTimeout(() => {
      job.slow = true;
      this.running--;
      this.lingering++;
      this.pump();
    }, this.limits.slowMs);
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let verdict: ImageVerdict | undefined;
    try {
      verdict = await Promise.race([
        this.deps.scan(job.req),
        new Promise<never>((_, reject) => {
          deadline = setTimeout(() => reject(new PictureError('timed-out', `not checked within ${this.limits.deadlineMs / 1000} s`)), this.limits.deadlineMs);
        }),
      ]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const refusal = refusalOf(message);
      const delay = retryDelay(refusal, job.attempts);
      if (delay !== undefined) {
        job.attempts++;
        job.notBefore = Date.now() + delay;
      } else {
        verdict = { kind: 'none', score: 0, workId: null, workName: null, error: message, ...(refusal ? { refusal } : {}) };
      }
    } finally {
      clearTimeout(slow);
      clearTimeout(deadline);
      job.active = false;
      if (job.slow) this.lingering--;
      else this.running--;
      job.slow = false;
    }
    if (verdict) {
      const answered = performance.now();
      sample(this.timings.scans, answered - started);
      await this.finish(job, verdict);
      sample(this.timings.books, performance.now() - answered);
    }
    this.persist();
    this.pump();
  }

  private async finish(job: Job, verdict: ImageVerdict): Promise<void> {
    const key = job.req.imageKey;
    this.jobs.delete(key);
    // Answer the pages first: the badge should not wait for the tabs' bookkeeping.
    for (const resolve of this.waiters.get(key) ?? []) resolve(verdict);
    this.waiters.delete(key);
    for (const tabId of job.tabIds) await this.deps.done(job.req, tabId, verdict).catch(() => undefined);
  }

  /** A job waiting out a retry delay needs a timer to wake the pump; nothing else would. */
  private scheduleWake(): void {
    if (this.wakeTimer || !this.hasSlot()) return;
    const waits = [...this.jobs.values()].map((j) => j.notBefore - Date.now()).filter((d) => d > 0);
    if (!waits.length) return;
    this.wakeTimer = setTimeout(() => { this.wakeTimer = undefined; this.pump(); }, Math.min(...waits));
  }

  /** Mirrors the queue to storage with the other scan state, coalesced: a write per picture costs more than a scan. */
  private persist(): void {
    writeSoon(STORE_KEY, () => [...this.jobs.values()].map(({ req, tabIds, attempts, notBefore }) => ({ req, tabIds, attempts, notBefore })));
  }
}
