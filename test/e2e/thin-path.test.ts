// The whole product in one pass: a work added through the real gallery page is found on a Xiaohongshu feed
// among 20 other artworks — re-encoded, cropped to 70 % and mirrored; exactly those cards are badged and the
// popup lists exactly those matches.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from '../support/data';
import { BROWSERS, launch, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { badgedPostIds, count, tabIdOf, until, waitForScans, xhsCards, type FeedItem } from '../support/feed';

const ART = join(corpusDir(), 'art');
const WORK = 'art000_plasma_5120x2880.jpg';
/** Other works, chosen to hold no duplicate or near-duplicate of WORK (the corpus has a few of those). */
const OTHERS = [
  'art001_plasma_2560x1600.jpg', 'art002_ukui_fluent-color.jpg', 'art003_plasma_5120x2880.jpg',
  'art004_plasma_2560x1600.jpg', 'art005_plasma_5120x2880.jpg', 'art008_ukui_calla.jpg',
  'art009_mate_Float-into-MATE.jpg', 'art010_plasma_3840x2160.jpg', 'art013_gnome_oceans.jpg',
  'art014_gnome_dune-d.jpg', 'art015_mate_RainDrops.jpg', 'art017_sway_Sway_Wallpaper_Blue_1920x1080.jpg',
  'art019_gnome_wood-d.jpg', 'art024_gnome_blobs-d.jpg', 'art025_mate_YellowFlower.jpg',
  'art050_plasma_3840x2160.jpg', 'art060_openclipart_aussie_hat_01.png', 'art080_openclipart_chess_game_01.png',
  'art100_openclipart_sprint_cell_phone_joel_r.png', 'art130_openclipart_old_truck_indana_model__01.png',
];

let server: FixtureServer;
let repostIds: string[] = [];

type Repost = 'reencoded' | 'cropped' | 'mirrored';

async function feedItem(file: string, repost?: Repost): Promise<FeedItem> {
  let src = sharp(join(ART, file)).flatten({ background: '#fff' });
  const meta = await sharp(join(ART, file)).metadata();
  const [w, h] = [meta.width!, meta.height!];
  if (repost === 'reencoded') src = src.resize(Math.round(w / 2)); // half size, re-encoded at q70 below
  if (repost === 'cropped') {
    // 70 % of the area, off-centre toward the top left, as a repost trimming a signature would.
    const s = Math.sqrt(0.7);
    src = src.extract({ left: Math.round(w * 0.05), top: Math.round(h * 0.08), width: Math.round(w * s), height: Math.round(h * s) });
  }
  if (repost === 'mirrored') src = src.flop();
  if (!repost) src = src.resize(Math.min(w, 720));
  const data = await src.jpeg({ quality: repost ? 70 : 85 }).toBuffer();
  const out = await sharp(data).metadata();
  return { image: { data, mime: 'image/jpeg' }, width: out.width!, height: out.height!, title: repost ? `今日份插画分享 ${repost}` : file };
}

beforeAll(async () => {
  server = await startFixtureServer();
  const items = await Promise.all(OTHERS.map((f) => feedItem(f)));
  const slots: [number, Repost][] = [[3, 'reencoded'], [10, 'cropped'], [17, 'mirrored']];
  for (const [at, kind] of slots) items.splice(at, 0, await feedItem(WORK, kind));
  const cards = xhsCards(server, items);
  repostIds = slots.map(([at]) => cards[at]!.noteId);
  server.setXhsFeed(cards);
});
afterAll(async () => server?.close());

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => { ext = await launch(browser, { sitesPort: server.port }); });
  afterAll(async () => ext?.close());

  test('reposts of a work (re-encoded, cropped, mirrored) are flagged on the feed and listed in the popup', async () => {
    const gallery = await ext.newPage();
    await gallery.goto(ext.extensionUrl('src/gallery/index.html'));
    await gallery.setInputFiles('[data-testid=file-input]', [{ name: WORK, mimeType: 'image/jpeg', buffer: readFileSync(join(ART, WORK)) }]);
    await until(() => count(gallery, '[data-testid=work]'), (n) => n === 1);
    // The import's summary says so too.
    expect(await until(() => gallery.evaluate(() => document.querySelector('[data-testid=import-summary]')?.getAttribute('data-added') ?? null), Boolean)).toBe('1');

    const feed = await ext.newPage();
    await feed.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const report = await waitForScans(ext, tabId, OTHERS.length + repostIds.length);

    expect((await badgedPostIds(feed)).sort()).toEqual([...repostIds].sort());
    expect(report.findings.map((f) => f.post.postId).sort()).toEqual([...repostIds].sort());
    // The toolbar counts this tab's matches.
    await until(() => ext.extensionEval((id) => chrome.action.getBadgeText({ tabId: id }), tabId), (t) => t === String(repostIds.length));

    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    await until(() => count(popup, '[data-testid=finding]'), (n) => n === repostIds.length);
    const listed = await popup.evaluate(() => [...document.querySelectorAll('[data-testid=finding]')].map((e) => ({
      postId: e.getAttribute('data-post-id'),
      score: e.querySelector('[data-testid=score]')?.textContent ?? '',
    })));
    expect(listed.map((f) => f.postId).sort()).toEqual([...repostIds].sort());
    for (const f of listed) expect(f.score).toMatch(/\d+%/);
    // The badge floats over the card (absolute, in a shadow root) so the feed layout does not move.
    expect(await feed.evaluate(() => getComputedStyle(document.querySelector('inkseal-badge')!).position)).toBe('absolute');
    expect(ext.consoleErrors()).toEqual([]);
  });
});
