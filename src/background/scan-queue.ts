// The scan queue: on-screen pictures first, a few in flight at once (the model host is single-threaded), each
// picture scanned once per identity. Jobs are mirrored to storage.session, so a service worker stopped
// mid-scan (Chrome stops idle workers after 30 s) resumes them when it wakes; content scripts retry too.
import browser from 'webextension-polyfill';
import type { ImageVerdict, ScanRequest } from '../shared/types';
import { writeSoon } from './session-writes';

interface Job {
  req: ScanRequest;
  tabIds: number[];
  attempts: number;
  notBefore: number;
  /** Being scanned now (not persisted: a restarted worker starts it again). */
  active?: boolean;
}

export interface QueueDeps {
  /** Computes the verdict; throws RetryableError for failures worth another try (network, HTTP). */
  scan(req: ScanRequest): Promise<ImageVerdict>;
  /** Called once per finished job and tab that asked for it. */
  done(req: ScanRequest, tabId: number, verdict: ImageVerdict): Promise<void>;
}

export class RetryableError extends Error {}

/** Pictures in flight to the model host: enough to keep its two decode workers and the model busy at once. */
const IN_FLIGHT = 6;
/** Retries after a failed fetch, with growing delays (ms). */
const RETRY_DELAYS = [500, 1500, 4000];
const STORE_KEY = 'scan-queue';

export class ScanQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiters = new Map<string, ((v: ImageVerdict) => void)[]>();
  private running = 0;
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: QueueDeps) {}

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
      this.jobs.set(key, { req, tabIds: tabId === undefined ? [] : [tabId], attempts: 0, notBefore: 0 });
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

  private pump(): void {
    while (this.running < IN_FLIGHT) {
      const job = this.next();
      if (!job) break;
      void this.run(job);
    }
    this.scheduleWake();
  }

  private async run(job: Job): Promise<void> {
    job.active = true;
    this.running++;
    let verdict: ImageVerdict | undefined;
    try {
      verdict = await this.deps.scan(job.req);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const delay = RETRY_DELAYS[job.attempts];
      if (err instanceof RetryableError && delay !== undefined) {
        job.attempts++;
        job.notBefore = Date.now() + delay;
      } else {
        verdict = { kind: 'none', score: 0, workId: null, workName: null, error: message };
      }
    } finally {
      job.active = false;
      this.running--;
    }
    if (verdict) await this.finish(job, verdict);
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
    if (this.wakeTimer || this.running >= IN_FLIGHT) return;
    const waits = [...this.jobs.values()].map((j) => j.notBefore - Date.now()).filter((d) => d > 0);
    if (!waits.length) return;
    this.wakeTimer = setTimeout(() => { this.wakeTimer = undefined; this.pump(); }, Math.min(...waits));
  }

  /** Mirrors the queue to storage with the other scan state, coalesced: a write per picture costs more than a scan. */
  private persist(): void {
    writeSoon(STORE_KEY, () => [...this.jobs.values()].map(({ req, tabIds, attempts, notBefore }) => ({ req, tabIds, attempts, notBefore })));
  }
}
