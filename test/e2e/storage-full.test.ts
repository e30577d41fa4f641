// Session storage full: the background keeps its verdict cache, queue backup and each tab's report in
// storage.session, which has a quota (10 MB in Chromium and Firefox). Something else filling it (here: filler keys written
// from an extension page, to within a few bytes of the quota) must cost the artist nothing they own — the repost
// is still badged, its finding is still on the Findings page after the background restarts, the gallery keeps
// every work — and the popup must tell them the session's results may be incomplete, not only the worker console, also once the
// background has restarted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import type { FindingView } from '../../src/shared/types';
import { ask, badgedPostIds, count, tabIdOf, until, waitForScans } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, repost } from '../support/scenario';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];
let posts: PublishedPost[];
const AT = 4;

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(3);
  posts = await server.setSite('xiaohongshu', feed(await corpusImages(9), [{ at: AT, image: await repost(works[1]!.data, 'mirrored-crop') }]));
});
afterAll(async () => server?.close());

/**
 * Fills storage.session from an extension page: 1 MB values while they fit, then halving down to one byte, so
 * what is left is smaller than any entry the background writes. Returns whether the browser refused a write
 * (it enforces a quota; bounded at 64 writes, far past the 10 MB quota) and the bytes it then counts in use.
 */
function fillSessionStorage(ext: ExtensionSession): Promise<{ refused: boolean; inUse: number | null }> {
  return ext.extensionEval(async () => {
    let size = 2 ** 20;
    let refused = false;
    for (let n = 0; size >= 1 && n < 64;) {
      try {
        await chrome.storage.session.set({ [`filler:${n}`]: 'x'.repeat(size) });
        n++;
      } catch {
        refused = true;
        size = Math.floor(size / 2);
      }
    }
    // Optional in the types; both browsers have it on this area now.
    const area = chrome.storage.session as { getBytesInUse?: (keys: null) => Promise<number> };
    return { refused, inUse: area.getBytesInUse ? await area.getBytesInUse(null) : null };
  });
}

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test('a full session storage loses no finding, badge or work, and the popup says storage is full', async () => {
    const filled = await fillSessionStorage(ext);
    console.log(`[storage-full] ${browser}: session storage in use ${filled.inUse ?? 'not reported'} bytes`);
    // Both browsers enforce the 10 MB quota: the fill ended on refusals, not on the write bound.
    expect(filled.refused).toBe(true);
    const repostId = posts[AT]!.id;

    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const report = await waitForScans(ext, tabId, posts.length);
    expect(report.findings.map((f) => f.post.postId)).toEqual([repostId]);
    // The repost is badged on the feed, and nothing else is.
    expect(await until(() => badgedPostIds(page), (ids) => ids.length > 0)).toEqual([repostId]);

    // The popup lists it, and says that this session's results may not all be kept.
    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    await until(() => popup.evaluate(() => [...document.querySelectorAll('[data-testid=finding]')].map((e) => e.getAttribute('data-post-id'))),
      (ids) => ids.length === 1 && ids[0] === repostId);
    const warning = (p: typeof popup) => () => p.evaluate(() => document.querySelector('[data-testid=storage-full]')?.textContent ?? '');
    expect(await until(warning(popup), (w) => w.length > 0, 15_000)).toMatch(/storage is full/i);

    // The finding lasts: the Findings page's data has it, also after the background has been stopped and restarted.
    const lasting = async () => (await ask<FindingView[]>(ext, 'findings/list')).map((f) => f.postId);
    expect(await lasting()).toEqual([repostId]);
    await ext.stopBackground();
    expect(await until(lasting, (ids) => ids.length > 0)).toEqual([repostId]);
    // The restarted background still warns: what the stopped one could not keep is still lost.
    const reopened = await ext.newPage();
    await reopened.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    expect(await until(warning(reopened), (w) => w.length > 0, 15_000)).toMatch(/storage is full/i);

    // Every work is still in the gallery, as the artist sees it.
    const gallery = await ext.newPage();
    await gallery.goto(ext.extensionUrl('src/gallery/index.html'));
    expect(await until(() => count(gallery, '[data-testid=work]'), (n) => n >= works.length)).toBe(works.length);
  });
});
