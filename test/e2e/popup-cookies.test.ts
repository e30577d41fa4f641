// The popup shows each finding's post picture, fetched from the site's CDN. It must not send the artist's
// cookies for that CDN along (an <img> in an extension page would: the extension holds the CDN's host
// permission), which would tell the CDN who is looking. The artist has a cookie for the CDN host because they
// once opened a picture there in a tab; that tab's next request carries it, which proves the browser holds and
// sends it — the popup's request for the same host must not.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { badgedPostIds, tabIdOf, until, waitForScans } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, repost } from '../support/scenario';

const COOKIE = 'cdn_session=artist-7f3a';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];
let posts: PublishedPost[];
const AT = 2;

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
  posts = await server.setSite('xiaohongshu', feed(await corpusImages(5), [{ at: AT, image: await repost(works[0]!.data, 'reencoded') }]));
});
afterAll(async () => server?.close());

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test("the popup's post picture loads without the artist's cookies for the CDN", async () => {
    const picture = posts[AT]!.images[0]!;
    const cdnHost = new URL(picture.url).hostname;

    // The artist opens the picture itself in a tab: the CDN's own page, where a cookie is first-party.
    const before = server.imageRequests.length;
    const cdnTab = await ext.newPage();
    await cdnTab.goto(picture.url);
    await cdnTab.evaluate((c) => { document.cookie = `${c}; path=/; Secure; SameSite=None; max-age=3600`; }, COOKIE);
    // The control: the tab's next request to the host carries the cookie (a fresh query, so not from cache).
    await cdnTab.goto(`${picture.url}?again`);
    const control = server.imageRequests.slice(before).filter((r) => r.host === cdnHost && r.path.endsWith('?again'));
    expect(control.map((r) => r.cookie)).toEqual([COOKIE]);
    await cdnTab.close();

    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const report = await waitForScans(ext, tabId, posts.length);
    expect(report.findings.map((f) => f.post.postId)).toEqual([posts[AT]!.id]);
    expect(await until(() => badgedPostIds(page), (ids) => ids.length > 0)).toEqual([posts[AT]!.id]);

    const since = server.imageRequests.length;
    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    // Loaded and drawn: what the artist sees next to their own work.
    await until(() => popup.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=finding] [data-testid=post-picture]');
      return !!img && img.complete && img.naturalWidth > 0;
    }), Boolean);

    // The popup's own request for the picture (the page's <img> loads came before `since`; the scan fetches the
    // stable ci.xiaohongshu.com URL, not this display host).
    const fromPopup = server.imageRequests.slice(since).filter((r) => r.host === cdnHost && r.path.includes(picture.id));
    expect(fromPopup.length).toBeGreaterThan(0);
    expect(fromPopup.map((r) => ({ status: r.status, cookie: r.cookie }))).toEqual(fromPopup.map(() => ({ status: 200, cookie: null })));
    expect(ext.consoleErrors()).toEqual([]);
  });
});
