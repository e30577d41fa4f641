import { describe, expect, it } from 'vitest';
import { MARGIN, placeBeside } from '../../src/content/overlay/place';

const view = { width: 1200, height: 900 };
const size = { width: 320, height: 380 };
const box = (left: number, top: number, w = 120, h = 24) => ({ left, top, right: left + w, bottom: top + h });

describe('placeBeside: the panel stays next to its badge and inside the viewport', () => {
  it('goes below the badge when there is room', () => {
    expect(placeBeside(box(100, 100), size, view)).toEqual({ left: 100, top: 130 });
  });
  it('goes above a badge near the bottom', () => {
    const at = placeBeside(box(100, 800), size, view);
    expect(at.top + size.height).toBeLessThanOrEqual(800);
  });
  it('never leaves the viewport on the right, even for a badge at the edge of a narrow card', () => {
    const at = placeBeside(box(1150, 100, 40), size, view);
    expect(at.left + size.width).toBeLessThanOrEqual(view.width - MARGIN);
  });
  it('fits a short viewport by pinning to its bottom edge', () => {
    const at = placeBeside(box(10, 200), size, { width: 400, height: 420 });
    expect(at.top).toBeGreaterThanOrEqual(0);
    expect(at.top + size.height).toBeLessThanOrEqual(420);
  });
});
