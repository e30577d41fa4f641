// The order the scanner asks for queued pictures in, decided when a slot frees rather than when each was queued:
// a picture queued ahead of the viewport may be on screen by then, and one queued on screen may have been
// scrolled past. On a machine slower than the reader (bench:perf's scroll scanned 9 pictures/s against ~15
// arriving) first-come order left the pictures in view behind a backlog of pictures already passed, seconds deep.
// Pure, so Node tests it.

/** Where a queued picture is now: its box's vertical extent in the viewport, and when it was queued. */
export interface Placed {
  top: number;
  bottom: number;
  /** Still in the document (a recycled or removed node is scanned last). */
  connected: boolean;
  queuedAt: number;
}

/**
 * Sort key, smallest first: on screen top to bottom, then below the viewport nearest first, then above it most
 * recently queued first (the reader passed it a moment ago and may scroll back), then pictures no longer shown.
 * Every picture is still asked for: passed ones once the reader leaves room.
 */
export function scanRank(p: Placed, viewHeight: number): [number, number] {
  if (!p.connected) return [3, p.queuedAt];
  if (p.bottom > 0 && p.top < viewHeight) return [0, p.top];
  if (p.top >= viewHeight) return [1, p.top];
  return [2, -p.queuedAt];
}

export function byRank(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
