// The per-artist style calibration on synthetic descriptors: a picture is "your style" only when its margin (closeness
// to the artist's works minus closeness to other art) is as high as the artist's own works' AND higher than nearly
// all other art's; too few works give no verdict.
import { describe, expect, test } from 'vitest';
import { MIN_STYLE_WORKS, otherArtCloseness, packStyles, styleProfile, styleScore, styleScoreOf, styleStatus } from '../../src/engine/style';
import { STYLE_DESCRIPTOR_ID, defaultReference } from '../../src/engine/style-reference';
import centre from '../../src/engine/style-center.json';
import { l2normalize, seededRandom } from '../../src/engine/vectors';

const random = seededRandom(7);
const DIM = 64;
const vec = () => l2normalize(Float32Array.from({ length: DIM }, () => random() - 0.5));
const near = (v: Float32Array, amount: number) => l2normalize(v.map((x) => x + amount * (random() - 0.5)));

describe('style calibration', () => {
  const base = vec();
  const own = packStyles(Array.from({ length: 8 }, () => near(base, 0.4)));
  const others = packStyles(Array.from({ length: 200 }, vec));

  test('a picture in the artist’s own range and beyond other art is flagged; other art is not', () => {
    const profile = styleProfile(own, others)!;
    expect(profile.status).toBe('ready');
    expect(styleScore(near(base, 0.4), own, profile).score).toBeGreaterThanOrEqual(0.5);
    const flagged = Array.from({ length: 200 }, vec).filter((v) => styleScore(v, own, profile).score >= 0.5);
    expect(flagged.length).toBeLessThanOrEqual(4);
  });

  test('other art as close as the artist’s own works raises the bar above their own range', () => {
    // Reference art drawn from the same style: the artist's look is not distinctive against it.
    const lookalikes = packStyles(Array.from({ length: 200 }, () => near(base, 0.25)));
    const profile = styleProfile(own, lookalikes)!;
    expect(profile.status).toBe('not-distinctive');
    expect(styleScore(near(base, 0.4), own, profile).score).toBeLessThan(0.5);
  });

  test('the margin: equally close to the works, a picture closer to other art scores lower', () => {
    const profile = styleProfile(own, others)!;
    expect(profile.reference).toBe(others);
    const best = [0.8, 0.75, 0.7];
    expect(styleScoreOf(best, profile, 0.6)).toBeLessThan(styleScoreOf(best, profile, 0.1));
    // A picture that is one of the reference pictures is as close to other art as can be.
    const art = others.data.subarray(0, DIM);
    expect(otherArtCloseness(art, others)).toBeGreaterThan(otherArtCloseness(near(base, 0.4), others));
  });

  test('without a usable reference the margin is the plain similarity and other art is not subtracted', () => {
    const profile = styleProfile(own, null)!;
    expect(profile.reference).toBeNull();
    expect(profile.others).toBeNull();
    const best = [0.8, 0.75, 0.7];
    expect(styleScoreOf(best, profile, 0.6)).toBe(styleScoreOf(best, profile, 0));
    // One of another dimension (the shipped set against 64-d test vectors) is not usable either.
    expect(styleProfile(own)!.reference).toBeNull();
    expect(otherArtCloseness(near(base, 0.4))).toBe(0);
  });

  test('a gallery too small to calibrate says so instead of guessing', () => {
    const few = packStyles(Array.from({ length: MIN_STYLE_WORKS - 1 }, () => near(base, 0.4)));
    expect(styleProfile(few, others)).toBeNull();
    expect(styleStatus(few, others)).toBe('too-few-works');
    expect(styleStatus(own, others)).toBe('ready');
  });

  test('a wider own spread widens what counts as the artist’s range', () => {
    const tight = styleProfile(packStyles(Array.from({ length: 8 }, () => near(base, 0.2))), null)!;
    const loose = styleProfile(packStyles(Array.from({ length: 8 }, () => near(base, 0.8))), null)!;
    expect(loose.threshold).toBeLessThan(tight.threshold);
  });

  test('the shipped reference set and centre belong to today’s descriptor and decode to unit descriptors', () => {
    const ref = defaultReference()!;
    expect(ref.count).toBeGreaterThan(100);
    expect(centre.descriptor).toBe(STYLE_DESCRIPTOR_ID);
    expect(ref.dim).toBe(centre.mean.length);
    const first = ref.data.subarray(0, ref.dim);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
  });
});
