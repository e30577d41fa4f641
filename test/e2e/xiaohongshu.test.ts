// Xiaohongshu, end to end against the virtualised feed stand-in: the right posts are flagged across 300 cards,
// a note opened from the feed is flagged in its overlay with its carousel scanned once, scanning survives a
// stopped service worker, and a failing image is retried, then reported.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../support/fixture-server';
import { reportVia, tabIdOf, until } from '../support/feed';
import { addToGallery, artistWorks, corpusImages, feed, recordBadges, recorded, repost, scrollToEnd } from '../support/scenario';

const POST_OF_CARD = `(el) => {
  const card = el && el.closest('section.note-item');
  const m = card && (card.querySelector('a.cover')?.getAttribute('href') ?? '').match(/([0-9a-f]{24})/);
  return m ? m[1] : null;
}`;

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
});
afterAll(async () => server?.close());

async function session(): Promise<{ ext: ExtensionBrowser; control: Page }> {
  const ext = await launchWithExtension({ hostRules: server.hostRules });
  await addToGallery(ext, works);
  const control = await ext.context.newPage();
  await control.goto(ext.extensionUrl('src/popup/index.html'));
  return { ext, control };
}

describe('xiaohongshu feed', () => {
  let ext: ExtensionBrowser;
  let control: Page;
  let posts: PublishedPost[];
  const REPOSTS = [40, 150, 260];

  beforeAll(async () => {
    ({ ext, control } = await session());
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
    const page = await ext.context.newPage();
    await recordBadges(page, POST_OF_CARD);
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext.worker, 'https://www.xiaohongshu.com/*');
    await scrollToEnd(page, 700, 250);
    const report = await until(() => reportVia(control, tabId), (r) => r.scanned >= posts.length);
    // A reader scrolling back finds every repost badged (cards are rebuilt, verdicts are remembered).
    await page.evaluate(() => scrollTo(0, 0));
    await scrollToEnd(page, 700, 150);

    const expected = REPOSTS.map((i) => posts[i]!.id).sort();
    const matched = [...new Set(report.findings.filter((f) => f.kind !== 'ai-labelled').map((f) => f.post.postId))].sort();
    expect(matched).toEqual(expected);
    // Evidence URLs keep the xsec_token the note needs.
    for (const f of report.findings) expect(f.post.postUrl).toMatch(/xsec_token=/);
    const seen = await recorded(page);
    expect(seen.badges).toEqual(expected);
    expect(seen.stale).toEqual([]);
    // Every picture was fetched by the extension once, from the stable original, never twice.
    const fetched = server.imageRequests.filter((r) => r.host === 'ci.xiaohongshu.com' && r.dest === 'empty');
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
    const page = await ext.context.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const card = page.locator(`section.note-item:has(a.cover[href*="${target.id}"])`);
    for (let i = 0; i < 60 && (await card.count()) === 0; i++) await page.mouse.wheel(0, 500);
    await card.locator('a.cover').click({ position: { x: 120, y: 120 } });
    await expect.poll(() => page.evaluate(() => location.pathname)).toContain(target.id);
    const overlayBadge = page.locator('#noteContainer inkseal-badge');
    await expect.poll(() => overlayBadge.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await overlayBadge.first().getAttribute('data-post-id')).toBe(target.id);
    // Loop clones repeat the first and last slide; each picture is still fetched exactly once.
    await expect.poll(() => page.locator('#noteContainer .swiper-slide-duplicate').count()).toBeGreaterThan(0);
    const tabId = await tabIdOf(ext.worker, 'https://www.xiaohongshu.com/explore/*');
    const isTarget = (f: { kind: string; post: { postId: string } }) => f.post.postId === target.id;
    const report = await until(() => reportVia(control, tabId),
      (r) => r.findings.some((f) => isTarget(f) && f.kind === 'ai-labelled')
        && new Set(r.findings.filter(isTarget).map((f) => f.imageKey)).size >= 1);
    // Give any duplicate request a chance to show up before counting.
    await page.waitForTimeout(1000);
    const fetches = () => server.imageRequests.filter((r) => r.host === 'ci.xiaohongshu.com' && r.dest === 'empty'
      && target.images.some((img) => r.path.startsWith(`/${img.id}`)));
    expect(fetches().length).toBe(target.images.length);
    expect(report.findings.find((f) => f.kind === 'ai-labelled')?.post.postId).toBe(target.id);
    await page.close();
  });
});

describe('xiaohongshu resilience', () => {
  test('scanning completes when the service worker is stopped mid-scan', async () => {
    const { ext, control } = await session();
    const plain = await corpusImages(40);
    const posts = await server.setSite('xiaohongshu', feed(plain, [
      { at: 5, image: await repost(works[1]!.data, 'reencoded') },
      { at: 30, image: await repost(works[0]!.data, 'mirrored-crop') },
    ]));
    const page = await ext.context.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext.worker, 'https://www.xiaohongshu.com/*');
    await until(() => reportVia(control, tabId), (r) => r.scanned >= 2, 30_000);
    // Stop the worker while images are still queued (as Chrome does to idle workers).
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const partial = await reportVia(control, tabId);
    expect(partial.scanned).toBeLessThan(posts.length);
    await scrollToEnd(page, 600, 250);
    const report = await until(() => reportVia(control, tabId), (r) => r.scanned >= posts.length);
    const matched = [...new Set(report.findings.map((f) => f.post.postId))].sort();
    expect(matched).toEqual([posts[5]!.id, posts[30]!.id].sort());
    await ext.close();
  });

  test('a failing image is retried, and one that keeps failing is reported, not dropped', async () => {
    const { ext, control } = await session();
    const plain = await corpusImages(12);
    const posts = await server.setSite('xiaohongshu', feed(plain, [
      { at: 2, image: await repost(works[0]!.data, 'reencoded') },
      { at: 6, image: await repost(works[1]!.data, 'reencoded') },
    ]));
    // The page shows both pictures; the extension's own fetches fail twice for one, always for the other.
    server.failImage(posts[2]!.images[0]!.id, { times: 2, only: 'fetch' });
    server.failImage(posts[6]!.images[0]!.id, { only: 'fetch' });
    const page = await ext.context.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext.worker, 'https://www.xiaohongshu.com/*');
    const report = await until(() => reportVia(control, tabId), (r) => r.scanned >= posts.length);
    expect(report.findings.map((f) => f.post.postId)).toEqual([posts[2]!.id]);
    expect(report.failed.map((f) => f.postId)).toEqual([posts[6]!.id]);
    expect(report.failed[0]!.error).toMatch(/HTTP 500/);
    const tries = server.imageRequests.filter((r) => r.dest === 'empty' && r.path.startsWith(`/${posts[2]!.images[0]!.id}`));
    expect(tries.map((r) => r.status)).toEqual([500, 500, 200]);
    // The popup tells the artist.
    const popup = await ext.context.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    await expect.poll(() => popup.locator('[data-testid=failed]').textContent()).toMatch(/1/);
    await ext.close();
  });
});
