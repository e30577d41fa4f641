// The verdict rules: which signal decides, what the artist is told, and that nothing weak is called a copy.
import { describe, expect, test } from 'vitest';
import type { Evidence } from '../../src/engine/matcher';
import { hashScore } from '../../src/engine/matcher';
import { GLOBAL_COPY, HASH_COPY_DISTANCE, REGIONAL_EDIT, STYLE_MATCH, decide } from '../../src/engine/verdict';

const none: Evidence = { hash: null, global: null, regional: null, style: null };
const hash = (distance: number, transform: 'identity' | 'mirror-x' = 'identity'): Evidence['hash'] =>
  ({ score: hashScore(distance), workId: 'h', distance, transform });

describe('decide', () => {
  test('no evidence is no verdict', () => {
    expect(decide(none)).toMatchObject({ kind: 'none', workId: null, score: 0 });
  });

  test('a near-identical hash is a copy of that work, naming the transform', () => {
    const v = decide({ ...none, hash: hash(HASH_COPY_DISTANCE, 'mirror-x') });
    expect(v).toMatchObject({ kind: 'copy', workId: 'h', signal: 'hash', transform: 'mirror-x' });
    expect(v.score).toBeGreaterThanOrEqual(0.5);
    expect(decide({ ...none, hash: hash(HASH_COPY_DISTANCE + 1) }).kind).toBe('none');
  });

  test('a whole-image embedding at the threshold is a copy; just below is not', () => {
    expect(decide({ ...none, global: { score: GLOBAL_COPY, workId: 'g', mirrored: true } }))
      .toMatchObject({ kind: 'copy', workId: 'g', signal: 'global', transform: 'mirror-x' });
    const below = decide({ ...none, global: { score: GLOBAL_COPY - 0.01, workId: 'g', mirrored: false } });
    expect(below.kind).toBe('none');
    expect(below.score).toBeLessThan(0.5);
  });

  test('a regional match alone is an edit: a crop of the work, or the work inside a larger picture', () => {
    const crop = decide({ ...none, regional: { score: REGIONAL_EDIT + 0.01, workId: 'r', queryRegion: 0, workRegion: 5 } });
    expect(crop).toMatchObject({ kind: 'edit', workId: 'r', transform: 'cropped' });
    const framed = decide({ ...none, regional: { score: REGIONAL_EDIT + 0.01, workId: 'r', queryRegion: 2, workRegion: 0 } });
    expect(framed.transform).toBe('framed');
  });

  test('the region that matched names how the work was reposted: a collage tile, a tilt, a photographed screen, stickers', () => {
    const by = (queryKind: 'tile' | 'tilted' | 'screen' | 'screenshot' | 'stickers') =>
      decide({ ...none, regional: { score: REGIONAL_EDIT + 0.01, workId: 'r', queryRegion: 3, workRegion: 0, queryKind } });
    expect(by('tile')).toMatchObject({ kind: 'edit', workId: 'r', transform: 'collage' });
    expect(by('tilted').transform).toBe('rotated');
    expect(by('screen').transform).toBe('screen-photo');
    expect(by('screenshot').transform).toBe('framed');
    expect(by('stickers').transform).toBe('stickers');
    expect(by('tile').align).toBeUndefined();
  });

  test('stickers are named only when no plainer region of the same work passes: painting over also tidies a tilt\'s fill', () => {
    const painted = { score: REGIONAL_EDIT + 0.05, workId: 'r', queryRegion: 5, workRegion: 0, queryKind: 'stickers' as const };
    const tilt = (score: number, workId = 'r') => ({ score, workId, queryRegion: 2, workRegion: 0, queryKind: 'tilted' as const });
    // The straightened tilt passes too: the repost is rotated, whatever the painting over added.
    const rotated = decide({ ...none, regional: painted, unpainted: tilt(REGIONAL_EDIT + 0.01) });
    expect(rotated).toMatchObject({ kind: 'edit', workId: 'r', transform: 'rotated' });
    // The score is still the best pairing's.
    expect(rotated.score).toBe(decide({ ...none, regional: painted }).score);
    // Only the painted-over post reaches the work, or the plainer pairing is another work: stickers.
    expect(decide({ ...none, regional: painted, unpainted: tilt(REGIONAL_EDIT - 0.02) }).transform).toBe('stickers');
    expect(decide({ ...none, regional: painted, unpainted: tilt(REGIONAL_EDIT + 0.01, 'other') }).transform).toBe('stickers');
  });

  test('copy outranks edit, edit outranks style', () => {
    const all: Evidence = {
      hash: null,
      global: { score: 0.99, workId: 'a', mirrored: false },
      regional: { score: 0.99, workId: 'b', queryRegion: 1, workRegion: 3 },
      style: { score: 0.99, workId: 'c' },
    };
    expect(decide(all)).toMatchObject({ kind: 'copy', workId: 'a' });
    expect(decide({ ...all, global: null })).toMatchObject({ kind: 'edit', workId: 'b' });
    expect(decide({ ...all, global: null, regional: null })).toMatchObject({ kind: 'style', workId: 'c' });
    expect(decide({ ...none, style: { score: STYLE_MATCH - 0.01, workId: 'c' } }).kind).toBe('none');
  });

  test('scores stay in 0..1 and every signal is reported', () => {
    const v = decide({ ...none, hash: hash(0), global: { score: 1, workId: 'h', mirrored: false } });
    expect(v.score).toBeLessThanOrEqual(1);
    expect(Object.keys(v.signals ?? {}).sort()).toEqual(['global', 'hash', 'regional', 'style']);
  });
});

describe('decide: a crop says which part of the work it shows', () => {
  test('aligns the whole post with the matched crop of the work', () => {
    // Gallery region 3 is the centred 90 % crop (regions.ts: whole, mirrored, grey, then the crops).
    const v = decide({ hash: null, global: null, regional: { score: 0.97, workId: 'w', queryRegion: 0, workRegion: 3 }, style: null });
    expect(v.transform).toBe('cropped');
    expect(v.align?.query).toEqual([0, 0, 1, 1]);
    const [x, y, w, h] = v.align!.work;
    expect(w).toBeCloseTo(Math.sqrt(0.9), 6);
    expect(h).toBeCloseTo(Math.sqrt(0.9), 6);
    expect(x).toBeCloseTo((1 - Math.sqrt(0.9)) / 2, 6);
    expect(y).toBeCloseTo(x, 6);
  });
  test('a post region inside a larger picture carries no alignment it cannot know', () => {
    const v = decide({ hash: null, global: null, regional: { score: 0.97, workId: 'w', queryRegion: 1, workRegion: 0 }, style: null });
    expect(v.transform).toBe('framed');
    expect(v.align).toBeUndefined();
  });
});
