// The order the scanner asks for queued pictures in, decided when a slot frees rather than when each was queued:
// a picture queued ahead of the viewport may be on screen by then, and one queued on screen may have been
// scrolled past. On a machine slower than the reader (bench:perf's scroll scanned 9 pictures/s against ~15
// arriving) first-come order left the pictures in view behind a backlog of pictures already passed, seconds deep.
// Where a picture is comes from an IntersectionObserver, never from measuring boxes: a box read after the feed
// changed forces a layout, and the queue can hold a thousand pictures.
// Pure, so Node tests it.

/** Where a picture is relative to the viewport, as the observer last reported it. */
export type Side = 'on' | 'below' | 'above';

export interface Placed {
  side: Side;
  /** Still in the document (a recycled or removed node is scanned last). */
  connected: boolean;
  queuedAt: number;
}

/** The side an observer entry reports: in the viewport, or which edge the picture's box is beyond. */
export function sideOf(isIntersecting: boolean, boxBottom: number, viewTop = 0): Side {
  if (isIntersecting) return 'on';
  return boxBottom <= viewTop ? 'above' : 'below';
}

/**
 * Sort key, smallest first: on screen, then ahead of the viewport in the order they came near, then above it
 * most recently queued first (the reader passed it a moment ago and may scroll back), then pictures no longer
 * shown. Every picture is still asked for: passed ones once the reader leaves room.
 */
export function scanRank(p: Placed): [number, number] {
  if (!p.connected) return [3, p.queuedAt];
  if (p.side === 'on') return [0, p.queuedAt];
  if (p.side === 'below') return [1, p.queuedAt];
  return [2, -p.queuedAt];
}

export function byRank(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Removes and returns the `n` best-ranked items, best first (earlier items first among equals, as a stable sort
 * would give). A slot or two frees at a time while the backlog can hold a thousand pictures: picking them costs
 * n passes over the queue, on the page's thread, instead of sorting all of it on every pass.
 */
export function takeBest<T>(items: T[], n: number, rankOf: (item: T) => [number, number]): T[] {
  const ranks = items.map(rankOf);
  const picked: number[] = [];
  for (let k = 0; k < Math.min(n, items.length); k++) {
    let best = -1;
    for (let i = 0; i < items.length; i++) {
      if (picked.includes(i)) continue;
      if (best < 0 || byRank(ranks[i]!, ranks[best]!) < 0) best = i;
    }
    picked.push(best);
  }
  const out = picked.map((i) => items[i]!);
  const gone = new Set(picked);
  let w = 0;
  for (let i = 0; i < items.length; i++) if (!gone.has(i)) items[w++] = items[i]!;
  items.length = w;
  return out;
}
