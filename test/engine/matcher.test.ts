// The gallery matcher on synthetic signals: evidence points at the right work, follows removals, and style
// needs enough works to be calibrated.
import { describe, expect, test } from 'vitest';
import { GalleryMatcher, quantizeSignals } from '../../src/engine/matcher';
import { l2normalize, seededRandom } from '../../src/engine/vectors';
import { packStyles, styleProfile, styleScore } from '../../src/engine/style';
import { screenShown } from '../../src/engine/second-stage';

const random = seededRandom(42);
const vec = (dim = 256) => l2normalize(Float32Array.from({ length: dim }, () => random()));
const noisy = (v: Float32Array, amount: number) => l2normalize(v.map((x) => x + amount * random()));
const hash = () => Uint32Array.from({ length: 8 }, () => (random() * 2 ** 32) >>> 0);

/** A work as analysed (floats, which the tests query with); the matcher is given it as stored. */
function work(id: string) {
  return { id, hash: hash(), hashQuality: 80, vectors: Array.from({ length: 16 }, () => vec()), style: vec(64) };
}
const stored = quantizeSignals;

describe('GalleryMatcher', () => {
  const works = ['a', 'b', 'c', 'd'].map(work);
  const m = new GalleryMatcher();
  works.forEach((w) => m.add(stored(w)));
  const b = works[1]!;

  test('a noisy copy of a work points every signal at that work', () => {
    const e = m.match({ hashes: [hash(), b.hash], hashQuality: 80, vectors: [noisy(b.vectors[0]!, 0.05)], style: noisy(b.style, 0.05) });
    expect(e.hash).toMatchObject({ workId: 'b', distance: 0, transform: 'mirror-x' });
    expect(e.global?.workId).toBe('b');
    expect(e.global?.score).toBeGreaterThan(0.9);
    expect(e.style?.workId).toBe('b');
  });

  test('a post with its light and dark inverted, as posted or mirrored, matches its work\'s hash complemented', () => {
    const inverted = b.hash.map((w) => ~w >>> 0);
    expect(m.match({ hashes: [inverted, hash()], hashQuality: 80, vectors: [vec()], style: vec(64) }).hash)
      .toMatchObject({ workId: 'b', distance: 0, transform: 'inverted' });
    expect(m.match({ hashes: [hash(), inverted], hashQuality: 80, vectors: [vec()], style: vec(64) }).hash)
      .toMatchObject({ workId: 'b', distance: 0, transform: 'inverted-mirror-x' });
    // Only the post as posted and mirrored is looked up so: a quarter turn's hash complemented is not.
    const turned = [hash(), hash(), hash(), hash(), hash(), inverted];
    expect(m.match({ hashes: turned, hashQuality: 80, vectors: [vec()], style: vec(64) }).hash?.distance ?? 256).toBeGreaterThan(40);
  });

  test('a region of the post matching a crop of the work is regional evidence, not global', () => {
    const e = m.match({ hashes: [hash()], hashQuality: 80, vectors: [vec(), b.vectors[7]!], style: vec(64) });
    expect(e.regional).toMatchObject({ workId: 'b', queryRegion: 1, workRegion: 7 });
    // The same vector, once as stored (bytes, quantize.ts): within a thousandth of identical.
    expect(e.regional?.score).toBeCloseTo(1, 3);
    expect(e.global?.score ?? 0).toBeLessThan(0.9);
  });

  test('a painted-over post as the best pairing also gives the best plainer one, which the verdict may name instead', () => {
    const vectors = [vec(), noisy(b.vectors[3]!, 0.1), b.vectors[7]!];
    const e = m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'tilted', 'stickers'] });
    expect(e.regional).toMatchObject({ workId: 'b', queryRegion: 2, queryKind: 'stickers' });
    expect(e.unpainted).toMatchObject({ workId: 'b', queryRegion: 1, workRegion: 3, queryKind: 'tilted' });
    // Without stickers as the best, nothing extra is carried.
    expect(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'tilted', 'framed'] }).unpainted).toBeUndefined();
  });

  test('a post whose regions hold a photographed screen is marked for the second stage\'s screen look, others are not', () => {
    const vectors = [vec(), vec(), vec()];
    expect(screenShown(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'framed', 'screen'] }))).toBe(true);
    expect(screenShown(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'framed', 'tile'] }))).toBe(false);
    expect(screenShown(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64) }))).toBe(false);
  });

  test('a post whose regions hold collage tiles is marked, for the second stage to verify more works; others are not', () => {
    const vectors = [vec(), vec(), vec()];
    expect(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'tile', 'tile'] }).tiles).toBe(true);
    expect(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64), kinds: ['whole', 'framed', 'screen'] }).tiles).toBeUndefined();
    expect(m.match({ hashes: [hash()], hashQuality: 80, vectors, style: vec(64) }).tiles).toBeUndefined();
  });

  test('a post nearest the work\'s mirror image also says how near it came to the work as it is', () => {
    // Row 1 is the mirrored whole work: a post a little nearer it than to row 0.
    const post = l2normalize(b.vectors[1]!.map((x, i) => 0.75 * x + 0.25 * b.vectors[0]![i]!));
    const e = m.match({ hashes: [hash()], hashQuality: 80, vectors: [post], style: vec(64) });
    expect(e.global).toMatchObject({ workId: 'b', mirrored: true });
    const direct = (row: Float32Array) => row.reduce((sum, x, i) => sum + x * post[i]!, 0);
    expect(e.global!.asIs).toBeCloseTo(Math.max(direct(b.vectors[0]!), direct(b.vectors[2]!)), 2);
    expect(e.global!.asIs!).toBeLessThan(e.global!.score);
    // Nearest the work as it is: nothing more to say.
    expect(m.match({ hashes: [hash()], hashQuality: 80, vectors: [b.vectors[0]!], style: vec(64) }).global).toEqual({ score: expect.any(Number), workId: 'b', mirrored: false });
  });

  test('lists the works the post came near, each once, best first, for the second stage', () => {
    // The whole post near c, one region nearer b: both are candidates, b first.
    const e = m.match({ hashes: [hash()], hashQuality: 80, vectors: [noisy(works[2]!.vectors[0]!, 0.3), noisy(b.vectors[5]!, 0.05)], style: vec(64) });
    const ids = e.candidates!.map((c) => c.workId);
    expect(ids.slice(0, 2)).toEqual(['b', 'c']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(e.candidates![0]!.score).toBeGreaterThanOrEqual(e.candidates![1]!.score);
  });

  test('a removed work is no longer found', () => {
    const m2 = new GalleryMatcher();
    works.forEach((w) => m2.add(stored(w)));
    m2.remove('b');
    expect(m2.size).toBe(3);
    const e = m2.match({ hashes: [b.hash], hashQuality: 80, vectors: [b.vectors[0]!], style: b.style });
    expect(e.hash?.workId).not.toBe('b');
    expect(e.global?.workId).not.toBe('b');
  });

  test('flat images give no hash evidence and tiny galleries no style evidence', () => {
    const m3 = new GalleryMatcher();
    m3.add(stored(works[0]!));
    m3.add(stored(works[1]!));
    const e = m3.match({ hashes: [works[0]!.hash], hashQuality: 5, vectors: [vec()], style: vec(64) });
    expect(e.hash).toBeNull();
    expect(e.style).toBeNull();
  });
});

describe('style calibration', () => {
  test('a candidate as close as the artist’s own works scores about 0.5; a far one scores low', () => {
    const base = vec(64);
    const own = packStyles(Array.from({ length: 8 }, () => noisy(base, 0.3)));
    const profile = styleProfile(own)!;
    expect(styleScore(noisy(base, 0.3), own, profile).score).toBeGreaterThan(0.2);
    expect(styleScore(vec(64), own, profile).score).toBeLessThan(0.05);
    expect(styleProfile(packStyles([vec(64), vec(64)]))).toBeNull();
  });
});
