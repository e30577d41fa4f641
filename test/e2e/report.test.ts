// From a match to a complaint, end to end on the Xiaohongshu and Weibo stand-ins, in both browsers: the panel
// beside a flagged post is really hittable (not clipped by the card), a page script cannot read which work it
// matched, Report opens the report page with the evidence, the notice copied to the clipboard holds every legal
// element in both languages, the complaint page opens on the post, the case is logged and listed, and the
// evidence bundle's files match their SHA256SUMS and the stored pictures.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import type { StoredImage } from '../../src/dev/stand-ins/sites/shared/images';
import { tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, repost } from '../support/scenario';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const IDENTITY = {
  name: '林小墨', email: 'xiaomo@example.cn', phone: '+86 138 0000 0000', address: '上海市徐汇区漕溪北路 88 号', signature: '林小墨',
};

/** A main-world spy installed before any page script: every shadow root attached, every frame URL it can see. */
const SPY = `
  window.__roots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const r = attach.call(this, init); window.__roots.push(r); return r; };
`;

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
});
afterAll(async () => server?.close());

interface Site {
  id: 'xiaohongshu' | 'weibo';
  /**
   * Where Report is pressed: the in-page panel (a click in the page grants no activeTab, so the browser refuses
   * the screenshot unless the artist granted all sites), or the toolbar popup (its click grants activeTab).
   */
  reportFrom: 'panel' | 'popup';
  feedUrl: string;
  /** The badge's post id for a published post (Weibo pages carry the mblogid). */
  badgeId(p: PublishedPost): string;
  /** Where "open complaint page" must land, and how to read which post it was opened for. */
  complaint: { kind: string; prefix: string; postOnPage: () => string | null; expected(p: PublishedPost): string };
}

const SITES: Site[] = [
  {
    id: 'xiaohongshu',
    reportFrom: 'panel',
    feedUrl: 'https://www.xiaohongshu.com/explore',
    badgeId: (p) => p.id,
    complaint: {
      kind: 'ip-center', prefix: 'https://ipp.xiaohongshu.com/',
      postOnPage: () => document.querySelector('[data-note-id]')?.getAttribute('data-note-id') ?? null,
      expected: (p) => p.id,
    },
  },
  {
    id: 'weibo',
    reportFrom: 'popup',
    feedUrl: 'https://weibo.com/',
    badgeId: (p) => p.mblogid!,
    complaint: {
      kind: 'report-page', prefix: 'https://service.account.weibo.com/reportspam',
      postOnPage: () => document.querySelector('[data-rid]')?.getAttribute('data-rid') ?? null,
      // The report page takes the numeric mid; weibo.com's URLs carry the base62 mblogid.
      expected: (p) => p.id,
    },
  },
];

const PANEL = 'inkseal-panel';

async function fill(page: TabPage, values: Record<string, string>): Promise<void> {
  await page.evaluate((v) => {
    for (const [id, value] of Object.entries(v)) {
      const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"]`);
      if (!el) throw new Error(`no field ${id}`);
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, values);
}

const text = (page: TabPage, testid: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testid);

/** Opens the panel of the flagged post's badge with a real click. */
async function openPanel(page: TabPage, panelUrl: string, postId: string): Promise<void> {
  const badge = `inkseal-badge[data-post-id="${postId}"]`;
  await until(() => page.evaluate((s) => document.querySelector(s) !== null, badge), Boolean, 90_000);
  await page.click(badge);
  await page.frameEvaluate(panelUrl, () => new Promise<boolean>((ok) => {
    const ready = () => document.querySelector('[data-testid="report"]') ? ok(true) : requestAnimationFrame(ready);
    ready();
  }));
}

describe.each(BROWSERS)('%s: report flow', (browser) => {
  let ext: ExtensionSession;
  const feeds = new Map<string, { posts: PublishedPost[]; target: PublishedPost; image: StoredImage; work: { name: string } }>();

  beforeAll(async () => {
    // The permissions of a fresh install; clipboardRead only so the test can read what a person would paste.
    ext = await launchWithGallery(browser, works, { sitesPort: server.port, grantedPermissions: ['clipboardRead'] });
    const plain = await corpusImages(8);
    const xhsImage = await repost(works[0]!.data, 'reencoded');
    const xhs = await server.setSite('xiaohongshu', feed(plain, [{ at: 1, image: xhsImage }]));
    feeds.set('xiaohongshu', { posts: xhs, target: xhs[1]!, image: xhsImage, work: works[0]! });
    const weiboImage = await repost(works[1]!.data, 'mirrored-crop');
    const weibo = await server.setSite('weibo', feed(plain, [{ at: 1, image: weiboImage }]));
    feeds.set('weibo', { posts: weibo, target: weibo[1]!, image: weiboImage, work: works[1]! });
  });
  afterAll(async () => ext?.close());

  test.each(SITES)('$id: panel hittable and private; Report → notice, complaint page, case, bundle', async (site) => {
    const { target, image, work } = feeds.get(site.id)!;
    const panelUrl = ext.extensionUrl('src/panel/index.html');
    const page = await ext.newPage();
    await page.addInitScript(SPY);
    await page.goto(site.feedUrl);
    await openPanel(page, panelUrl, site.badgeId(target));

    // Every control of the panel is where a person can hit it: inside the viewport, not covered by the card.
    for (const control of ['report', 'not-mine', 'authorise', 'all-findings', 'close']) {
      const hit = await page.hitInFrame(PANEL, panelUrl, `[data-testid="${control}"]`);
      expect(hit.problem ?? 'hittable', `${control}`).toBe('hittable');
    }
    // The frame shows the work; the page around it cannot see its name or picture anywhere.
    const shown = await page.frameEvaluate(panelUrl, () => ({
      name: document.querySelector('[data-testid="panel-work-name"]')?.textContent ?? '',
      thumb: document.querySelector<HTMLImageElement>('[data-testid="panel-work-thumb"]')?.src ?? '',
    }));
    expect(shown.name).toContain(work.name);
    expect(shown.thumb).toMatch(/^data:image\//);
    const seen = await page.evaluate(([name, thumb]) => ({
      inDom: document.documentElement.outerHTML.includes(name) || document.documentElement.innerText.includes(name),
      // The thumbnail's bytes, wherever they might have been put (src, style, attribute).
      thumbnail: document.documentElement.outerHTML.includes(thumb.slice(30, 130)),
      roots: (window as unknown as { __roots: ShadowRoot[] }).__roots.length,
      badgeRoots: [...document.querySelectorAll('inkseal-badge')].map((b) => b.shadowRoot),
      panelRoot: document.querySelector('inkseal-panel')?.shadowRoot ?? null,
      frames: [...document.querySelectorAll('iframe')].map((f) => f.src),
    }), [work.name, shown.thumb] as const);
    expect(seen).toEqual({ inDom: false, thumbnail: false, roots: 0, badgeRoots: [null], panelRoot: null, frames: [] });

    // Report: the report page opens beside the post, with the evidence captured.
    const findingId = await page.frameEvaluate(panelUrl, () => document.querySelector<HTMLElement>('[data-testid="panel"]')!.dataset.findingId!);
    if (site.reportFrom === 'panel') {
      await page.clickInFrame(PANEL, panelUrl, '[data-testid="report"]');
    } else {
      // The artist clicks Inkseal's toolbar button on the post's tab and presses Report in the popup.
      await ext.grantActiveTab(site.feedUrl);
      const tabId = await tabIdOf(ext, `${site.feedUrl}*`);
      const popup = await ext.newPage();
      await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
      const button = `[data-testid="finding"][data-post-id="${site.badgeId(target)}"] [data-testid="report"]`;
      await until(() => popup.evaluate((s) => document.querySelector(s) !== null, button), Boolean);
      await popup.click(button);
    }
    const report = await ext.waitForTab(ext.extensionUrl(`src/report/index.html?finding=${encodeURIComponent(findingId)}`), 30_000);
    await until(() => text(report, 'sha-post'), (s) => /[0-9a-f]{64}/.test(s), 30_000);
    expect(await text(report, 'report-verdict')).toContain(work.name);
    const postSha = (await text(report, 'sha-post')).match(/[0-9a-f]{64}/)![0];
    const workSha = (await text(report, 'sha-work')).match(/[0-9a-f]{64}/)![0];
    // The post picture hashed is the one the platform serves for this post.
    expect(postSha).toBe(sha256(image.data));
    const screenshot = await report.evaluate(() => ({
      png: document.querySelector<HTMLImageElement>('[data-testid="evidence-screenshot"]')?.src.slice(0, 22) ?? null,
      missing: document.querySelector('[data-testid="screenshot-error"]')?.getAttribute('data-code') ?? null,
    }));
    // From the popup the screenshot is there; from the panel the page says why not (and how to add one).
    expect(screenshot).toEqual(site.reportFrom === 'popup'
      ? { png: 'data:image/png;base64,', missing: null }
      : { png: null, missing: 'needs-permission' });

    // The notice, both languages, with every element the law asks for.
    await fill(report, {
      'identity-name': IDENTITY.name, 'identity-email': IDENTITY.email, 'identity-phone': IDENTITY.phone,
      'identity-address': IDENTITY.address, 'identity-signature': IDENTITY.signature,
    });
    const common = [IDENTITY.name, IDENTITY.email, IDENTITY.phone, IDENTITY.address, target.postUrl, work.name, postSha, workSha];
    await report.click('[data-testid="copy-notice-zh"]');
    const zh = await until(() => report.readClipboard(), (s) => s.includes('侵权'));
    for (const element of [...common, '《信息网络传播权保护条例》第十四条', '《民法典》第一千一百九十五条', '真实性负责', '删除', target.images[0]!.id]) {
      expect(zh, `zh notice: ${element}`).toContain(element);
    }
    await report.click('[data-testid="copy-notice-en"]');
    const en = await until(() => report.readClipboard(), (s) => s.includes('512'));
    for (const element of [...common, '512(c)(3)', `/s/ ${IDENTITY.signature}`, 'good faith', 'penalty of perjury', 'authorized to act', target.images[0]!.id]) {
      expect(en, `en notice: ${element}`).toContain(element);
    }
    expect(await text(report, 'liability-warning')).not.toBe('');

    // The platform's complaint page opens for this post; the artist submits it there.
    await report.click(`[data-testid="open-complaint"][data-kind="${site.complaint.kind}"]`);
    const complaint = await ext.waitForTab(site.complaint.prefix, 30_000);
    expect(await complaint.evaluate(site.complaint.postOnPage)).toBe(site.complaint.expected(target));
    await complaint.close();

    // The case is logged…
    await report.click('[data-testid="log-case"]');
    const status = await until(() => report.evaluate(() => document.querySelector('[data-testid="case"]')?.getAttribute('data-status') ?? ''), Boolean);
    // The post's own panel now says the report was made.
    await page.click(`inkseal-badge[data-post-id="${site.badgeId(target)}"]`);
    expect(await until(() => page.frameEvaluate(panelUrl, () => document.querySelector('[data-testid="panel-case"]')?.textContent ?? ''), Boolean))
      .toMatch(/today/);
    // …and the evidence bundle holds every file, each matching SHA256SUMS and the stored pictures.
    await report.click('[data-testid="download-bundle"]');
    const zip = unzipSync(new Uint8Array(readFileSync(await ext.waitForDownload(/^inkseal-evidence-.*\.zip$/, 30_000))));
    const names = Object.keys(zip).sort();
    for (const required of ['report.html', 'record.json', 'SHA256SUMS', 'notice-zh.txt', 'notice-en.txt']) expect(names).toContain(required);
    expect(names.includes('screenshot.png')).toBe(site.reportFrom === 'popup');
    const post = names.find((n) => n.startsWith('post.'))!;
    const workFile = names.find((n) => n.startsWith('work.'))!;
    const sums = new TextDecoder().decode(zip['SHA256SUMS']).trim().split('\n').map((l) => l.split(/\s+/));
    expect(sums.map(([, n]) => n).sort()).toEqual(names.filter((n) => n !== 'SHA256SUMS'));
    for (const [hash, name] of sums) expect(sha256(zip[name!]!), name).toBe(hash);
    expect(sha256(zip[post]!)).toBe(postSha);
    expect(sha256(zip[workFile]!)).toBe(workSha);
    // The work in the bundle is the artist's work exactly as the gallery stores it.
    const stored = await ext.extensionEval(() => new Promise<string[]>((ok, fail) => {
      const open = indexedDB.open('inkseal');
      open.onsuccess = () => {
        const all = open.result.transaction('workFiles').objectStore('workFiles').getAll();
        all.onsuccess = () => ok((all.result as { image: string }[]).map((w) => w.image));
        all.onerror = () => fail(all.error);
      };
      open.onerror = () => fail(open.error);
    }));
    const storedShas = stored.map((d) => sha256(Buffer.from(d.slice(d.indexOf(',') + 1), 'base64')));
    expect(storedShas).toContain(workSha);

    // The Findings page lists the finding with its case.
    const findings = await ext.newPage();
    await findings.goto(ext.extensionUrl('src/findings/index.html?tab=cases'));
    const cases = await until(() => findings.evaluate((postUrl) => [...document.querySelectorAll('[data-testid="case-row"]')]
      .filter((r) => r.innerHTML.includes(postUrl.replace(/&/g, '&amp;')) || r.textContent!.includes(postUrl))
      .map((r) => r.getAttribute('data-status')), target.postUrl), (c) => c.length > 0);
    expect(cases).toEqual([status]);
    await findings.close();
    await report.close();
    await page.close();
  });
  test('Findings page: filter by site, search by author, select all and export CSV and JSON', async () => {
    // Runs after the two reports above: one finding per site, both reported by the same account.
    const page = await ext.newPage();
    await page.goto(ext.extensionUrl('src/findings/index.html'));
    const rows = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="finding-row"]')]
      .map((r) => `${r.getAttribute('data-site')}:${r.getAttribute('data-status')}`).sort());
    expect(await until(rows, (r) => r.length >= 2)).toEqual(['weibo:open', 'xiaohongshu:open']);
    const set = (testid: string, value: string) => page.evaluate(([id, v]) => {
      const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid="${id}"]`)!;
      el.value = v;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }, [testid, value] as const);

    await set('filter-site', 'weibo');
    expect(await until(rows, (r) => r.length === 1)).toEqual(['weibo:open']);
    await set('filter-site', '');
    await set('search-author', '没有这个人');
    await until(() => page.evaluate(() => document.querySelector('[data-testid="empty"]') !== null), Boolean);
    await set('search-author', '搬运');
    expect(await until(rows, (r) => r.length === 2)).toHaveLength(2);

    await page.click('[data-testid="select-all"]');
    await page.click('[data-testid="export-csv"]');
    const csv = readFileSync(await ext.waitForDownload(/^inkseal-findings-.*\.csv$/, 30_000), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,status,kind,site,post_url/);
    expect(lines).toHaveLength(3);
    for (const site of SITES) expect(csv).toContain(feeds.get(site.id)!.target.postUrl);
    await page.click('[data-testid="export-json"]');
    const json = JSON.parse(readFileSync(await ext.waitForDownload(/^inkseal-findings-.*\.json$/, 30_000), 'utf8')) as { findings: { site: string }[] };
    expect(json.findings.map((f) => f.site).sort()).toEqual(['weibo', 'xiaohongshu']);
    // Report from the list: the report page opens, its evidence saying the post's tab was not where Report was pressed.
    const row = await page.evaluate(() => document.querySelector('[data-testid="finding-row"][data-site="weibo"]')!.getAttribute('data-finding-id')!);
    await page.click(`[data-testid="finding-row"][data-finding-id="${row}"] [data-testid="report"]`);
    const report = await ext.waitForTab(ext.extensionUrl(`src/report/index.html?finding=${encodeURIComponent(row)}`), 30_000);
    expect(await until(() => report.evaluate(() => document.querySelector('[data-testid="screenshot-error"]')?.getAttribute('data-code') ?? ''), Boolean))
      .toBe('away');
    await report.close();
    await page.close();
  });
});
