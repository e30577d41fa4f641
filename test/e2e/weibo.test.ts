// Weibo, end to end: weibo.com's recycling scroller (the same article nodes show other posts as you scroll)
// and m.weibo.cn. The right posts are flagged, a recycled node never keeps a stale badge, and the extension
// fetches the large picture variant with the Referer the CDN demands (a declarativeNetRequest session rule,
// which Firefox implements separately: the reason this runs on both).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { count, reportVia, tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, recordBadges, recorded, repost, scrollToEnd, scrollToTop } from '../support/scenario';

/** The post an article shows now, read from its own permalink (the time link). */
const POST_OF_ARTICLE = `(el) => {
  const a = el && el.closest('article');
  const link = a && [...a.querySelectorAll('header a[href]')].map((x) => x.href.match(/weibo\\.com\\/\\d+\\/([0-9A-Za-z]+)$/)).find(Boolean);
  return link ? link[1] : null;
}`;

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
});
afterAll(async () => server?.close());

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test('weibo.com: flags the reposts in a recycling feed and never leaves a badge on a recycled node', async () => {
    // 60 posts: the scroller holds about a dozen article nodes, so each is recycled several times.
    const plain = await corpusImages(57);
    const posts = await server.setSite('weibo', feed(plain, [
      { at: 8, image: await repost(works[0]!.data, 'reencoded') },
      { at: 30, image: await repost(works[1]!.data, 'mirrored-crop'), more: plain.slice(3, 5) },
      { at: 52, image: await repost(works[0]!.data, 'mirrored-crop'), aiLabel: true },
    ]));
    const expected = [8, 30, 52].map((i) => posts[i]!.mblogid!).sort();
    const requestsBefore = server.imageRequests.length;
    const page = await ext.newPage();
    await recordBadges(page, POST_OF_ARTICLE);
    await page.goto('https://weibo.com/');
    const tabId = await tabIdOf(ext, 'https://weibo.com/*');
    await scrollToEnd(page, posts.at(-1)!.mblogid!, 600, 200);
    const pictures = posts.reduce((n, p) => n + p.images.length, 0);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= pictures);
    // Back up and down again: the recycled nodes now show posts whose verdicts are remembered.
    await scrollToTop(page);
    await scrollToEnd(page, posts.at(-1)!.mblogid!, 600, 120);

    const matched = [...new Set(report.findings.filter((f) => f.kind !== 'ai-labelled').map((f) => f.post.postId))].sort();
    expect(matched).toEqual(expected);
    expect(report.findings.find((f) => f.kind === 'ai-labelled')?.post.postId).toBe(posts[52]!.mblogid);
    for (const f of report.findings) expect(f.post.postUrl).toMatch(/^https:\/\/weibo\.com\/\d+\/[0-9A-Za-z]+$/);
    const seen = await recorded(page);
    expect(seen.badges).toEqual(expected);
    expect(seen.stale).toEqual([]);
    // The extension asked for the 2000 px variant, with Weibo's Referer, and the CDN served it.
    const fetched = server.imageRequests.slice(requestsBefore).filter((r) => r.host.endsWith('sinaimg.cn') && r.dest === 'empty');
    expect(fetched.length).toBe(pictures);
    for (const r of fetched) {
      expect(r.path).toMatch(/^\/mw2000\//);
      expect(r.referer).toBe('https://weibo.com/');
      expect(r.status).toBe(200);
    }
    await page.close();
  });

  test('m.weibo.cn: flags the repost on the mobile site', async () => {
    const plain = await corpusImages(20);
    const posts = await server.setSite('weibo-mobile', feed(plain, [{ at: 7, image: await repost(works[1]!.data, 'reencoded') }]));
    const page = await ext.newPage();
    await page.goto('https://m.weibo.cn/');
    const tabId = await tabIdOf(ext, 'https://m.weibo.cn/*');
    await scrollToEnd(page, posts.at(-1)!.id, 600, 200);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length);
    expect(report.findings.map((f) => f.post.postId)).toEqual([posts[7]!.id]);
    await until(() => count(page, 'inkseal-badge'), (n) => n === 1);
    expect(await page.evaluate(() => [...document.querySelectorAll('inkseal-badge')].map((e) => e.getAttribute('data-post-id'))))
      .toEqual([posts[7]!.id]);
    await page.close();
  });
});
