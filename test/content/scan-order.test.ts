// The order a backlog of feed pictures is scanned in: what the reader sees now before what they scrolled past.
import { describe, expect, test } from 'vitest';
import { byRank, scanRank, type Placed } from '../../src/content/scan-order';

const VIEW = 800;
const order = (queued: (Placed & { name: string })[]) =>
  [...queued].sort((a, b) => byRank(scanRank(a, VIEW), scanRank(b, VIEW))).map((q) => q.name);

describe('scan order', () => {
  test('a picture on screen goes before pictures queued earlier and since scrolled past, and before those ahead', () => {
    expect(order([
      { name: 'passed long ago', top: -3000, bottom: -2600, connected: true, queuedAt: 1 },
      { name: 'passed just now', top: -500, bottom: -100, connected: true, queuedAt: 50 },
      { name: 'ahead, far', top: 1400, bottom: 1800, connected: true, queuedAt: 60 },
      { name: 'ahead, next', top: 900, bottom: 1300, connected: true, queuedAt: 70 },
      { name: 'in view, lower', top: 500, bottom: 900, connected: true, queuedAt: 40 },
      { name: 'in view, top edge', top: -200, bottom: 200, connected: true, queuedAt: 80 },
      { name: 'recycled node', top: 0, bottom: 0, connected: false, queuedAt: 0 },
    ])).toEqual(['in view, top edge', 'in view, lower', 'ahead, next', 'ahead, far', 'passed just now', 'passed long ago', 'recycled node']);
  });

  test('the same picture ranks by where it is when the slot frees, not where it was when queued', () => {
    const queued = { top: 1200, bottom: 1600, connected: true, queuedAt: 10 };
    expect(scanRank(queued, VIEW)[0]).toBe(1);
    expect(scanRank({ ...queued, top: 300, bottom: 700 }, VIEW)[0]).toBe(0);
    expect(scanRank({ ...queued, top: -900, bottom: -500 }, VIEW)[0]).toBe(2);
  });
});
