// Where the panel goes: pure geometry, tested in Node (test/content/place.test.ts).

const GAP = 6;
/** Kept clear between the panel and the viewport's edges. */
export const MARGIN = 8;

interface Box { left: number; top: number; right: number; bottom: number }

/** Where a box of `size` goes next to `anchor`: below it if it fits, else above, always inside the viewport. */
export function placeBeside(anchor: Box, size: { width: number; height: number }, view: { width: number; height: number }): { left: number; top: number } {
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - size.height;
  const top = below + size.height <= view.height - MARGIN ? below : above >= MARGIN ? above : view.height - MARGIN - size.height;
  const left = Math.min(Math.max(MARGIN, anchor.left), view.width - MARGIN - size.width);
  return { left: Math.max(0, left), top: Math.max(0, top) };
}

