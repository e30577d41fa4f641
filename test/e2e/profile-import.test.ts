// "Import my works from this page" on the artist's own profile, in both browsers, on both fixture sites. The
// profile loads its posts as it scrolls (paged API, virtual list), so the import has to scroll it. The artist
// presses the popup's button; a bar at the top of the page counts the posts found and the works added and ends
// with a summary. Every picture of every post becomes a work whose first publication is the post (its URL and
// day); a second import adds nothing; Stop halfway leaves fewer works and says it stopped. The bar's button is
// clicked where a person would (its centre must be on top, in the viewport).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixturePost, type FixtureServer, type PublishedPost, type SiteOptions, type StoredImage } from '../../src/dev/stand-ins/server';
import { ask, count, tabIdOf, until } from '../support/feed';
import { addToGallery, artistWorks, corpusImages } from '../support/scenario';
import type { WorkSummary } from '../../src/shared/types';

let server: FixtureServer;
let pictures: StoredImage[];

const ME = '青柳画室';
/** Enough that neither profile shows them all before it scrolls (in a 1200 × 900 window). */
const POSTS = 16;
/** Posts holding two pictures: 18 pictures in all. */
const PAIRS = new Set([1, 9]);

beforeAll(async () => {
  server = await startFixtureServer();
  pictures = await corpusImages(POSTS + PAIRS.size + 2);
});
afterAll(async () => server?.close());

/**
 * The artist's posts, each on its own day, with two posts of other accounts among them (they are on the
 * site, not on this profile).
 */
function profile(): FixturePost[] {
  let next = 0;
  const mine: FixturePost[] = Array.from({ length: POSTS }, (_, i) => ({
    author: ME, text: `新作 ${i + 1}`,
    // Noon in China: the day is the same in every zone the test may run in.
    publishedAt: new Date(Date.UTC(2023 + Math.floor(i / 12), i % 12, 1 + i, 4)),
    images: PAIRS.has(i) ? [pictures[next++]!, pictures[next++]!] : [pictures[next++]!],
  }));
  const others = [0, 1].map((k): FixturePost => ({ author: `路人${k}`, text: `随手拍 ${k}`, images: [pictures[next++]!] }));
  return [...mine.slice(0, 5), others[0]!, ...mine.slice(5, 10), others[1]!, ...mine.slice(10)];
}

interface SiteCase {
  site: 'xiaohongshu' | 'weibo';
  /** Small pages and no render buffer, so the profile only shows all its posts once scrolled. */
  options: SiteOptions;
  /** The tab's match pattern. */
  pattern: string;
  /** Post ids shown on the page now. */
  shown: (page: TabPage) => Promise<string[]>;
}

const CASES: SiteCase[] = [
  {
    site: 'xiaohongshu', options: { pageSize: 4, bufferPx: 0, lazyMarginPx: 0 }, pattern: 'https://www.xiaohongshu.com/*',
    shown: (page) => page.evaluate(() => [...document.querySelectorAll('section.note-item a.cover')].map((a) => a.getAttribute('href')!.split('?')[0]!.split('/').pop()!)),
  },
  {
    site: 'weibo', options: { pageSize: 4, bufferPx: 0 }, pattern: 'https://weibo.com/*',
    shown: (page) => page.evaluate(() => [...document.querySelectorAll('article header a[href*="weibo.com/"]')].map((a) => a.getAttribute('href')!.split('/').pop()!)),
  },
];

interface Bar { state?: string; found?: string; added?: string; duplicates?: string; failed?: string }
const bar = (page: TabPage) => page.evaluate(() => ({ ...(document.querySelector<HTMLElement>('inkseal-import')?.dataset ?? {}) }) as Bar);
const profileWorks = async (ext: ExtensionSession) =>
  (await ask<WorkSummary[]>(ext, 'gallery/list')).filter((w) => w.source?.kind === 'profile');

/**
 * With an empty gallery, publishes the profile and opens it in a tab (closed afterwards, whatever happens), then
 * runs `steps` on it with the tab's id and the artist's posts.
 */
async function onProfile(
  ext: ExtensionSession, c: SiteCase, steps: (page: TabPage, tabId: number, mine: PublishedPost[]) => Promise<void>,
): Promise<void> {
  const ids = (await ask<WorkSummary[]>(ext, 'gallery/list')).map((w) => w.id);
  if (ids.length) await ask(ext, 'gallery/delete', { ids });
  const mine = (await server.setSite(c.site, profile(), c.options)).filter((p) => p.author === ME);
  const page = await ext.newPage();
  try {
    await page.goto(mine[0]!.authorUrl);
    const tabId = await tabIdOf(ext, c.pattern);
    await until(() => c.shown(page), (shown) => shown.length > 0);
    await steps(page, tabId, mine);
  } finally {
    await page.close();
  }
}

/**
 * The artist presses the popup's button for that tab (the popup opened as a page names its tab), then looks at
 * the profile again — as when the real popup closes: the import scrolls only a page the artist can see.
 */
async function pressImport(ext: ExtensionSession, page: TabPage, tabId: number): Promise<void> {
  const popup = await ext.newPage();
  await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}&url=${encodeURIComponent(await page.url())}`));
  await until(() => count(popup, '[data-testid=profile-import-start]'), (n) => n === 1);
  await popup.click('[data-testid=profile-import-start]');
  await until(() => count(popup, '[data-testid=profile-import-started], [data-testid=profile-import-error]'), (n) => n === 1);
  expect(await count(popup, '[data-testid=profile-import-error]')).toBe(0);
  await popup.close();
  await ext.extensionEval((id) => chrome.tabs.update(id, { active: true }).then(() => undefined), tabId);
  await until(() => page.evaluate(() => document.visibilityState), (v) => v === 'visible');
}

describe.each(BROWSERS)('%s: import my works from my profile', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launch(browser, { sitesPort: server.port });
    // One work added through the gallery page starts the model, once, before the tests time their imports.
    await addToGallery(ext, await artistWorks(1));
  });
  afterAll(async () => ext?.close());

  test.each(CASES)('$site: every post\'s pictures with the post\'s URL and day; a second import adds nothing', (c) => onProfile(ext, c, async (page, tabId, mine) => {
    // Not every post is on the page before it scrolls.
    expect((await c.shown(page)).length).toBeLessThan(mine.length);

    await pressImport(ext, page, tabId);
    const done = await until(() => bar(page), (b) => b.state === 'done', 85_000);
    const pictureCount = mine.reduce((n, p) => n + p.images.length, 0);
    expect(done).toMatchObject({ found: String(mine.length), added: String(pictureCount), duplicates: '0', failed: '0' });

    // One work per picture, each dated and linked to its post, as the profile links it.
    const works = await profileWorks(ext);
    const got = works.map((w) => `${w.publishedOn} ${w.publishedUrl} ${w.source?.url}`).sort();
    const want = mine.flatMap((p) => p.images.map(() => `${p.publishedOn} ${p.profilePostUrl} ${p.profilePostUrl}`)).sort();
    expect(got).toEqual(want);
    expect(new Set(mine.map((p) => p.publishedOn)).size).toBe(mine.length);
    // The gallery page lists them.
    const gallery = await ext.newPage();
    await gallery.goto(ext.extensionUrl('src/gallery/index.html'));
    await until(() => count(gallery, '[data-testid=work]'), (n) => n === pictureCount);
    await gallery.close();

    // Closed, then imported again: every picture is already in the gallery.
    await page.click('inkseal-import-button');
    await until(() => count(page, 'inkseal-import'), (n) => n === 0);
    await page.evaluate(() => scrollTo(0, 0));
    await pressImport(ext, page, tabId);
    const again = await until(() => bar(page), (b) => b.state === 'done', 85_000);
    expect(again).toMatchObject({ found: String(mine.length), added: '0', duplicates: String(pictureCount), failed: '0' });
    expect((await profileWorks(ext)).length).toBe(pictureCount);
  }));

  test.each(CASES)('$site: Stop halfway keeps what was imported and says it stopped', (c) => onProfile(ext, c, async (page, tabId, mine) => {
    const pictureCount = mine.reduce((n, p) => n + p.images.length, 0);
    await pressImport(ext, page, tabId);
    await until(() => bar(page), (b) => Number(b.added) >= 2, 60_000);
    // The Stop button is on top where a person would click it (the driver checks its centre).
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('inkseal-import-button')?.dataset.action)).toBe('stop');
    await page.click('inkseal-import-button');
    const stopped = await until(() => bar(page), (b) => b.state === 'stopped', 60_000);
    const added = Number(stopped.added);
    expect(added).toBeGreaterThanOrEqual(2);
    expect(added).toBeLessThan(pictureCount);
    expect((await profileWorks(ext)).length).toBe(added);
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('inkseal-import-button')?.dataset.action)).toBe('close');
  }));
});
