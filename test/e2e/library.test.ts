// The gallery as a library, in both browsers: details edited and kept, search and filters, several works
// selected and deleted with Undo, and each work's "seen in N findings" leading to those findings. Every control
// is clicked where a person would (its centre must be on top, in the viewport).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { ask, count, until } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, repost } from '../support/scenario';
import type { FindingView, WorkSummary } from '../../src/shared/types';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(4);
});
afterAll(async () => server?.close());

const titles = (page: TabPage) => page.evaluate(() => [...document.querySelectorAll('[data-testid=work-title]')].map((e) => e.textContent ?? ''));
const tile = (title: string) => `[data-testid=work][data-title="${title}"]`;

/** Types into a field as a person would, once it is there: the value, then the events the page listens to. */
const type = (page: TabPage, selector: string, value: string) => until(() => page.evaluate(([s, v]) => {
  const el = document.querySelector(s) as HTMLInputElement | null;
  if (!el) return false;
  el.value = v;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}, [selector, value] as const), Boolean);

describe.each(BROWSERS)('%s: the gallery as a library', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test('edit details, search, select two and delete them, Undo; seen in a finding links to it', async () => {
    const galleryUrl = ext.extensionUrl('src/gallery/index.html');
    let page = await ext.newPage();
    await page.goto(galleryUrl);
    await until(() => count(page, '[data-testid=work]'), (n) => n === 4);
    const first = works[0]!.name.replace(/\.png$/, '');

    // Edit: the title, the first publication and tags; kept after a reload.
    await page.click(`${tile(first)} [data-testid=work-edit]`);
    await until(() => count(page, 'dialog[open] [data-testid=work-save]'), (n) => n === 1);
    await type(page, 'dialog [name=title]', '春天的狐狸');
    await type(page, 'dialog [name=publishedUrl]', 'https://www.xiaohongshu.com/explore/abc');
    await type(page, 'dialog [name=publishedOn]', '2024-03-01');
    await type(page, 'dialog [name=tags]', '狐狸，watercolour');
    await page.click('dialog [data-testid=work-save]');
    await until(() => titles(page), (t) => t.includes('春天的狐狸'));
    await page.goto(galleryUrl);
    await until(() => titles(page), (t) => t.includes('春天的狐狸'));
    const stored = (await ask<WorkSummary[]>(ext, 'gallery/list')).find((w) => w.title === '春天的狐狸')!;
    expect(stored).toMatchObject({ publishedUrl: 'https://www.xiaohongshu.com/explore/abc', publishedOn: '2024-03-01', tags: ['狐狸', 'watercolour'] });

    // Search by tag narrows the grid; clearing it brings every work back.
    await type(page, '[data-testid=gallery-search]', 'WATERCOLOUR');
    await until(() => titles(page), (t) => t.length === 1 && t[0] === '春天的狐狸');
    await type(page, '[data-testid=gallery-search]', '');
    await until(() => count(page, '[data-testid=work]'), (n) => n === 4);

    // Two selected and removed at once; Undo brings both back, matchable again.
    const [a, b] = [works[1]!, works[2]!].map((w) => w.name.replace(/\.png$/, ''));
    await page.click(`${tile(a!)} [data-testid=work-select]`);
    await page.click(`${tile(b!)} [data-testid=work-select]`);
    await page.click('[data-testid=gallery-delete-selected]');
    await until(() => titles(page), (t) => t.length === 2 && !t.includes(a!) && !t.includes(b!));
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(2);
    await page.click('[data-testid=gallery-undo]');
    await until(() => count(page, '[data-testid=work]'), (n) => n === 4);
    expect((await ask<WorkSummary[]>(ext, 'gallery/list')).length).toBe(4);
    await page.close();

    // A repost of the edited work is flagged; its tile then says so and links to the finding.
    const posts = await server.setSite('xiaohongshu', feed(await corpusImages(4), [{ at: 1, image: await repost(works[0]!.data, 'reencoded') }]));
    const feedPage = await ext.newPage();
    await feedPage.goto('https://www.xiaohongshu.com/explore');
    await until(() => feedPage.evaluate((id) => document.querySelector(`inkseal-badge[data-post-id="${id}"]`) !== null, posts[1]!.id), Boolean, 90_000);
    await feedPage.close();
    page = await ext.newPage();
    await page.goto(galleryUrl);
    await until(() => count(page, `${tile('春天的狐狸')} [data-testid=work-findings]`), (n) => n === 1);
    const href = await page.evaluate((s) => (document.querySelector(s) as HTMLAnchorElement).href, `${tile('春天的狐狸')} [data-testid=work-findings]`);
    expect(new URL(href).searchParams.get('work')).toBe(stored.id);
    const findings = (await ask<FindingView[]>(ext, 'findings/list')).filter((f) => f.verdict?.workId === stored.id);
    expect(findings.length).toBeGreaterThan(0);
    await page.close();
  });
});
