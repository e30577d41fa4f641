// A gallery larger than the Gallery page's first page (use-works.ts): the page draws the newest works with the
// count of all of them and a grid already as tall as all of them, then takes the rest without the grid jumping;
// the oldest work is reachable by scrolling, and search finds it once the whole list is there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { until } from '../support/feed';
import { artistWorks, launchWithGallery } from '../support/scenario';
import { seedWorks } from '../bench/gallery-works';
import { FIRST_PAGE } from '../../src/gallery/library/overlay';

const TOTAL = FIRST_PAGE + 100;
let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer(); });
afterAll(async () => server?.close());

describe.each(BROWSERS)('%s: a gallery beyond the first page', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, await artistWorks(2), { sitesPort: server.port });
    // The rest are copies of the two analysed works (test/bench/gallery-works.ts), older than both.
    await ext.extensionEval(() => { (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f; });
    await ext.extensionEval(seedWorks, { first: 0, count: TOTAL - 2, seed: 5 });
    await ext.stopBackground();
  });
  afterAll(async () => ext?.close());

  test('the newest works and the full count at once, the rest without a jump, the oldest found by scroll and search', async () => {
    // The page opened in a frame of another extension page, which looks at it every frame: the state of the first
    // frame with a tile, and the state once the controls that need the whole list are enabled.
    const host = await ext.newPage();
    await host.goto(ext.extensionUrl('src/welcome/index.html'));
    type Look = { count: string; gridHeight: number; firstTitle: string; whole: boolean };
    const [first, now] = await host.evaluate((url) => new Promise<[Look, Look]>((resolve, reject) => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;border:0;background:#fff';
      frame.src = url;
      document.body.append(frame);
      const look = (d: Document): Look | null => {
        const tile = d.querySelector<HTMLElement>('[data-testid=work]');
        return tile && {
          count: d.querySelector('[data-testid=gallery-shown]')?.textContent ?? '',
          gridHeight: d.querySelector('[data-testid=works]')?.getBoundingClientRect().height ?? 0,
          firstTitle: tile.dataset.title ?? '',
          whole: (d.querySelector('[data-testid=gallery-search]') as HTMLInputElement | null)?.disabled === false,
        };
      };
      let firstLook: Look | null = null;
      const started = performance.now();
      const tick = () => {
        const l = frame.contentDocument && look(frame.contentDocument);
        firstLook ??= l;
        if (l?.whole) return resolve([firstLook!, l]);
        if (performance.now() - started > 60_000) return reject(new Error(`the gallery did not load: ${JSON.stringify(firstLook)}`));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }), ext.extensionUrl('src/gallery/index.html'));
    await host.close();
    // The first screen came from the first page alone (search waits for the whole list), and already counted all.
    expect(first.whole).toBe(false);
    expect(first.count).toContain(String(TOTAL));
    expect(now.count).toBe(first.count);
    expect(now.gridHeight).toBe(first.gridHeight);
    expect(now.firstTitle).toBe(first.firstTitle);
    // The seeded works are older: the newest is one of the analysed two.
    expect(first.firstTitle).not.toMatch(/ \d+$/);

    const page = await ext.newPage();
    await page.goto(ext.extensionUrl('src/gallery/index.html'));
    const search = '[data-testid=gallery-search]';
    await until(() => page.evaluate((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.disabled === false, search), Boolean, 60_000);

    // Scrolled to the bottom, the oldest work is on screen with its picture.
    // (Seeded work n is titled "<adjective> <noun> n" and work 0 is the oldest.)
    const oldestShown = () => page.evaluate(() => {
      const li = [...document.querySelectorAll<HTMLElement>('[data-testid=work]')].find((el) => / 0$/.test(el.dataset.title ?? ''));
      const img = li?.querySelector('img');
      const r = li?.getBoundingClientRect();
      return !!r && r.top >= 0 && r.bottom <= innerHeight && !!img && img.complete && img.naturalWidth > 0;
    });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await until(oldestShown, Boolean, 30_000);

    // Search, as typed: the oldest work alone.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(search);
    for (const key of 'seeded-00000') await page.press(key);
    await until(() => page.evaluate(() => document.querySelectorAll('[data-testid=work]').length), (n) => n === 1);
    await until(oldestShown, Boolean, 10_000);
    await page.close();
  });
});
