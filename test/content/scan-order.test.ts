// The order a backlog of feed pictures is scanned in: what the reader sees now before what they scrolled past.
import { describe, expect, test } from 'vitest';
import { byRank, scanRank, sideOf, takeBest, type Placed } from '../../src/content/scan-order';

const order = (queued: (Placed & { name: string })[]) =>
  [...queued].sort((a, b) => byRank(scanRank(a), scanRank(b))).map((q) => q.name);

describe('scan order', () => {
  test('a picture on screen goes before pictures queued earlier and since scrolled past, and before those ahead', () => {
    expect(order([
      { name: 'passed long ago', side: 'above', connected: true, queuedAt: 1 },
      { name: 'passed just now', side: 'above', connected: true, queuedAt: 50 },
      { name: 'ahead, came near later', side: 'below', connected: true, queuedAt: 70 },
      { name: 'ahead, came near first', side: 'below', connected: true, queuedAt: 60 },
      { name: 'in view, queued later', side: 'on', connected: true, queuedAt: 80 },
      { name: 'in view, queued first', side: 'on', connected: true, queuedAt: 40 },
      { name: 'recycled node', side: 'on', connected: false, queuedAt: 0 },
    ])).toEqual(['in view, queued first', 'in view, queued later', 'ahead, came near first', 'ahead, came near later',
      'passed just now', 'passed long ago', 'recycled node']);
  });

  test('the observer entry tells which edge a picture left by', () => {
    expect(sideOf(true, 300)).toBe('on');
    expect(sideOf(false, -20)).toBe('above');
    expect(sideOf(false, 0)).toBe('above');
    expect(sideOf(false, 1900)).toBe('below');
    // The same picture ranks by where it is when the slot frees, not where it was when queued.
    const queued: Placed = { side: 'below', connected: true, queuedAt: 10 };
    expect(scanRank(queued)[0]).toBe(1);
    expect(scanRank({ ...queued, side: sideOf(true, 700) })[0]).toBe(0);
    expect(scanRank({ ...queued, side: sideOf(false, -500) })[0]).toBe(2);
  });

  test('taking the next few from a backlog gives what sorting it would, and leaves the rest queued in order', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sides = ['on', 'below', 'above'] as const;
    for (let round = 0; round < 50; round++) {
      // Coarse times, so equal ranks occur and their order (first queued first) is checked too.
      const queue = Array.from({ length: 1 + Math.floor(rnd() * 300) }, (_, i) => ({
        name: `p${i}`, side: sides[Math.floor(rnd() * 3)]!, connected: rnd() > 0.2, queuedAt: Math.floor(rnd() * 20),
      }));
      const n = 1 + Math.floor(rnd() * 6);
      const expected = order(queue);
      const rest = [...queue];
      const taken = takeBest(rest, n, scanRank).map((q) => q.name);
      expect(taken).toEqual(expected.slice(0, n));
      expect(rest.map((q) => q.name)).toEqual(queue.map((q) => q.name).filter((x) => !taken.includes(x)));
    }
    expect(takeBest([], 3, scanRank)).toEqual([]);
  });
});
