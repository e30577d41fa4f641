// Xiaohongshu, end to end against the virtualised feed stand-in: the right posts are flagged across 300 cards,
// a note opened from the feed is flagged in its overlay with its carousel scanned once, scanning survives a
// stopped service worker, and a failing image is retried, then reported.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type BrowserName, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { count, reportVia, tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, recordBadges, recorded, repost, scrollToEnd, scrollToTop, XHS_POST_OF_CARD as POST_OF_CARD } from '../support/scenario';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
});
afterAll(async () => server?.close());

const session = (browser: BrowserName): Promise<ExtensionSession> => launchWithGallery(browser, works, { sitesPort: server.port });

describe.each(BROWSERS)('%s: xiaohongshu feed', (browser) => {
  let ext: ExtensionSession;
  let posts: PublishedPost[];
  /** Where this browser's requests start in the server's log (the server outlives the browser). */
  let sessionSince = 0;
  const REPOSTS = [40, 150, 260];

  beforeAll(async () => {
    sessionSince = server.imageRequests.length;
    ext = await session(browser);
    const plain = await corpusImages(297);
    posts = await server.setSite('xiaohongshu', feed(plain, [
      { at: REPOSTS[0]!, image: await repost(works[0]!.data, 'reencoded') },
      { at: REPOSTS[1]!, image: await repost(works[1]!.data, 'mirrored-crop') },
      // A note of three pictures, the first a repost, labelled as AI content by its author.
      { at: REPOSTS[2]!, image: await repost(works[0]!.data, 'mirrored-crop'), aiLabel: true, more: plain.slice(0, 2) },
    ]));
  });
  afterAll(async () => ext?.close());

  test('after scrolling through 300 cards exactly the reposts are flagged, each picture scanned once', async () => {
    expect(posts).toHaveLength(300);
    const since = server.imageRequests.length;
    const page = await ext.newPage();
    await recordBadges(page, POST_OF_CARD);
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await scrollToEnd(page, posts.at(-1)!.id, 700, 200);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length);
    // A reader scrolling back finds every repost badged (cards are rebuilt, verdicts are remembered).
    await scrollToTop(page);
    await scrollToEnd(page, posts.at(-1)!.id, 700, 120);

    const expected = REPOSTS.map((i) => posts[i]!.id).sort();
    const matched = [...new Set(report.findings.filter((f) => f.kind !== 'ai-labelled').map((f) => f.post.postId))].sort();
    expect(matched).toEqual(expected);
    // Evidence URLs keep the xsec_token the note needs.
    for (const f of report.findings) expect(f.post.postUrl).toMatch(/xsec_token=/);
    const seen = await recorded(page);
    expect(seen.badges).toEqual(expected);
    expect(seen.stale).toEqual([]);
    // Every picture was fetched by the extension once, from the stable original, never twice.
    const fetched = server.imageRequests.slice(since).filter((r) => r.host === 'ci.xiaohongshu.com' && r.dest === 'empty');
    const perToken = new Map<string, number>();
    for (const r of fetched) perToken.set(r.path.split('?')[0]!, (perToken.get(r.path.split('?')[0]!) ?? 0) + 1);
    // The feed shows each note's first picture only.
    expect(perToken.size).toBe(posts.length);
    expect(Math.max(...perToken.values())).toBe(1);
    await page.close();
  });

  test('a note opened from the feed is flagged in the overlay, its carousel scanned once and its AI label reported', async () => {
    const target = posts[REPOSTS[2]!]!;
    expect(target.images.length).toBe(3);
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const cover = `section.note-item a.cover[href*="${target.id}"]`;
    await until(async () => {
      if (await count(page, cover)) return true;
      await page.wheel(500);
      return false;
    }, Boolean);
    // A real click at the cover's centre: it must be the cover a reader sees there.
    await page.click(cover);
    await until(() => page.evaluate(() => location.pathname), (p) => p.includes(target.id));
    const overlayBadges = () => page.evaluate(() => [...document.querySelectorAll('#noteContainer inkseal-badge')].map((b) => b.getAttribute('data-post-id')));
    const badges = await until(overlayBadges, (b) => b.length > 0);
    expect(badges[0]).toBe(target.id);
    // Loop clones repeat the first and last slide; each picture is still fetched exactly once.
    expect(await count(page, '#noteContainer .swiper-slide-duplicate')).toBeGreaterThan(0);
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/explore/*');
    // In this browser's whole session: the note's first picture is its feed cover, fetched by the feed test.
    const fetches = () => server.imageRequests.slice(sessionSince).filter((r) => r.host === 'ci.xiaohongshu.com' && r.dest === 'empty'
      && target.images.some((img) => r.path.startsWith(`/${img.id}`)));
    // Done when each of the note's pictures has been fetched and the post's AI label reported. A clone slide's
    // duplicate request would have been made in the same pass as its original, so it would show by now.
    const fetchedAll = () => target.images.every((img) => fetches().some((r) => r.path.startsWith(`/${img.id}`)));
    const report = await until(() => reportVia(ext, tabId),
      (r) => fetchedAll() && r.findings.some((f) => f.post.postId === target.id && f.kind === 'ai-labelled'));
    expect(fetches().length).toBe(target.images.length);
    expect(report.findings.find((f) => f.kind === 'ai-labelled')?.post.postId).toBe(target.id);
    await page.close();
  });
});

describe.each(BROWSERS)('%s: xiaohongshu resilience', (browser) => {
  test('scanning completes when the background (service worker / event page) is stopped mid-scan', async () => {
    const ext = await session(browser);
    const plain = await corpusImages(40);
    const posts = await server.setSite('xiaohongshu', feed(plain, [
      { at: 5, image: await repost(works[1]!.data, 'reencoded') },
      { at: 30, image: await repost(works[0]!.data, 'mirrored-crop') },
    ]));
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await until(() => reportVia(ext, tabId), (r) => r.scanned >= 2, 30_000);
    // Stop the background while pictures are still queued, as the browser does to an idle one. Only the first
    // screen of cards is loaded yet, so the rest of the feed is scanned by the restarted background.
    await ext.stopBackground();
    const partial = await reportVia(ext, tabId);
    expect(partial.scanned).toBeLessThan(posts.length);
    await scrollToEnd(page, posts.at(-1)!.id, 600, 200);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length);
    const matched = [...new Set(report.findings.map((f) => f.post.postId))].sort();
    expect(matched).toEqual([posts[5]!.id, posts[30]!.id].sort());
    await ext.close();
  });

  test('a failing image is retried, and one that keeps failing is reported, not dropped', async () => {
    const ext = await session(browser);
    const plain = await corpusImages(12);
    const posts = await server.setSite('xiaohongshu', feed(plain, [
      { at: 2, image: await repost(works[0]!.data, 'reencoded') },
      { at: 6, image: await repost(works[1]!.data, 'reencoded') },
    ]));
    // The page shows both pictures; the extension's own fetches fail twice for one, always for the other.
    const since = server.imageRequests.length;
    server.failImage(posts[2]!.images[0]!.id, { times: 2, only: 'fetch' });
    server.failImage(posts[6]!.images[0]!.id, { only: 'fetch' });
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    // The failing pictures take their retries (0.5, 1.5 and 4 s apart) on top of their scans: more than a minute
    // on a loaded machine.
    // On a timeout, say which pictures the extension fetched and how each fetch ended.
    const fetchLog = () => posts.map((p) => `${p.id}: ${server.imageRequests.slice(since)
      .filter((r) => r.dest === 'empty' && r.path.startsWith(`/${p.images[0]!.id}`)).map((r) => r.status).join(',') || 'never fetched'}`).join('\n');
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length, 120_000)
      .catch((err: Error) => { throw new Error(`${err.message.slice(0, 300)}\nextension fetches per post:\n${fetchLog()}`); });
    expect(report.findings.map((f) => f.post.postId)).toEqual([posts[2]!.id]);
    expect(report.failed.map((f) => f.postId)).toEqual([posts[6]!.id]);
    expect(report.failed[0]!.error).toMatch(/HTTP 500/);
    const tries = server.imageRequests.slice(since).filter((r) => r.dest === 'empty' && r.path.startsWith(`/${posts[2]!.images[0]!.id}`));
    expect(tries.map((r) => r.status)).toEqual([500, 500, 200]);
    // The popup tells the artist.
    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    await until(() => popup.evaluate(() => document.querySelector('[data-testid=failed]')?.textContent ?? ''), (t) => /1/.test(t));
    await ext.close();
  });
});
