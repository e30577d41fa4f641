// FAST's arc test as bit masks (keypoints.ts): a circle pixel set means brighter (or darker) than the centre by the
// threshold, and a corner needs nine set in a row, the run allowed to wrap from the 16th pixel to the 1st.
import { describe, expect, it } from 'vitest';
import { arcOfNine } from '../../src/engine/keypoints';

/** Longest run of set bits around the 16-pixel circle, counted the plain way. */
function longestRun(m: number): number {
  let best = 0;
  for (let start = 0; start < 16; start++) {
    let n = 0;
    while (n < 16 && (m >>> ((start + n) % 16)) & 1) n++;
    best = Math.max(best, n);
  }
  return best;
}

describe('arcOfNine', () => {
  it('agrees with counting the longest run, for every one of the 65,536 circles', () => {
    const wrong: number[] = [];
    for (let m = 0; m < 1 << 16; m++) if (arcOfNine(m) !== longestRun(m) >= 9) wrong.push(m);
    expect(wrong).toEqual([]);
  });

  it('sees a run that wraps past the last pixel, and not eight in a row', () => {
    expect(arcOfNine(0b1111_0000_0001_1111)).toBe(true); // pixels 12–15 and 0–4
    expect(arcOfNine(0b0111_0000_0001_1111)).toBe(false); // 8 wrapping
    expect(arcOfNine(0b0000_0001_1111_1111)).toBe(true);
    expect(arcOfNine(0b0000_0000_1111_1111)).toBe(false);
  });
});
