// A new user, in both browsers: installing opens the welcome page (what Inkseal does, where the data stays),
// whose button leads to the gallery; the popup, before any work is added, says what to do next instead of
// "0 images checked".
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { count, until } from '../support/feed';

let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer(); });
afterAll(async () => server?.close());

const text = (page: { evaluate: ExtensionSession['extensionEval'] }, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

describe.each(BROWSERS)('%s: first run', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => { ext = await launch(browser, { sitesPort: server.port }); });
  afterAll(async () => ext?.close());

  test('the welcome page opens on install and leads to adding works; the popup says what to do first', async () => {
    const welcome = await ext.waitForTab(ext.extensionUrl('src/welcome/index.html'), 30_000);
    await until(() => text(welcome, '[data-testid=welcome-count]'), (s) => s !== null);
    expect(await text(welcome, 'h1')).toMatch(/Inkseal/);
    expect(await text(welcome, '[data-testid=welcome-privacy]')).toMatch(/never leave/);
    expect(await text(welcome, '[data-testid=welcome-count]')).toMatch(/empty/);
    await welcome.click('[data-testid=welcome-add]');
    const gallery = await ext.waitForTab(ext.extensionUrl('src/gallery/index.html'));
    await until(() => count(gallery, '[data-testid=file-input]'), (n) => n === 1);

    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl('src/popup/index.html'));
    await until(() => count(popup, '[data-testid=first-run]'), (n) => n === 1);
    expect(await count(popup, '[data-testid=scanned]')).toBe(0);
    expect(await text(popup, '[data-testid=first-run]')).toMatch(/Add your works/);
    await popup.close();
  });
});
