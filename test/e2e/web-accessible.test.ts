// What a page can reach of the extension by address (Chromium). The panel page is web-accessible with
// use_dynamic_url, so a page cannot load or probe it at its fixed chrome-extension:// address (the content script
// still frames it). The content-script chunks stay at fixed addresses: Chrome refuses a content script's import()
// of dynamic-URL resources (crbug.com/363027634), so here they are the control that shows the page's fetch of
// an extension address works at all. Firefox gives each install its own random origin instead (not tested here).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { corpusImages, feed } from '../support/scenario';

let server: FixtureServer;

beforeAll(async () => { server = await startFixtureServer(); });
afterAll(async () => server?.close());

describe.skipIf(!BROWSERS.includes('chromium'))('chromium', () => {
  let ext: ExtensionSession;
  beforeAll(async () => { ext = await launch('chromium', { sitesPort: server.port }); });
  afterAll(async () => ext?.close());

  test('a page cannot fetch the panel page at its fixed address; a content-script chunk it can', async () => {
    await server.setSite('xiaohongshu', feed(await corpusImages(1), []));
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const manifest = await ext.extensionEval(() => chrome.runtime.getManifest()) as { web_accessible_resources: { resources: string[] }[] };
    const chunk = manifest.web_accessible_resources.flatMap((w) => w.resources).find((r) => r.endsWith('.js'))!;
    const probe = (path: string) => page.evaluate(async (url) => {
      try {
        return (await fetch(url)).status;
      } catch {
        return 'refused';
      }
    }, ext.extensionUrl(path));
    expect(await probe(chunk)).toBe(200);
    expect(await probe('src/panel/index.html')).toBe('refused');
  });
});
