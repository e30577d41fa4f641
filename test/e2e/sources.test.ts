// Synced sources, in both browsers: the gallery follows the artist's RSS feed and JSON list of works on their
// site (the generic stand-in). Adding a source syncs it at once; a later sync adds only what is new, with the
// first-publication URL and date; a failing source says why and does not stop the others; a paused source is
// skipped; removing a source can keep or remove its works. The daily sync is an alarm.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { ask, count, openSection, until } from '../support/feed';
import { artistWorks } from '../support/scenario';
import type { SourceView, WorkSummary } from '../../src/shared/types';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];
const SITE = 'https://art.example.test';

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(3);
});
afterAll(async () => server?.close());

const publish = (n: number) => server.setSite('generic', works.slice(0, n).map((w, i) => ({
  id: `work-${i + 1}`, author: '我', title: `作品 ${i + 1}`, images: [{ data: w.data, mime: 'image/png' }],
})));

const sources = (ext: ExtensionSession) => ask<SourceView[]>(ext, 'sources/list');
const settled = (list: SourceView[]) => list.length > 0 && list.every((s) => !s.syncing && s.lastSync !== undefined);

/**
 * Clicks Add and checks the click reached it. The sources sit above the works: when the first synced works appear,
 * the grid grows below the panel and must not move the button away between the aim and the click (it did while
 * the panel was below the grid; Firefox, 1 full suite run in 3).
 */
async function clickAdd(page: TabPage) {
  await page.evaluate(() => {
    const w = window as unknown as { __addHit?: boolean };
    w.__addHit = false;
    document.addEventListener('click', (e) => { w.__addHit = (e.target as Element).closest('[data-testid=source-add]') !== null; }, { capture: true, once: true });
  });
  await page.click('[data-testid=source-add]');
  expect(await page.evaluate(() => (window as unknown as { __addHit?: boolean }).__addHit)).toBe(true);
}

const addTop = (page: TabPage) => page.evaluate(() => document.querySelector('[data-testid=source-add]')!.getBoundingClientRect().top);

async function addSource(page: TabPage, url: string) {
  await page.evaluate((u) => {
    const el = document.querySelector<HTMLInputElement>('[data-testid=source-url]')!;
    el.value = u;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, url);
  await until(() => page.evaluate(() => !document.querySelector<HTMLButtonElement>('[data-testid=source-add]')!.disabled), Boolean);
  await clickAdd(page);
  // Added: listed, and the field emptied for the next one.
  await until(() => page.evaluate((u) => document.querySelector(`[data-testid=source][data-url="${u}"]`) !== null
    && document.querySelector<HTMLInputElement>('[data-testid=source-url]')!.value === '', url), Boolean);
}

describe.each(BROWSERS)('%s: synced sources', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    // As if the artist had accepted the prompt for their site (a headless browser cannot show it).
    ext = await launch(browser, { sitesPort: server.port, grantedHosts: [`${SITE}/*`] });
  });
  afterAll(async () => ext?.close());

  test('RSS and JSON sources add new works with their publication; a failing one says why; pause and remove', async () => {
    await publish(2);
    const page = await ext.newPage();
    await page.goto(ext.extensionUrl('src/gallery/index.html'));
    await openSection(page, 'sources');
    const top = await addTop(page);
    await addSource(page, `${SITE}/feed.xml`);
    await until(() => sources(ext), settled, 90_000);
    // The synced works are on the page, and the controls the artist was using stayed where they were.
    await until(() => count(page, '[data-testid=work]'), (n) => n === 2);
    expect(await addTop(page)).toBe(top);
    let list = await ask<WorkSummary[]>(ext, 'gallery/list');
    expect(list.map((w) => w.title).sort()).toEqual(['作品 1', '作品 2']);
    expect(list.find((w) => w.title === '作品 1')).toMatchObject({
      publishedUrl: `${SITE}/gallery.html#work-1`, publishedOn: '2024-03-01', source: { kind: 'sync', url: `${SITE}/gallery.html#work-1` },
    });

    // A broken source and a JSON list: the list's one new work is added (the two others are already here).
    await publish(3);
    await addSource(page, `${SITE}/broken.xml`);
    // The next one once the list has settled, as a person would see the first one's result before adding another.
    await until(() => sources(ext), (l) => l.length === 2 && settled(l), 90_000);
    await addSource(page, `${SITE}/works.json`);
    await until(() => sources(ext), (l) => l.length === 3 && settled(l), 90_000);
    const byUrl = async () => Object.fromEntries((await sources(ext)).map((s) => [s.url.replace(SITE, ''), s]));
    let s = await byUrl();
    expect(s['/broken.xml']).toMatchObject({ lastError: 'HTTP 500', lastAdded: 0 });
    expect(s['/works.json']).toMatchObject({ lastAdded: 1, works: 1 });
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(3);
    // The page shows each source's state and the error in words.
    await until(() => page.evaluate(() => document.querySelector('[data-testid=source][data-state=error] [data-testid=source-error]')?.textContent ?? ''), (t) => t.includes('HTTP 500'));
    // Folded, the section still says a source is failing, and how many are followed.
    await page.click('[data-testid=sources] > summary');
    await until(() => page.evaluate(() => {
      const failing = document.querySelector('[data-testid=sources-failing]');
      return !document.querySelector<HTMLDetailsElement>('[data-testid=sources]')!.open && failing !== null && failing.getClientRects().length > 0 ? failing.textContent : '';
    }), (t) => /\b1\b/.test(t ?? ''));
    expect(await page.evaluate(() => document.querySelector('[data-testid=sources-count]')?.textContent)).toMatch(/\b3\b/);
    await openSection(page, 'sources');

    // The daily sync is scheduled; paused, the feed is skipped by a sync of all sources.
    const alarm = await ext.extensionEval(() => chrome.alarms.get('inkseal-sync'));
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    const rssId = s['/feed.xml']!.id;
    await ask(ext, 'sources/pause', { id: rssId, paused: true });
    const before = s['/feed.xml']!.lastSync;
    await ask(ext, 'sources/sync', {});
    await until(() => byUrl(), (x) => x['/works.json']!.lastSync! > s['/works.json']!.lastSync! && !x['/works.json']!.syncing, 60_000);
    s = await byUrl();
    expect(s['/feed.xml']).toMatchObject({ paused: true, lastSync: before });

    // Removed keeping its works, then the JSON source removed with its work.
    await ask(ext, 'sources/remove', { id: rssId, removeWorks: false });
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(3);
    await page.goto(ext.extensionUrl('src/gallery/index.html'));
    await openSection(page, 'sources');
    await until(() => page.evaluate(() => document.querySelectorAll('[data-testid=source]').length), (n) => n === 2);
    await page.click(`[data-testid=source][data-url="${SITE}/works.json"] [data-testid=source-remove]`);
    await page.click(`[data-testid=source][data-url="${SITE}/works.json"] [data-testid=source-remove-works]`);
    await until(() => sources(ext), (l) => l.length === 1);
    list = await ask<WorkSummary[]>(ext, 'gallery/list');
    expect(list.map((w) => w.title).sort()).toEqual(['作品 1', '作品 2']);
    await page.close();
  });
});
