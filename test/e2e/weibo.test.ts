// Weibo, end to end: weibo.com's recycling scroller (the same article nodes show other posts as you scroll)
// and m.weibo.cn. The right posts are flagged, a recycled node never keeps a stale badge, and the extension
// fetches the large picture variant with the Referer the CDN demands.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { reportVia, tabIdOf, until } from '../support/feed';
import { addToGallery, artistWorks, corpusImages, feed, recordBadges, recorded, repost, scrollToEnd } from '../support/scenario';

/** The post an article shows now, read from its own permalink (the time link). */
const POST_OF_ARTICLE = `(el) => {
  const a = el && el.closest('article');
  const link = a && [...a.querySelectorAll('header a[href]')].map((x) => x.href.match(/weibo\\.com\\/\\d+\\/([0-9A-Za-z]+)$/)).find(Boolean);
  return link ? link[1] : null;
}`;

let server: FixtureServer;
let ext: ExtensionBrowser;
let control: Page;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
  ext = await launchWithExtension({ hostRules: server.hostRules });
  await addToGallery(ext, works);
  control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('src/popup/index.html'));
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('weibo.com', () => {
  test('flags the reposts in a recycling feed and never leaves a badge on a recycled node', async () => {
    const plain = await corpusImages(117);
    const posts = await server.setSite('weibo', feed(plain, [
      { at: 10, image: await repost(works[0]!.data, 'reencoded') },
      { at: 55, image: await repost(works[1]!.data, 'mirrored-crop'), more: plain.slice(3, 5) },
      { at: 100, image: await repost(works[0]!.data, 'mirrored-crop'), aiLabel: true },
    ]));
    const expected = [10, 55, 100].map((i) => posts[i]!.mblogid!).sort();
    const page = await ext.context.newPage();
    await recordBadges(page, POST_OF_ARTICLE);
    await page.goto('https://weibo.com/');
    const tabId = await tabIdOf(ext.worker, 'https://weibo.com/*');
    await scrollToEnd(page, 600, 250);
    const pictures = posts.reduce((n, p) => n + p.images.length, 0);
    const report = await until(() => reportVia(control, tabId), (r) => r.scanned >= pictures);
    await page.evaluate(() => scrollTo(0, 0));
    await scrollToEnd(page, 600, 150);

    const matched = [...new Set(report.findings.filter((f) => f.kind !== 'ai-labelled').map((f) => f.post.postId))].sort();
    expect(matched).toEqual(expected);
    expect(report.findings.find((f) => f.kind === 'ai-labelled')?.post.postId).toBe(posts[100]!.mblogid);
    for (const f of report.findings) expect(f.post.postUrl).toMatch(/^https:\/\/weibo\.com\/\d+\/[0-9A-Za-z]+$/);
    const seen = await recorded(page);
    expect(seen.badges).toEqual(expected);
    expect(seen.stale).toEqual([]);
    // The extension asked for the 2000 px variant, with Weibo's Referer, and the CDN served it.
    const fetched = server.imageRequests.filter((r) => r.host.endsWith('sinaimg.cn') && r.dest === 'empty');
    expect(fetched.length).toBe(pictures);
    for (const r of fetched) {
      expect(r.path).toMatch(/^\/mw2000\//);
      expect(r.referer).toBe('https://weibo.com/');
      expect(r.status).toBe(200);
    }
    await page.close();
  });
});

describe('m.weibo.cn', () => {
  test('flags the repost on the mobile site', async () => {
    const plain = await corpusImages(20);
    const posts = await server.setSite('weibo-mobile', feed(plain, [{ at: 7, image: await repost(works[1]!.data, 'reencoded') }]));
    const page = await ext.context.newPage();
    await page.goto('https://m.weibo.cn/');
    const tabId = await tabIdOf(ext.worker, 'https://m.weibo.cn/*');
    await scrollToEnd(page, 600, 200);
    const report = await until(() => reportVia(control, tabId), (r) => r.scanned >= posts.length);
    expect(report.findings.map((f) => f.post.postId)).toEqual([posts[7]!.id]);
    await expect.poll(() => page.locator('inkseal-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id'))))
      .toEqual([posts[7]!.id]);
    await page.close();
  });
});
