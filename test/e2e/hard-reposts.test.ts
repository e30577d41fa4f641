// Hard reposts on the Xiaohongshu stand-in, in both browsers: the artist's work as one tile of a 3×3 collage and
// in a photo of a screen — two the fast signals miss and the second stage's closer look finds after the page has
// its first answer — a collage the fast signals find, and a smooth wallpaper of the artist's under heavy grain,
// which has too few corners for the keypoints and is found by laying the post over the work (engine/verify.ts
// sameFrame), are badged with the right work and the transform named; so is a mirrored crop, which the fast
// signals call a mirrored copy and the model host's keypoints, looking at the post mirrored back, confirm
// (engine/zoom.ts mirrorLooks), a large 3 × 3 collage whose recoloured tile is too small at the analysis scale for the
// keypoints, read closer from the posted picture (engine/zoom.ts tileZoom: the CLI before it called this post
// none), and a smooth wallpaper of the artist's photographed on a screen, which the keypoints cannot map and which
// is found by laying the work over the screen in the post (engine/zoom.ts screenLook: the CLI before it called this
// post none), and the same wallpaper under stickers, found by laying the post over it with the stickers set aside
// (engine/zoom.ts pastedLook), and a portrait work cut to fill a landscape screen, found by laying it over the screen
// where it sits (engine/zoom.ts screenPlaces), and the smooth wallpaper under words tiled over all of it, found by laying
// the post over it with the words' ink set aside (engine/marks.ts), and sent as a chat thumbnail, found by laying the
// work over the picture found in the screenshot (engine/zoom.ts pictureLook), and the striped wallpaper turned 9° on white, found by
// laying it over the turned outline (engine/zoom.ts tiltLook), and a negative of a work, found by its hash complemented
// (engine/matcher.ts); two pictures drawn in the same style as the works
// (the demo generator's same compositions, other draws) are at most style leads, never copies or edits.
// The reposts come from bench:quality's family generator, drawn once here (checked offline: the fast verdict
// alone misses the first two, the keypoints confirm them); the grainy one is made here (checked offline with the
// CLI: the code before the in-place look called it none).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { badgesOn, reportVia, tabIdOf, until } from '../support/feed';
import { join } from 'node:path';
import sharp from 'sharp';
import { corpusImages, familyRepost, feed, grainy, gridCollage, launchWithGallery } from '../support/scenario';
import { corpusDir } from '../support/data';
import { makeDemoArtworks } from '../../src/cli/demo-art';

let server: FixtureServer;
let posts: PublishedPost[];
let works: { name: string; data: Buffer }[];
/** Where each post sits in the feed. */
const AT = { collage: 1, screen: 3, fastCollage: 5, sameStyle: [2, 6], grain: 7, mirror: 8, bigCollage: 9, smoothScreen: 10, stickers: 11, screenFill: 12, marked: 13, chat: 14, turned: 15, inverted: 16 } as const;

beforeAll(async () => {
  server = await startFixtureServer();
  // Pieces 8 and 9 are drawn with the same compositions as the gallery's 0 and 1 (the generator cycles 8 styles).
  const demo = await makeDemoArtworks(10, 2026);
  // A smooth wallpaper (a soft gradient and a small logo: 2 cells of detail, too few corners for a mapping).
  const smooth = await sharp(join(corpusDir(), 'art', 'art022_desktop_1920x1080.jpg')).resize(1280).png().toBuffer();
  // Another smooth wallpaper (soft diagonal stripes), whose photographed screen only the screen look confirms. Not
  // one of the collage generator's fillers (familyRepost), or a collage would rightly show it too.
  const stripes = await sharp(join(corpusDir(), 'art', 'art028_mate_Stripes.jpg')).resize(1280).png().toBuffer();
  works = [...demo.slice(0, 2), { name: 'wallpaper.png', data: smooth }, { name: 'stripes-wallpaper.png', data: stripes }];
  const plain = await corpusImages(3);
  const png = (data: Buffer) => ({ data, mime: 'image/png' as const });
  posts = await server.setSite('xiaohongshu', feed(plain, [
    { at: AT.collage, image: await familyRepost(works[1]!.data, 'collage', 2027, 3) },
    { at: AT.sameStyle[0], image: png(demo[8]!.data) },
    { at: AT.screen, image: await familyRepost(works[1]!.data, 'screen-photo', 2027, 3) },
    { at: AT.fastCollage, image: await familyRepost(works[0]!.data, 'collage', 2026, 2) },
    { at: AT.sameStyle[1], image: png(demo[9]!.data) },
    { at: AT.grain, image: await grainy(smooth, 25, 2026) },
    { at: AT.mirror, image: await mirroredCrop(demo[1]!.data, 0.9) },
    { at: AT.bigCollage, image: await gridCollage(demo[1]!.data, 1440, 12, 4, 120) },
    { at: AT.smoothScreen, image: await familyRepost(stripes, 'screen-photo', 2026, 0) },
    // The striped wallpaper under an emoji, a star and two hearts (checked offline with the CLI: the code before the
    // look past stickers called it none).
    { at: AT.stickers, image: await familyRepost(stripes, 'stickers', 2027, 2) },
    // The first work (a portrait) cut to fill a landscape screen, photographed at a slant (checked offline with the
    // CLI: the code before the screen look placed works in their own proportions called it none).
    { at: AT.screenFill, image: await familyRepost(works[0]!.data, 'screen-fill', 2027, 3) },
    // The smooth wallpaper under a reposting account's words tiled over it (checked offline with the CLI: the code
    // before the look past tiled marks called it none; now an edit named "watermark", 0.999).
    { at: AT.marked, image: await familyRepost(smooth, 'tiled-mark', 2026, 0) },
    // The smooth wallpaper sent as a thumbnail in a group chat's screenshot (checked offline with the CLI: the code
    // before the look over a picture found in the post called it none; now an edit named "framed", 0.79).
    { at: AT.chat, image: await familyRepost(smooth, 'phone-chat', 2027, 0) },
    // The striped wallpaper turned 9° on white (checked offline with the CLI: the code before the turned look called
    // it none, 0.49; now an edit named "rotated", 0.995).
    { at: AT.turned, image: { data: await sharp(stripes).rotate(9, { background: '#ffffff' }).resize(1080).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' } },
    // The first work's negative, its light and dark inverted (checked offline: its hash lies 4 bits from the work's
    // complemented; the code before the complemented lookup called it none).
    { at: AT.inverted, image: { data: await sharp(demo[0]!.data).flatten({ background: '#ffffff' }).negate({ alpha: false }).resize(1080).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' } },
  ]));
});
afterAll(async () => server?.close());

/** The right `share` of `work`'s width, mirrored left to right, as a JPEG (checked offline with the CLI: confirmed mirrored, 0.94). */
async function mirroredCrop(work: Buffer, share: number) {
  const { width = 0, height = 0 } = await sharp(work).metadata();
  const w = Math.round(width * share);
  return { data: await sharp(work).flop().extract({ left: width - w, top: 0, width: w, height }).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' as const };
}


describe.each(BROWSERS)('%s: hard reposts', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test('collages, photos of screens (one showing a portrait work cut to fill it), a grainy wallpaper, a mirrored crop and wallpapers under stickers or tiled words are flagged with the right work, same-style pictures only as style', async () => {
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const mirrorId = posts[AT.mirror]!.id;
    const bigCollageId = posts[AT.bigCollage]!.id;
    const smoothScreenId = posts[AT.smoothScreen]!.id;
    const stickersId = posts[AT.stickers]!.id;
    const screenFillId = posts[AT.screenFill]!.id;
    const markedId = posts[AT.marked]!.id;
    const chatId = posts[AT.chat]!.id;
    const turnedId = posts[AT.turned]!.id;
    const invertedId = posts[AT.inverted]!.id;
    /** Found as copies: the mirrored crop (the fast signals' mirrored copy) and the negative (its hash). */
    const copies: string[] = [mirrorId, invertedId];
    const reposts = { [invertedId]: works[0]!.name, [turnedId]: works[3]!.name, [chatId]: works[2]!.name, [markedId]: works[2]!.name, [posts[AT.collage]!.id]: works[1]!.name, [posts[AT.screen]!.id]: works[1]!.name, [posts[AT.fastCollage]!.id]: works[0]!.name, [posts[AT.grain]!.id]: works[2]!.name, [mirrorId]: works[1]!.name, [bigCollageId]: works[1]!.name, [smoothScreenId]: works[3]!.name, [stickersId]: works[3]!.name, [screenFillId]: works[0]!.name };
    // Every picture scanned and every repost's finding in: the closer looks report after the first answers (a repost
    // may be a style lead until then).
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length && Object.keys(reposts).every((id) => r.findings.some((f) => f.post.postId === id && f.verdict?.kind !== 'style')), 90_000);
    // Four works calibrate the style signal (engine/style.ts MIN_STYLE_WORKS): the pictures drawn in the works' style
    // may be style leads, which is what they are, and never a copy or an edit.
    const sameStyle = AT.sameStyle.map((at) => posts[at]!.id);
    for (const f of report.findings) if (sameStyle.includes(f.post.postId)) expect(f.verdict?.kind).toBe('style');
    const found = new Map(report.findings.filter((f) => f.kind !== 'ai-labelled' && f.verdict?.kind !== 'style').map((f) => [f.post.postId, f]));
    expect([...found.keys()].sort()).toEqual(Object.keys(reposts).sort());
    for (const [id, work] of Object.entries(reposts)) {
      expect(found.get(id)!.verdict).toMatchObject({ kind: copies.includes(id) ? 'copy' : 'edit', workId: expect.any(String) });
      expect(found.get(id)!.verdict!.workName ?? work).toBe(work);
    }
    expect(found.get(posts[AT.collage]!.id)!.verdict!.transform).toBe('collage');
    expect(found.get(posts[AT.screen]!.id)!.verdict!.transform).toBe('screen-photo');
    expect(found.get(posts[AT.fastCollage]!.id)!.verdict!.transform).toBe('collage');
    // The whole post is the whole work under grain, confirmed laid over it: nothing moved to name.
    expect(found.get(posts[AT.grain]!.id)!.verdict).toMatchObject({ signal: 'overlay', align: { query: [0, 0, 1, 1], work: [0, 0, 1, 1] } });
    expect(found.get(posts[AT.grain]!.id)!.verdict!.transform).toBeUndefined();
    // The mirrored crop: named by the keypoints found in the post mirrored back, the work's corners in the post as
    // posted (its top-left at the post's right edge).
    const mirrored = found.get(mirrorId)!.verdict!;
    expect(mirrored).toMatchObject({ signal: 'local', transform: 'mirror-x' });
    expect(mirrored.corners![0][0]).toBeGreaterThan(0.9);
    expect(mirrored.corners![1][0]).toBeLessThan(0.1);
    // The big collage: found by its centre tile's keypoints read from the posted picture, the work placed there (the
    // tile cover-crops it, so its corners reach past the tile; their centre is the tile's).
    const tiled = found.get(bigCollageId)!.verdict!;
    expect(tiled).toMatchObject({ signal: 'local', transform: 'collage' });
    const centre = tiled.corners!.reduce(([sx, sy], [x, y]) => [sx + x / 4, sy + y / 4], [0, 0]);
    for (const c of centre) expect(Math.abs(c - 0.5)).toBeLessThan(0.05);
    // The smooth wallpaper on a photographed screen: the work laid over the screen the model host found in the post,
    // its corners that screen's (inside the post, not its edges).
    const onScreen = found.get(smoothScreenId)!.verdict!;
    expect(onScreen).toMatchObject({ signal: 'screen', transform: 'screen-photo' });
    const xs = onScreen.corners!.map(([x]) => x), ys = onScreen.corners!.map(([, y]) => y);
    expect(Math.min(...xs, ...ys)).toBeGreaterThan(0.02);
    expect(Math.max(...xs, ...ys)).toBeLessThan(0.98);
    // The portrait work filling a landscape screen: laid over the screen where it sits, its top and bottom cut off
    // by the screen's edge, so its corners reach past the screen's.
    const filled = found.get(screenFillId)!.verdict!;
    expect(filled).toMatchObject({ signal: 'screen', transform: 'screen-photo' });
    const fy = filled.corners!.map(([, y]) => y);
    expect(Math.max(...fy) - Math.min(...fy)).toBeGreaterThan(0.5);
    // The striped wallpaper under stickers: the post laid over the work edge to edge, the stickers set aside.
    expect(found.get(stickersId)!.verdict).toMatchObject({ signal: 'stickers', transform: 'stickers', align: { query: [0, 0, 1, 1], work: [0, 0, 1, 1] } });
    // The wallpaper under tiled words: laid over the work edge to edge, the words' ink set aside, and named.
    expect(found.get(markedId)!.verdict).toMatchObject({ signal: 'stickers', transform: 'watermark', align: { query: [0, 0, 1, 1], work: [0, 0, 1, 1] } });
    // The wallpaper as a chat thumbnail, named a picture inside a larger one. Chromium's decoder leaves the thumbnail
    // close enough to the work for its region to decide (0.71); Firefox's does not (no verdict before the look over
    // pictures found in the post, checked 2026-12-06), and the work laid over the thumbnail found in the screenshot,
    // edge to edge, confirms it: its corners that thumbnail's (right of the page's middle, a quarter of the way down).
    const thumb = found.get(chatId)!.verdict!;
    expect(thumb).toMatchObject({ transform: 'framed' });
    if (browser === 'firefox') {
      expect(thumb.signal).toBe('overlay');
      const [tl, , br] = thumb.corners!;
      expect(tl[0]).toBeGreaterThan(0.4);
      expect(br[0]).toBeLessThan(0.9);
      expect(tl[1]).toBeGreaterThan(0.2);
      expect(br[1]).toBeLessThan(0.4);
    }

    // The striped wallpaper turned in place: the work laid over the turned outline the model host found in the post,
    // its corners that outline's (the top-left one a little right of the post's left edge, at its top), named rotated.
    const turned = found.get(turnedId)!.verdict!;
    expect(turned).toMatchObject({ signal: 'overlay', transform: 'rotated' });
    expect(turned.corners![0][0]).toBeGreaterThan(0.05);
    expect(turned.corners![0][1]).toBeLessThan(0.03);
    // The negative: the work's hash complemented, named "colours inverted".
    expect(found.get(invertedId)!.verdict).toMatchObject({ signal: 'hash', transform: 'inverted' });

    // On the page: the reposts carry a badge a click reaches (scrolled into view one by one), the same-style
    // pictures none.
    for (const id of Object.keys(reposts)) {
      await page.evaluate((postId) => document.querySelector(`a.cover[href*="${postId}"]`)?.scrollIntoView({ block: 'center' }), id);
      const shown = await until(() => badgesOn(page), (bs) => bs.some((b) => b.post === id && b.reachable), 30_000);
      expect(shown.find((b) => b.post === id)).toMatchObject({ verdict: copies.includes(id) ? 'copy' : 'edit', reachable: true });
    }
    // To look at: the big collage's, the mirrored crop's and the photographed wallpaper's cards with their badges.
    for (const [id, name] of [[bigCollageId, 'collage'], [mirrorId, 'mirror'], [smoothScreenId, 'screen'], [stickersId, 'stickers'], [screenFillId, 'screen-fill'], [markedId, 'marked'], [chatId, 'chat'], [turnedId, 'turned'], [invertedId, 'inverted']] as const) {
      await page.evaluate((postId) => document.querySelector(`a.cover[href*="${postId}"]`)?.scrollIntoView({ block: 'center' }), id);
      await until(() => badgesOn(page), (bs) => bs.some((b) => b.post === id && b.reachable), 30_000);
      await page.screenshot(`artifacts/screenshots/hard-reposts-${name}-${browser}.png`);
    }
    for (const b of await badgesOn(page)) if (sameStyle.includes(b.post)) expect(b.verdict).toBe('style');
    await page.close();
  });
});
