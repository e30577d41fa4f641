// A work shown small and flat in a post — a chat screenshot's thumbnail, a framed print — is mapped flat (verify.ts
// verify: the homography through its few clustered inliers may bend, and the affine fit through the same inliers is
// weighed against it). Laid through a bent mapping the work disagrees with the post and the repost went unconfirmed;
// laid flat it agrees. A photographed screen keeps its perspective.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { verify } from '../../src/engine/verify';
import { confirms, mappingOf } from '../../src/engine/second-stage';
import { decodeRaster } from '../../src/cli/decode';
import { corpusDir } from '../support/data';
import { familyRepost } from '../support/scenario';

const art = (name: string) => sharp(readFileSync(join(corpusDir(), 'art', name))).resize(1024, 1024, { fit: 'inside' }).png().toBuffer();

describe('a work shown small and flat is mapped flat', () => {
  it('confirms a wallpaper in a chat thumbnail, its corners the thumbnail\'s upright rectangle', async () => {
    // bench:quality's chat-screenshot family, one draw (checked offline: through the homography alone, 13 pairs at
    // perspective 0.17 with cells agreeing 0.74 — unconfirmed; laid flat, 0.95).
    const work = await art('art023_plasma_2560x1600.jpg');
    const post = await familyRepost(work, 'phone-chat', 2026, 0);
    const v = verify(keypoints(await decodeRaster(post.data, 'query'), QUERY_KEYPOINTS), keypoints(await decodeRaster(work, 'gallery'), GALLERY_KEYPOINTS))!;
    expect(confirms(mappingOf(v))).toBe(true);
    expect(v.perspective).toBeLessThan(0.01);
    expect(v.appearance.agree).toBeGreaterThan(0.9);
    // An upright rectangle: top and bottom sides level, left and right upright, inside the screenshot.
    const [tl, tr, br, bl] = v.corners;
    expect(Math.abs(tl.y - tr.y)).toBeLessThan(0.01);
    expect(Math.abs(bl.y - br.y)).toBeLessThan(0.01);
    expect(Math.abs(tl.x - bl.x)).toBeLessThan(0.01);
    expect(Math.abs(tr.x - br.x)).toBeLessThan(0.01);
    for (const t of v.corners.flatMap((c) => [c.x, c.y])) {
      expect(t).toBeGreaterThan(-0.05);
      expect(t).toBeLessThan(1.05);
    }
  });

  it('keeps a photographed screen\'s perspective where the work laid through it agrees', async () => {
    // (Checked offline: 26 pairs at perspective 0.07, cells agreeing 0.92; laid flat they would agree 0.96.)
    const work = await art('art054_openclipart_route_jakob_chaosinfa_.png');
    const post = await familyRepost(work, 'screen-photo', 2026, 0);
    const v = verify(keypoints(await decodeRaster(post.data, 'query'), QUERY_KEYPOINTS), keypoints(await decodeRaster(work, 'gallery'), GALLERY_KEYPOINTS));
    expect(v && confirms(mappingOf(v))).toBe(true);
    expect(v!.perspective).toBeGreaterThan(0.03);
  });
});
