// One import, one progress: works go one at a time, the time left comes from the mean so far, Cancel stops after
// the current work, and the summary counts what became of every file.
import { describe, expect, test } from 'vitest';
import { ImportQueue, count, timeLeftMs, type ImportProgress, type Outcome } from '../../src/gallery/import-queue';

interface Item { label: string }
const items = (...labels: string[]): Item[] => labels.map((label) => ({ label }));

/** A queue whose works finish when the test says, on a clock the test moves. */
function harness() {
  let clock = 0;
  const seen: ImportProgress[] = [];
  const waiting: { item: Item; finish: (o: Outcome | Error) => void }[] = [];
  let inFlight = 0, maxInFlight = 0;
  const queue = new ImportQueue<Item>((item) => new Promise<Outcome>((resolve, reject) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    waiting.push({ item, finish: (o) => { inFlight--; if (o instanceof Error) reject(o); else resolve(o); } });
  }), (p) => seen.push(p), () => clock);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    queue, seen, last: () => seen.at(-1)!, maxInFlight: () => maxInFlight,
    /** Moves the clock by `ms`, then finishes the work in progress with `o`. */
    async finish(ms: number, o: (item: Item) => Outcome | Error = (item) => ({ kind: 'added', label: item.label })) {
      await settle();
      clock += ms;
      const w = waiting.shift()!;
      w.finish(o(w.item));
      await settle();
    },
  };
}

describe('ImportQueue', () => {
  test('counts N of M one work at a time and estimates the time left from the mean so far', async () => {
    const h = harness();
    h.queue.add(items('a.png', 'b.png', 'c.png', 'd.png'));
    expect(h.last()).toMatchObject({ state: 'running', done: 0, total: 4 });
    expect(timeLeftMs(h.last())).toBeUndefined();
    await h.finish(2000);
    expect(h.last()).toMatchObject({ done: 1, total: 4 });
    expect(timeLeftMs(h.last())).toBe(6000);
    await h.finish(4000);
    expect(timeLeftMs(h.last())).toBe(6000); // mean 3 s, 2 left
    await h.finish(3000, (i) => ({ kind: 'duplicate', label: i.label, existing: 'a.png' }));
    await h.finish(3000, (i) => ({ kind: 'failed', label: i.label, reason: 'truncated' }));
    const end = h.last();
    expect(end).toMatchObject({ state: 'finished', done: 4, total: 4 });
    expect([count(end, 'added'), count(end, 'duplicate'), count(end, 'failed')]).toEqual([2, 1, 1]);
    expect(h.maxInFlight()).toBe(1);
  });

  test('Cancel stops after the current work; the rest are not added', async () => {
    const h = harness();
    h.queue.add(items('1', '2', '3', '4', '5'));
    await h.finish(100);
    h.queue.cancel();
    expect(h.last().state).toBe('stopping');
    await h.finish(100);
    expect(h.last()).toMatchObject({ state: 'cancelled', done: 2, total: 5 });
    expect(h.last().outcomes.map((o) => o.label)).toEqual(['1', '2']);
  });

  test('files added during an import join it; added while stopping, they start the next one', async () => {
    const h = harness();
    h.queue.add(items('a', 'b'));
    h.queue.add(items('c'));
    expect(h.last()).toMatchObject({ done: 0, total: 3 });
    await h.finish(10);
    h.queue.cancel();
    h.queue.add(items('x', 'y'));
    await h.finish(10);
    expect(h.seen.some((p) => p.state === 'cancelled' && p.done === 2 && p.total === 3)).toBe(true);
    expect(h.last()).toMatchObject({ state: 'running', done: 0, total: 2, outcomes: [] });
    await h.finish(10);
    await h.finish(10);
    expect(h.last()).toMatchObject({ state: 'finished', done: 2, total: 2 });
    expect(h.last().outcomes.map((o) => o.label)).toEqual(['x', 'y']);
  });

  test('a work that throws is a failure with its message, and the import goes on', async () => {
    const h = harness();
    h.queue.add(items('a', 'b'));
    await h.finish(10, () => new Error('could not save the work: QuotaExceededError (is the disk full?)'));
    await h.finish(10);
    expect(h.last().outcomes).toEqual([
      { kind: 'failed', label: 'a', reason: 'error', detail: 'could not save the work: QuotaExceededError (is the disk full?)' },
      { kind: 'added', label: 'b' },
    ]);
  });

  test('each change is a new object (the page re-renders on identity)', async () => {
    const h = harness();
    h.queue.add(items('a'));
    await h.finish(10);
    expect(new Set(h.seen).size).toBe(h.seen.length);
  });
});
