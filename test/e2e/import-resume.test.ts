// An import outlives what the artist does meanwhile, in both browsers: the gallery page closed mid-import (the
// import goes on; reopened, the page shows it to its summary), the background stopped mid-import (it resumes;
// every work is added once, none twice, none lost), and Cancel (only the works added before it stay, and no
// staged bytes are left behind).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { ask, until } from '../support/feed';
import { artistWorks } from '../support/scenario';
import type { WorkSummary } from '../../src/shared/types';

const PER_IMPORT = 12;
let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(3 * PER_IMPORT);
});
afterAll(async () => server?.close());

/** One import's files: the `n`-th dozen of distinct works. */
const batch = (n: number) => works.slice(n * PER_IMPORT, (n + 1) * PER_IMPORT).map((w) => ({ name: w.name, mimeType: 'image/png', buffer: w.data }));

async function galleryPage(ext: ExtensionSession): Promise<TabPage> {
  const page = await ext.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  return page;
}

/** The progress bar as the page shows it; null when no import is shown. */
const bar = (page: TabPage) => page.evaluate(() => {
  const el = document.querySelector('[data-testid=import-progress]');
  return el ? { done: Number(el.getAttribute('data-done')), total: Number(el.getAttribute('data-total')), state: el.getAttribute('data-state') } : null;
});

const summary = (page: TabPage) => page.evaluate(() => {
  const s = document.querySelector('[data-testid=import-summary]');
  return s && { added: s.getAttribute('data-added'), duplicates: s.getAttribute('data-duplicates'), failed: s.getAttribute('data-failed'), notAdded: s.getAttribute('data-not-added') };
});

/** Staged files left in the extension's IndexedDB (read from an extension page of the same origin). */
const staged = (ext: ExtensionSession) => ext.extensionEval(() => new Promise<number>((resolve, reject) => {
  const open = indexedDB.open('inkseal');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('importItems').objectStore('importItems').count();
    req.onsuccess = () => { open.result.close(); resolve(req.result); };
    req.onerror = () => reject(req.error);
  };
}));

const names = async (ext: ExtensionSession) => (await ask<WorkSummary[]>(ext, 'gallery/list')).map((w) => w.name).sort();

describe.each(BROWSERS)('%s: an import outlives the page and the background', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => { ext = await launch(browser, { sitesPort: server.port }); });
  afterAll(async () => ext?.close());

  test('closed mid-import, the import goes on; the page opened again shows it to its summary', async () => {
    const page = await galleryPage(ext);
    await page.setInputFiles('[data-testid=file-input]', batch(0));
    // Closed as soon as the import is under way: everything from here on happens with no gallery page open.
    const atClose = (await until(() => bar(page), (b) => b?.total === PER_IMPORT))!;
    await page.close();
    expect(atClose.done).toBeLessThan(PER_IMPORT);
    await until(() => ask<{ works: number }>(ext, 'gallery/count'), (c) => c.works > atClose.done, 90_000);

    const again = await galleryPage(ext);
    expect(await until(() => summary(again), (s) => s !== null, 90_000)).toEqual({ added: '12', duplicates: '0', failed: '0', notAdded: '0' });
    await until(() => again.evaluate(() => document.querySelectorAll('[data-testid=work]').length), (n) => n === PER_IMPORT);
    expect(await names(ext)).toEqual(batch(0).map((f) => f.name).sort());
    expect(await staged(ext)).toBe(0);
    await again.close();
  });

  test('the background stopped mid-import resumes it: every work added once, none lost', async () => {
    const page = await galleryPage(ext);
    await page.setInputFiles('[data-testid=file-input]', batch(1));
    const atStop = (await until(() => bar(page), (b) => b?.total === PER_IMPORT && b.done >= 1, 90_000))!;
    await ext.stopBackground();
    expect(atStop.done).toBeLessThan(PER_IMPORT);
    expect(await until(() => summary(page), (s) => s !== null, 120_000)).toEqual({ added: '12', duplicates: '0', failed: '0', notAdded: '0' });
    expect(await names(ext)).toEqual([...batch(0), ...batch(1)].map((f) => f.name).sort());
    expect(await staged(ext)).toBe(0);
    await page.close();
  });

  test('Cancel keeps the works added before it and discards the staged rest', async () => {
    const before = await names(ext);
    const page = await galleryPage(ext);
    await page.setInputFiles('[data-testid=file-input]', batch(2));
    await until(() => bar(page), (b) => b?.total === PER_IMPORT && b.done >= 1, 90_000);
    await page.click('[data-testid=import-cancel]');
    const end = (await until(() => summary(page), (s) => s !== null, 60_000))!;
    expect(await bar(page)).toMatchObject({ state: 'cancelled' });
    const added = Number(end.added);
    expect(added).toBeGreaterThanOrEqual(1);
    expect(added).toBeLessThan(PER_IMPORT);
    expect(Number(end.notAdded)).toBe(PER_IMPORT - added);
    // The works added are the first ones picked, in order; nothing else came in.
    const after = await names(ext);
    expect(after.filter((n) => !before.includes(n))).toEqual(batch(2).slice(0, added).map((f) => f.name).sort());
    expect(await staged(ext)).toBe(0);
    await page.close();
  });
});
