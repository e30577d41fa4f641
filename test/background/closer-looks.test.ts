// The second stage's lane: looks run only with what the scan queue leaves, newest first, a bounded number at once
// and in all; the tabs shown a picture's fast verdict are the ones told of its outcome. The lane beside a real
// ScanQueue: a busy queue holds the looks back, and a queue that empties starts them.
import { describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: { storage: { session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } } },
}));

const { CloserLooks } = await import('../../src/background/closer-looks');
const { ScanQueue, QUEUE_LIMITS } = await import('../../src/background/scan-queue');
type ImageVerdict = import('../../src/shared/types').ImageVerdict;
type ScanRequest = import('../../src/shared/types').ScanRequest;

/** A promise and its resolver. */
function gate<T = undefined>() {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => { open = r; });
  return { promise, open };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CloserLooks', () => {
  test('waits while the queue has no room, then takes the newest first, at most `concurrent` at once', async () => {
    let room = false;
    const looks = new CloserLooks(() => room, 10, 1);
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    for (const key of ['a', 'b', 'c']) {
      gates.set(key, gate());
      looks.add(key, async () => { order.push(key); await gates.get(key)!.promise; });
    }
    expect(order).toEqual([]);
    expect(looks.size).toBe(3);
    room = true;
    looks.pump();
    expect(order).toEqual(['c']);
    gates.get('c')!.open(undefined);
    await settle();
    expect(order).toEqual(['c', 'b']);
    // No room again: the running look ends, the last one waits.
    room = false;
    gates.get('b')!.open(undefined);
    await settle();
    expect(order).toEqual(['c', 'b']);
    expect(looks.has('a')).toBe(true);
    room = true;
    looks.pump();
    gates.get('a')!.open(undefined);
    await settle();
    expect(order).toEqual(['c', 'b', 'a']);
    expect(looks.size).toBe(0);
  });

  test('past its bound the oldest looks are dropped, and a dropped picture is no longer pending', () => {
    const looks = new CloserLooks(() => false, 3, 1);
    for (const key of ['a', 'b', 'c', 'd', 'e']) looks.add(key, async () => undefined);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => looks.has(k))).toEqual([false, false, true, true, true]);
  });

  test('the tabs that were shown the fast verdict, even while the look ran, are the ones it reports to', async () => {
    const looks = new CloserLooks(() => true, 10, 1);
    const told: number[][] = [];
    const g = gate();
    looks.watch('x', 1); // not yet added: nothing to watch
    looks.add('x', async (tabs) => { await g.promise; told.push(tabs()); });
    looks.watch('x', 7);
    looks.watch('x', 9);
    g.open(undefined);
    await settle();
    expect(told).toEqual([[7, 9]]);
  });

  test('a look that throws frees its place for the next', async () => {
    const looks = new CloserLooks(() => true, 10, 1);
    const ran: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const g = gate();
    looks.add('bad', async () => { await g.promise; throw new Error('model host gone'); });
    looks.add('good', async () => { ran.push('good'); });
    g.open(undefined);
    await settle();
    expect(ran).toEqual(['good']);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('beside the scan queue', () => {
  const req = (key: string): ScanRequest => ({
    site: 'generic', imageKey: key, fetchUrl: `https://art.example.test/${key}.jpg`, displayUrl: `https://art.example.test/${key}.jpg`,
    post: { postId: key, postUrl: 'https://art.example.test/' }, priority: 0,
  });
  const none: ImageVerdict = { kind: 'none', score: 0, workId: null, workName: null };

  test('looks start only once no picture waits for a slot', async () => {
    const scans = new Map<string, ReturnType<typeof gate<ImageVerdict>>>();
    const lane: { looks?: InstanceType<typeof CloserLooks> } = {};
    const queue = new ScanQueue({
      scan: (r) => { const g = gate<ImageVerdict>(); scans.set(r.imageKey, g); return g.promise; },
      done: async () => undefined,
      room: () => lane.looks?.pump(),
    });
    const looks = new CloserLooks(() => queue.hasRoom(), 10, 2);
    lane.looks = looks;
    const looked: string[] = [];
    // More pictures than slots: one waits.
    const keys = Array.from({ length: QUEUE_LIMITS.inFlight + 1 }, (_, i) => `p${i}`);
    for (const k of keys) void queue.enqueue(req(k), 1);
    await settle();
    looks.add('earlier', async () => { looked.push('earlier'); });
    expect(looked).toEqual([]);
    // One picture answers: its slot goes to the waiting picture, still no room.
    scans.get('p0')!.open(none);
    await settle();
    expect(scans.has(`p${QUEUE_LIMITS.inFlight}`)).toBe(true);
    expect(looked).toEqual([]);
    // Another answers and nothing waits: the look runs.
    scans.get('p1')!.open(none);
    await settle();
    expect(looked).toEqual(['earlier']);
  });
});
