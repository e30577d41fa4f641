// The gallery, end to end in both browsers: an import reports duplicates (by content, not name) and each
// failure with its reason; a backup restores into a fresh profile with every work and fingerprint (a repost is
// flagged there without re-adding anything), and a hostile backup changes nothing and says why.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { ask, openSection, until } from '../support/feed';
import { artistWorks, corpusImages, feed, repost } from '../support/scenario';
import type { WorkSummary } from '../../src/shared/types';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(5);
});
afterAll(async () => server?.close());

const attr = (page: TabPage, selector: string, name: string) =>
  page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name] as const);

async function galleryPage(ext: ExtensionSession): Promise<TabPage> {
  const page = await ext.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  return page;
}

describe.each(BROWSERS)('%s: gallery', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    // As if the artist had allowed the site whose links they paste (headless browsers cannot answer the prompt).
    ext = await launch(browser, { sitesPort: server.port, grantedHosts: ['https://art.example.test/*'] });
  });
  afterAll(async () => ext?.close());

  test('an import says what was added, what was already there and why each file failed', async () => {
    const page = await galleryPage(ext);
    const png = await sharp(works[0]!.data).png().toBuffer();
    const truncated = (await sharp(works[1]!.data).jpeg().toBuffer()).subarray(0, 4000);
    // A PNG header that claims 20,000 × 20,000 pixels: refused from the header, never decoded.
    const huge = Buffer.from(png);
    huge.writeUInt32BE(20_000, 16);
    huge.writeUInt32BE(20_000, 20);
    await page.setInputFiles('[data-testid=file-input]', [
      ...works.slice(0, 3).map((w) => ({ name: w.name, mimeType: 'image/png', buffer: w.data })),
      // The same picture again under another name: a duplicate by content.
      { name: 'copy-of-first.png', mimeType: 'image/png', buffer: works[0]!.data },
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture at all, just some text\n'.repeat(10)) },
      { name: 'cut.jpg', mimeType: 'image/jpeg', buffer: truncated },
      { name: 'huge.png', mimeType: 'image/png', buffer: huge },
    ]);
    await until(() => attr(page, '[data-testid=import-summary]', 'data-added'), (a) => a !== null, 120_000);
    expect(await attr(page, '[data-testid=import-summary]', 'data-added')).toBe('3');
    expect(await attr(page, '[data-testid=import-summary]', 'data-duplicates')).toBe('1');
    const reasons = await page.evaluate(() => [...document.querySelectorAll('[data-testid=import-failure]')]
      .map((r) => `${r.textContent!.includes('empty.png') ? 'empty.png' : r.textContent!.includes('notes.txt') ? 'notes.txt' : r.textContent!.includes('cut.jpg') ? 'cut.jpg' : 'huge.png'}:${r.getAttribute('data-reason')}`).sort());
    expect(reasons).toEqual(['cut.jpg:truncated', 'empty.png:empty', 'huge.png:too-many-pixels', 'notes.txt:not-image']);
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(3);
    await page.close();
  });

  test('a backup restores every work into a fresh profile, where a repost is flagged; a hostile one changes nothing', async () => {
    const page = await galleryPage(ext);
    await until(() => page.evaluate(() => document.querySelectorAll('[data-testid=work]').length), (n) => n === 3);
    await openSection(page, 'backup');
    await page.click('[data-testid=backup-export]');
    const file = await ext.waitForDownload(/^inkseal-gallery-.*\.zip$/, 60_000);
    const backup = readFileSync(file);
    await page.close();

    const other = await launch(browser, { sitesPort: server.port });
    try {
      const restore = await galleryPage(other);
      // A backup with a path-traversal entry is refused before anything is written.
      const hostile = zipSync({ 'manifest.json': new TextEncoder().encode('{}'), '../../evil.jpg': new Uint8Array([1, 2, 3]) });
      await restore.setInputFiles('[data-testid=backup-import]', [{ name: 'evil.zip', mimeType: 'application/zip', buffer: Buffer.from(hostile) }]);
      await until(() => attr(restore, '[data-testid=backup-status]', 'data-problem'), (p) => Boolean(p));
      expect(await attr(restore, '[data-testid=backup-status]', 'data-problem')).toBe('bad-path');
      expect(await ask<WorkSummary[]>(other, 'gallery/list')).toEqual([]);

      await restore.setInputFiles('[data-testid=backup-import]', [{ name: 'backup.zip', mimeType: 'application/zip', buffer: backup }]);
      await until(() => attr(restore, '[data-testid=backup-status]', 'data-state'), (s) => s === 'ok', 60_000);
      // Equal works: ids, names, details and pictures.
      const everything = async (session: ExtensionSession) => {
        const list = await ask<WorkSummary[]>(session, 'gallery/list');
        const thumbs = await ask<Record<string, string>>(session, 'gallery/thumbnails', { ids: list.map((w) => w.id) });
        return list.map((w) => ({ ...w, thumbnail: thumbs[w.id] })).sort((a, b) => a.id.localeCompare(b.id));
      };
      const before = await everything(ext);
      expect(before.every((w) => w.thumbnail?.startsWith('data:image/'))).toBe(true);
      expect(await everything(other)).toEqual(before);
      await restore.close();

      // The restored fingerprints match: a repost is flagged in the new profile.
      const posts = await server.setSite('xiaohongshu', feed(await corpusImages(5), [{ at: 1, image: await repost(works[2]!.data, 'reencoded') }]));
      const feedPage = await other.newPage();
      await feedPage.goto('https://www.xiaohongshu.com/explore');
      await until(() => feedPage.evaluate((id) => document.querySelector(`inkseal-badge[data-post-id="${id}"]`) !== null, posts[1]!.id), Boolean, 90_000);
    } finally {
      await other.close();
    }
  });

  test('links: a page gives the pictures it shows, a picture link gives itself, a dead link says why', async () => {
    const posts = await server.setSite('generic', [
      { author: '我', images: [{ data: works[3]!.data, mime: 'image/png' }] },
      { author: '我', images: [{ data: works[4]!.data, mime: 'image/png' }] },
    ]);
    const page = await galleryPage(ext);
    await page.evaluate(() => { document.querySelector<HTMLDetailsElement>('[data-testid=links]')!.open = true; });
    const links = ['https://art.example.test/gallery.html', posts[0]!.images[0]!.url, 'https://art.example.test/images/gone-1.png'];
    await page.evaluate((text) => {
      const el = document.querySelector<HTMLTextAreaElement>('[data-testid=url-list]')!;
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, links.join('\n'));
    await page.click('[data-testid=url-import]');
    await until(() => attr(page, '[data-testid=import-summary]', 'data-added'), (a) => a !== null, 120_000);
    const summary = await page.evaluate(() => {
      const s = document.querySelector('[data-testid=import-summary]')!;
      return {
        added: s.getAttribute('data-added'), duplicates: s.getAttribute('data-duplicates'),
        failed: [...document.querySelectorAll('[data-testid=import-failure]')].map((r) => r.getAttribute('data-reason')),
      };
    });
    // The page's two works are added (its 20 px site icon is not a work); the pasted link to the first is the
    // same picture again; the dead link is reported.
    expect(summary).toEqual({ added: '2', duplicates: '1', failed: ['unreachable'] });
    await page.close();
  });
});
