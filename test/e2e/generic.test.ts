// The generic adapter: off by default, it runs on a site only after the artist enables that site in the popup,
// which asks for that one host permission at that moment. Headless browsers cannot answer the permission
// prompt, so this loads a copy of the built extension whose manifest already holds the stand-in's origin — as
// if the artist had granted it before: permissions.request then resolves at once and every other step (the
// switch, the setting, registering and injecting the content script) runs for real. On Firefox this also
// covers its content-script paths, which getManifest() reports as full moz-extension:// URLs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { count, reportVia, tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, enableSite, feed, launchWithGallery, repost, scrollToEnd } from '../support/scenario';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
});
afterAll(async () => server?.close());

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port, grantedHosts: ['https://art.example.test/*'] });
  });
  afterAll(async () => ext?.close());

  // Each wait has its own bound (their sum is about the test's timeout): a run that hangs names its step.
  test('a site is scanned only after the artist enables it from the popup', async () => {
    const plain = await corpusImages(4);
    const posts = await server.setSite('generic', feed(plain, [{ at: 2, image: await repost(works[0]!.data, 'reencoded') }]));
    const since = server.imageRequests.length;
    const page = await ext.newPage();
    await page.goto('https://art.example.test/gallery.html');
    const tabId = await tabIdOf(ext, 'https://art.example.test/*');
    // The pictures in view have loaded (the rest load lazily as the reader scrolls).
    await until(() => page.evaluate(() => [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).every((i) => i.complete && i.naturalWidth > 0)), Boolean, 20_000);

    // Not enabled: nothing is scanned, nothing fetched. The proof that the extension had its chance: a
    // Xiaohongshu tab opened after this one has been scanned by then, repost included.
    const control = await server.setSite('xiaohongshu', feed(plain.slice(0, 2), [{ at: 1, image: await repost(works[0]!.data, 'reencoded') }]));
    const xhs = await ext.newPage();
    await xhs.goto('https://www.xiaohongshu.com/explore');
    const xhsTab = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await until(() => reportVia(ext, xhsTab), (r) => r.scanned >= control.length && r.findings.length === 1, 40_000);
    await xhs.close();
    expect((await reportVia(ext, tabId)).scanned).toBe(0);
    expect(await count(page, 'inkseal-badge')).toBe(0);
    expect(server.imageRequests.slice(since).filter((r) => r.host === 'art.example.test' && r.dest === 'empty')).toEqual([]);

    // The artist opens the popup for that tab and switches the site on: the switch is checked and enabled again
    // once the permission, the setting and the content script are all in place.
    await enableSite(ext, tabId, await page.url(), 20_000);

    // The content script is registered for the origin and injected into the open tab; later pictures load lazily.
    await scrollToEnd(page, posts.at(-1)!.id, 600, 200, 20_000);
    const images = posts.reduce((n, p) => n + p.images.length, 0);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= images, 30_000);
    expect(report.findings.map((f) => f.imageKey)).toEqual([expect.stringContaining(posts[2]!.images[0]!.id)]);
    await until(() => count(page, 'inkseal-badge'), (n) => n === 1, 15_000);
    // The small site icon is not a candidate.
    expect(report.scanned).toBe(images);
    // A fresh visit is scanned by the registered content script.
    await page.goto('https://art.example.test/gallery.html');
    await until(() => count(page, 'inkseal-badge'), (n) => n === 1, 20_000);
  });
});
