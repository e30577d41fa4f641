// "Add to my Inkseal gallery" from the context menu of a picture on any site (Chromium: a headless browser has
// no menu to open, so the test fires the extension's real onClicked event in its service worker with what a
// right-click on that picture gives). The gallery page opens, imports the picture with the usual summary, and
// the work records the page it came from; the same picture again is a duplicate, in the already open gallery.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../src/dev/driver/chromium';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { ask, until } from '../support/feed';
import { artistWorks } from '../support/scenario';
import type { WorkSummary } from '../../src/shared/types';

let server: FixtureServer;
let ext: ChromiumSession;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
  // As if the artist had accepted the prompt for the site (a headless browser cannot show it).
  ext = await launchChromium({ sitesPort: server.port, grantedHosts: ['https://art.example.test/*'] });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('chromium: context menu', () => {
  test('a right-clicked web picture is added with where it came from; again, it is a duplicate', async () => {
    const posts = await server.setSite('generic', [{ author: '我', images: [{ data: works[0]!.data, mime: 'image/png' }] }]);
    const page = await ext.newPage();
    await page.goto('https://art.example.test/gallery.html');
    const src = posts[0]!.images[0]!.url;
    const click = () => ext.worker.evaluate(async ([srcUrl, pageUrl]) => {
      const [tab] = await chrome.tabs.query({ url: pageUrl });
      (chrome.contextMenus.onClicked as unknown as { dispatch(...a: unknown[]): void })
        .dispatch({ menuItemId: 'inkseal-add-to-gallery', srcUrl, pageUrl, mediaType: 'image', editable: false }, tab);
    }, [src, 'https://art.example.test/gallery.html'] as const);

    await click();
    const gallery = await ext.waitForTab(ext.extensionUrl('src/gallery/index.html'), 30_000);
    const summary = () => gallery.evaluate(() => {
      const s = document.querySelector('[data-testid=import-summary]');
      return s ? { added: s.getAttribute('data-added'), duplicates: s.getAttribute('data-duplicates') } : null;
    });
    expect(await until(summary, (s) => s !== null, 60_000)).toEqual({ added: '1', duplicates: '0' });
    const [work] = await ask<WorkSummary[]>(ext, 'gallery/list');
    expect(work?.source).toEqual({ kind: 'context-menu', url: 'https://art.example.test/gallery.html' });
    // The hash that carried the link is gone: reloading the gallery adds nothing.
    expect(new URL(await gallery.url()).hash).toBe('');

    await click();
    expect(await until(summary, (s) => s?.duplicates === '1', 60_000)).toEqual({ added: '0', duplicates: '1' });
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(1);
  });
});
