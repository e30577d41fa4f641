// The generic adapter: off by default, it runs on a site only after the artist enables that site in the popup,
// which asks for that one host permission at that moment. Headless Chromium cannot answer its permission
// prompt, so this test loads a copy of the built extension whose manifest already holds the fixture origin —
// as if the artist had granted it before: permissions.request then resolves at once and every other step
// (the switch, the setting, registering and injecting the content script) runs for real.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { reportVia, until } from '../support/feed';
import { addToGallery, artistWorks, corpusImages, feed, repost, scrollToEnd } from '../support/scenario';

let server: FixtureServer;
let ext: ExtensionBrowser;

function grantedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkseal-granted-'));
  cpSync(resolve('dist/chrome'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push('https://art.example.test/*');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchWithExtension({ hostRules: server.hostRules, dist: grantedCopy() });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

test('a site is scanned only after the artist enables it from the popup', async () => {
  const works = await artistWorks(1);
  await addToGallery(ext, works);
  const plain = await corpusImages(4);
  const posts = await server.setSite('generic', feed(plain, [{ at: 2, image: await repost(works[0]!.data, 'reencoded') }]));
  const page = await ext.context.newPage();
  await page.goto('https://art.example.test/gallery.html');
  const tabId = await ext.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://art.example.test/*' }))[0]!.id!);
  const popup = await ext.context.newPage();
  await popup.goto(ext.extensionUrl('src/popup/index.html'));

  // Not enabled: nothing is scanned, nothing fetched.
  await page.waitForTimeout(2000);
  expect((await reportVia(popup, tabId)).scanned).toBe(0);
  expect(await page.locator('inkseal-badge').count()).toBe(0);
  expect(server.imageRequests.filter((r) => r.host === 'art.example.test' && r.dest === 'empty')).toEqual([]);

  // The artist opens the popup for that tab and switches the site on.
  await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}&url=${encodeURIComponent(page.url())}`));
  const toggle = popup.locator('[data-testid=site-switch]');
  expect(await toggle.isChecked()).toBe(false);
  await toggle.click();
  await expect.poll(() => toggle.isChecked()).toBe(true);


  // The content script is registered for the origin and injected into the open tab; later pictures load lazily.
  await scrollToEnd(page, 600, 200);
  const images = posts.reduce((n, p) => n + p.images.length, 0);
  const report = await until(() => reportVia(popup, tabId), (r) => r.scanned >= images);
  expect(report.findings.map((f) => f.imageKey)).toEqual([expect.stringContaining(posts[2]!.images[0]!.id)]);
  await expect.poll(() => page.locator('inkseal-badge').count()).toBe(1);
  // The small site icon is not a candidate.
  expect(report.scanned).toBe(images);
  // A fresh visit is scanned by the registered content script.
  await page.reload();
  await expect.poll(() => page.locator('inkseal-badge').count(), { timeout: 30_000 }).toBe(1);
});
