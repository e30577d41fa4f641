// A mirror image is a weak witness: MobileNet's vectors barely tell a picture from its mirror image, so the whole
// post against the work's mirror image can pass its line for a crop or a frame of the work (and name it "mirrored"),
// or for another drawing of the same figure turned the other way. The keypoints are not mirror-blind: they name
// the repost, and a mirror-only copy near the line stands only when they find the work in the post mirrored back.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { verify } from '../../src/engine/verify';
import { mirrorLooks } from '../../src/engine/zoom';
import { bestConfirmed, checkedFirst, confirms, mappingOf, mirroredToo, settle, shortlist, transformOf, type VerifiedMapping } from '../../src/engine/second-stage';
import { GLOBAL_COPY, REGIONAL_EDIT, STYLE_MATCH, decide, regionalFused } from '../../src/engine/verdict';
import type { Evidence } from '../../src/engine/matcher';
import type { Raster } from '../../src/engine/image';
import { painting } from '../support/pictures';
import { alignTransform, apply as applyAffine } from '../../src/report/align';

/** `r` cropped to [x0, x1) × [y0, y1) and, when asked, mirrored left to right. */
function cut(r: Raster, x0: number, y0: number, x1: number, y1: number, mirror: boolean): Raster {
  const w = x1 - x0, h = y1 - y0, data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const sx = x0 + (mirror ? w - 1 - x : x), o = ((y0 + y) * r.width + sx) * 3;
    data.set(r.data.subarray(o, o + 3), (y * w + x) * 3);
  }
  return { data, width: w, height: h, channels: 3 };
}

const mirroredCopy = (score: number, style: number | null = null): Evidence => ({
  hash: null,
  global: { score, workId: 'w1', mirrored: true },
  regional: { score: 0.938, workId: 'w1', queryRegion: 0, workRegion: 4 },
  style: style === null ? null : { score: style, workId: 'w1' },
});

describe('a mirror-only copy', () => {
  it('is checked before anyone is told, and near its line withdrawn unless the keypoints back it', () => {
    const near = mirroredCopy(GLOBAL_COPY + 0.001, STYLE_MATCH + 0.02);
    const fast = decide(near);
    expect(fast).toMatchObject({ kind: 'copy', signal: 'global', transform: 'mirror-x', workId: 'w1' });
    expect(checkedFirst(fast)).toBe(true);
    expect(shortlist(near, fast)).toEqual(['w1']);
    // Withdrawn: what is left is the resemblance of style, never a copy.
    const withdrawn = settle(fast, near, null);
    expect(withdrawn).toMatchObject({ kind: 'style', signal: 'style' });
    expect(withdrawn.signals?.global).toBe(GLOBAL_COPY + 0.001);
    expect(settle(decide(mirroredCopy(GLOBAL_COPY + 0.001)), mirroredCopy(GLOBAL_COPY + 0.001), null).kind).toBe('none');
    // The whole post against the work as it is, passing on its own, stays when the mirror image goes: a copy, unnamed.
    const asIs: Evidence = { ...near, global: { ...near.global!, asIs: GLOBAL_COPY + 0.0005 } };
    const plain = settle(decide(asIs), asIs, null);
    expect(plain).toMatchObject({ kind: 'copy', signal: 'global', workId: 'w1' });
    expect(plain.transform).toBeUndefined();
    const under: Evidence = { ...near, global: { ...near.global!, asIs: GLOBAL_COPY - 0.001 } };
    expect(settle(decide(under), under, null)).toMatchObject({ kind: 'style' });
    // A region of the work that passes on its own stays when the mirror image goes.
    const region: Evidence = { ...near, regional: { score: REGIONAL_EDIT + 0.02, workId: 'w1', queryRegion: 0, workRegion: 3 } };
    expect(settle(decide(region), region, null)).toMatchObject({ kind: 'edit', signal: 'regional', transform: 'cropped' });
  });

  it('well past its line is still checked, and stays a copy, unnamed, when the keypoints find nothing (a smooth work has few corners)', () => {
    const clear = mirroredCopy(0.99);
    const fast = decide(clear);
    expect(checkedFirst(fast)).toBe(true);
    expect(shortlist(clear, fast)).toEqual(['w1']);
    const kept = settle(fast, clear, null);
    expect(kept).toMatchObject({ kind: 'copy', signal: 'global', workId: 'w1', score: fast.score });
    expect(kept.transform).toBeUndefined();
    // Unmirrored, nothing is asked.
    const plain: Evidence = { ...clear, global: { score: 0.99, workId: 'w1', mirrored: false } };
    expect(checkedFirst(decide(plain))).toBe(false);
    expect(shortlist(plain, decide(plain))).toEqual([]);
  });
});

describe('mirrorLooks', () => {
  const W = 480, H = 360;
  const work = painting(W, H, 41);
  const workKp = keypoints(work, GALLERY_KEYPOINTS);
  const post = (r: Raster) => keypoints(r, QUERY_KEYPOINTS);
  const asIs = (p: ReturnType<typeof post>) => {
    const v = verify(p, workKp);
    return v && mappingOf(v);
  };

  it('finds the work in a mirrored crop, where the post as it is does not show it, and the verdict says so', () => {
    // The right 80 % of the work, mirrored: the work's right edge is now the post's left.
    const p = post(cut(work, 96, 20, W, H, true));
    expect(confirms(asIs(p))).toBe(false);
    const [m] = mirrorLooks(p, [workKp], [asIs(p)]);
    expect(m?.mirrored).toBe(true);
    expect(confirms(m!)).toBe(true);
    const e = mirroredCopy(GLOBAL_COPY + 0.001);
    const v = settle(decide(e), e, bestConfirmed([{ id: 'w1', mapping: m! }]));
    expect(v).toMatchObject({ kind: 'copy', signal: 'local', workId: 'w1', transform: 'mirror-x' });
    // In the post as posted, the work's top-left corner lies off its right edge and its top-right near its left.
    const [tl, tr] = v.corners!;
    expect(tl[0]).toBeGreaterThan(1.1);
    expect(Math.abs(tr[0])).toBeLessThan(0.05);
    // The part of the work the post shows: its right 80 %, its lower 94 %.
    const [x, y, w, h] = v.align!.work;
    expect(x).toBeCloseTo(96 / W, 1);
    expect(y).toBeCloseTo(20 / H, 1);
    expect(x + w).toBeCloseTo(1, 1);
    expect(y + h).toBeCloseTo(1, 1);
    // The report page's compare slider lays the work over the post mirrored: the work's right edge on the post's
    // left edge, the crop's left edge on its right, its middle row on the post's.
    const { affine, mirrored } = alignTransform({ transform: v.transform, align: v.align, postAspect: (W - 96) / (H - 20) });
    expect(mirrored).toBe(true);
    expect(applyAffine(affine, 1, 0.5)[0]).toBeCloseTo(0, 1);
    expect(applyAffine(affine, 96 / W, 0.5)[0]).toBeCloseTo(1, 1);
    expect(applyAffine(affine, 0.5, (20 + (H - 20) / 2) / H)[1]).toBeCloseTo(0.5, 1);
  });

  it('keeps an answer that confirms the work as posted, which names the repost, and finds no other painting mirrored', () => {
    const same = post(cut(work, 0, 0, 400, 300, false));
    const [kept] = mirrorLooks(same, [workKp], [asIs(same)]);
    expect(confirms(kept!)).toBe(true);
    expect(kept!.mirrored).toBeUndefined();
    // The fast signals called this crop a mirrored copy (its mirror image scored a hair higher): it is a crop.
    const e = mirroredCopy(0.97);
    expect(settle(decide(e), e, bestConfirmed([{ id: 'w1', mapping: kept! }]))).toMatchObject({ kind: 'edit', workId: 'w1', transform: 'cropped' });
    // The whole work as posted, nothing cropped or turned: the copy stands, unnamed.
    const whole = post(work);
    const [plain] = mirrorLooks(whole, [workKp], [asIs(whole)]);
    expect(plain!.mirrored).toBeUndefined();
    const copy = settle(decide(e), e, bestConfirmed([{ id: 'w1', mapping: plain! }]));
    expect(copy).toMatchObject({ kind: 'copy', workId: 'w1', signal: 'local' });
    expect(copy.transform).toBeUndefined();
    for (const seed of [42, 43, 44]) {
      const other = post(cut(painting(W, H, seed), 40, 0, W, H, true));
      const [m] = mirrorLooks(other, [workKp], [asIs(other)]);
      expect(bestConfirmed([{ id: 'w1', mapping: m ?? null }])).toBeNull();
    }
  });
});

describe('a crop near its line on a region alone', () => {
  const W = 480, H = 360;
  const work = painting(W, H, 47);
  const workKp = keypoints(work, GALLERY_KEYPOINTS);
  // The whole post against an unmirrored crop of the work (gallery region 4), just past the line: nothing else.
  const raw = (() => {
    let r = 0.9;
    while (regionalFused(r) < 0.51) r += 0.0005;
    return r;
  })();
  const near: Evidence = { hash: null, global: null, regional: { score: raw, workId: 'w1', queryRegion: 0, workRegion: 4 }, style: null };

  it('is also looked for mirrored, and a mirrored crop the post as posted cannot show is confirmed and named so', () => {
    const fast = decide(near);
    expect(fast).toMatchObject({ kind: 'edit', signal: 'regional', transform: 'cropped', workId: 'w1' });
    expect(checkedFirst(fast)).toBe(true);
    expect(mirroredToo(fast)).toBe(true);
    // The left 78 % of the work, mirrored: the mirror-blind vectors read it as the work's crop.
    const p = keypoints(cut(work, 0, 10, 374, H, true), QUERY_KEYPOINTS);
    const posted = verify(p, workKp);
    expect(confirms(posted && mappingOf(posted))).toBe(false);
    // Without the mirrored look the claim is withdrawn; with it, the repost is named as what it is.
    expect(settle(fast, near, null).kind).toBe('none');
    const [m] = mirrorLooks(p, [workKp], [posted && mappingOf(posted)]);
    const v = settle(fast, near, bestConfirmed([{ id: 'w1', mapping: m ?? null }]));
    expect(v).toMatchObject({ kind: 'edit', signal: 'local', workId: 'w1', transform: 'mirror-x' });
    // Another painting, mirrored and cropped alike, is not confirmed.
    const other = keypoints(cut(painting(W, H, 48), 0, 10, 374, H, true), QUERY_KEYPOINTS);
    const o = verify(other, workKp);
    const [om] = mirrorLooks(other, [workKp], [o && mappingOf(o)]);
    expect(bestConfirmed([{ id: 'w1', mapping: om ?? null }])).toBeNull();
  });

  it('is not looked for mirrored when it passes clearly, nor when nothing is claimed', () => {
    const clear: Evidence = { ...near, regional: { ...near.regional!, score: 0.99 } };
    expect(decide(clear).kind).toBe('edit');
    expect(mirroredToo(decide(clear))).toBe(false);
    const weak: Evidence = { ...near, regional: { ...near.regional!, score: 0.5 } };
    expect(mirroredToo(decide(weak))).toBe(false);
  });
});

describe('naming a mapping', () => {
  const mapping = (perspective: number, rotation = 0): VerifiedMapping => ({
    inliers: 40, matches: 60, coverage: 0.8, rotation, scale: 1, perspective,
    corners: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }],
    appearance: { cells: 20, agree: 1, whole: 1, inside: 1 }, spanned: { cells: 20, agree: 1, whole: 1, inside: 1, w: 1, h: 1 },
  });
  const e = (global: number): Evidence => ({ hash: null, global: { score: global, workId: 'w1', mirrored: false }, regional: null, style: null });

  it('calls no post that matches the whole work a photo of a screen, and names nothing from a fit beyond any screen', () => {
    expect(transformOf(mapping(0.08), e(0.9), 'w1')).toBe('screen-photo');
    expect(transformOf(mapping(0.08), e(GLOBAL_COPY), 'w1')).toBeUndefined();
    expect(transformOf(mapping(0.08, 8), e(GLOBAL_COPY), 'w1')).toBe('rotated');
    // Extrapolated from a cluster of pairs: names nothing, whatever the whole picture scored.
    expect(transformOf(mapping(0.8, 8), e(GLOBAL_COPY), 'w1')).toBeUndefined();
    expect(transformOf(mapping(0.8, 8), e(0.9), 'w1')).toBeUndefined();
  });
});
