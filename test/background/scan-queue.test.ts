// The scan queue with pictures that hang, fail for good, or fail for a while: a hung picture gives its slot back
// and ends as timed out at its deadline; refusals are final; a failing server is asked again until it answers.
// Runs on fake timers: the deadlines are the production ones.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: { storage: { session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } } },
}));

const { ScanQueue, QUEUE_LIMITS } = await import('../../src/background/scan-queue');
const { PictureError } = await import('../../src/shared/refusal');
type ImageVerdict = import('../../src/shared/types').ImageVerdict;
type ScanRequest = import('../../src/shared/types').ScanRequest;

const none: ImageVerdict = { kind: 'none', score: 0, workId: null, workName: null };
const req = (key: string, priority = 0): ScanRequest => ({
  site: 'generic', imageKey: key, fetchUrl: `https://art.example.test/${key}.jpg`, displayUrl: `https://art.example.test/${key}.jpg`,
  post: { postId: key, postUrl: 'https://art.example.test/' }, priority,
});

/** A scanner whose pictures behave as `plan` says, counting calls and what runs at once. */
function scanner(plan: (key: string, attempt: number) => Promise<ImageVerdict>) {
  const calls = new Map<string, number>();
  const state = { running: 0, most: 0 };
  const scan = async (r: ScanRequest) => {
    const attempt = calls.get(r.imageKey) ?? 0;
    calls.set(r.imageKey, attempt + 1);
    state.running++;
    state.most = Math.max(state.most, state.running);
    try {
      return await plan(r.imageKey, attempt);
    } finally {
      state.running--;
    }
  };
  return { calls, state, queue: new ScanQueue({ scan, done: async () => undefined }) };
}

const hang = () => new Promise<ImageVerdict>(() => undefined);

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('hung pictures', () => {
  test('six that never answer do not stop a seventh: it is scanned once they have run past slowMs', async () => {
    const { queue, calls } = scanner((key) => (key.startsWith('hung') ? hang() : Promise.resolve({ ...none, score: 0.1 })));
    const hung = Array.from({ length: QUEUE_LIMITS.inFlight }, (_, i) => queue.enqueue(req(`hung${i}`), 1));
    const copy = queue.enqueue(req('copy', 1), 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.has('copy')).toBe(false);
    let answered: ImageVerdict | undefined;
    void copy.then((v) => { answered = v; });
    await vi.advanceTimersByTimeAsync(QUEUE_LIMITS.slowMs + 1);
    expect(answered?.score).toBe(0.1);
    // The hung ones are still waiting on their servers at that moment.
    let settled = 0;
    for (const h of hung) void h.then(() => settled++);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(0);
  });

  test('each ends as timed out at its deadline, after one retry', async () => {
    const { queue, calls } = scanner(hang);
    const result = queue.enqueue(req('slow'), 1);
    await vi.advanceTimersByTimeAsync(QUEUE_LIMITS.deadlineMs * 3);
    const v = await result;
    expect(v.refusal).toBe('timed-out');
    expect(v.error).toMatch(/timed-out/);
    expect(calls.get('slow')).toBe(2);
  });

  test('however many hang, no more than maxActive run at once', async () => {
    const { queue, state } = scanner(hang);
    for (let i = 0; i < QUEUE_LIMITS.maxActive * 2; i++) void queue.enqueue(req(`h${i}`), 1);
    await vi.advanceTimersByTimeAsync(QUEUE_LIMITS.deadlineMs - 1);
    expect(state.most).toBe(QUEUE_LIMITS.maxActive);
  });
});

describe('failures', () => {
  test('404 is final after one request; 500 is asked again until the server answers', async () => {
    const { queue, calls } = scanner(async (key, attempt) => {
      if (key === 'gone') throw new PictureError('unavailable', 'image fetch failed: HTTP 404');
      if (attempt < 2) throw new PictureError('unreachable', 'image fetch failed: HTTP 500');
      return { ...none, score: 0.2 };
    });
    const gone = queue.enqueue(req('gone'), 1);
    const flaky = queue.enqueue(req('flaky'), 1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await gone).toMatchObject({ refusal: 'unavailable', error: expect.stringContaining('HTTP 404') });
    expect(calls.get('gone')).toBe(1);
    expect(await flaky).toMatchObject({ score: 0.2 });
    expect(calls.get('flaky')).toBe(3);
  });

  test('a picture refused as too large is reported with that reason, not retried', async () => {
    const { queue, calls } = scanner(async () => { throw new PictureError('too-large', '19999 × 19999 px'); });
    const v = queue.enqueue(req('bomb'), 1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await v).toMatchObject({ kind: 'none', refusal: 'too-large' });
    expect(calls.get('bomb')).toBe(1);
  });
});
