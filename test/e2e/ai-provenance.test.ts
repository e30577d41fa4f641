// The AI half on the Xiaohongshu stand-in, in both browsers: a feed picture whose own file declares AI (a signed
// C2PA manifest, a generator's PNG text chunk) — with no platform label in the post — is badged `ai-labelled` with
// its metadata evidence shown in the panel and the popup; a picture in the artist's own style (another work of the
// same clip-art artist, never in the gallery) is badged `style` and worded as a resemblance, never a copy; neither
// offers an infringement notice. Picture bytes are read from ../shared/corpus at test time, served unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { ask, tabIdOf, until } from '../support/feed';
import { addToGallery, corpusImages, feed } from '../support/scenario';
import { corpusDir } from '../support/data';
import type { TabReport } from '../../src/shared/types';

const corpus = (set: string, file: string) => readFileSync(join(corpusDir(), set, file));
/** What a message says in either UI language (the browsers' locale decides which the extension shows). */
const said = (key: string) => ['en', 'zh_CN'].map((l) => (JSON.parse(readFileSync(`assets/_locales/${l}/messages.json`, 'utf8')) as Record<string, { message: string }>)[key]!.message);

let server: FixtureServer;
let posts: PublishedPost[];
/** One artist's works from the style corpus: half as the gallery, one of the other half posted by someone else. */
const gallery = [1, 3, 5, 7].map((n) => ({ name: `mo__${n}.png`, data: corpus('style', `mo__${n}.png`) }));

beforeAll(async () => {
  server = await startFixtureServer();
  const plain = await corpusImages(4);
  posts = await server.setSite('xiaohongshu', feed(plain, [
    { at: 1, image: { data: corpus('c2pa', 'c2pa-ts__amazon-titan-g1.png'), mime: 'image/png' } },
    { at: 2, image: { data: corpus('c2pa', 'ComfyUI_examples__flux_dev_example.png'), mime: 'image/png' } },
    { at: 3, image: { data: corpus('style', 'mo__4.png'), mime: 'image/png' } },
  ]));
});
afterAll(async () => server?.close());

const badge = (page: TabPage, postId: string) => page.evaluate((id) => {
  const b = document.querySelector<HTMLElement>(`inkseal-badge[data-post-id="${id}"]`);
  return b ? { verdict: b.dataset.verdict ?? '', ai: b.dataset.ai ?? '' } : null;
}, postId);

describe.each(BROWSERS)('%s: AI provenance and style', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launch(browser, { sitesPort: server.port });
    await addToGallery(ext, gallery);
  });
  afterAll(async () => ext?.close());

  test('metadata-declared AI pictures are badged ai-labelled with their evidence; a same-style picture is badged style', async () => {
    const [c2pa, comfy, style] = [posts[1]!, posts[2]!, posts[3]!];
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    for (const p of [c2pa, comfy]) {
      expect(await until(() => badge(page, p.id), (b) => b !== null, 90_000)).toEqual({ verdict: 'ai-labelled', ai: 'metadata' });
    }
    expect(await until(() => badge(page, style.id), (b) => b !== null, 90_000)).toEqual({ verdict: 'style', ai: '' });

    // The panel of the C2PA post says which field of the file declared it.
    const panelUrl = ext.extensionUrl('src/panel/index.html');
    await page.click(`inkseal-badge[data-post-id="${c2pa.id}"]`);
    const lines = await until(() => page.frameEvaluate(panelUrl, () => [...document.querySelectorAll<HTMLElement>('[data-testid="ai-evidence-metadata"]')]
      .map((e) => `${e.dataset.source}|${e.textContent}`)), (l) => l.length > 0);
    expect(lines.some((l) => l.startsWith('c2pa|') && l.includes('trainedAlgorithmicMedia'))).toBe(true);

    // The popup: both AI posts with their metadata evidence, the style finding in the words of a resemblance.
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/explore*');
    await until(() => ask<TabReport>(ext, 'tab/report', { tabId }), (r) => r.findings.length >= 3);
    const popup = await ext.newPage();
    await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
    const shown = await until(() => popup.evaluate((ids) => ids.map((id) => {
      const post = document.querySelector(`[data-testid="post"][data-post-id="${id}"]`);
      return {
        metadata: [...(post?.querySelectorAll<HTMLElement>('[data-testid="ai-evidence-metadata"]') ?? [])].map((e) => e.dataset.source),
        platform: post?.querySelectorAll('[data-testid="ai-evidence-platform"]').length ?? 0,
        kinds: [...(post?.querySelectorAll('[data-testid="finding"] [data-testid="kind"]') ?? [])].map((e) => e.textContent),
      };
    }), [c2pa.id, comfy.id, style.id]), (s) => s.every((p) => p.metadata.length + p.kinds.length > 0));
    expect(shown[0]).toMatchObject({ metadata: ['c2pa'], platform: 0 });
    expect(shown[1]!.metadata).toContain('png-text');
    expect(said('verdict_style')).toContain(shown[2]!.kinds[0]);

    // Neither a style resemblance nor an AI label offers an infringement notice on the report page.
    const report = await ask<TabReport>(ext, 'tab/report', { tabId });
    for (const kind of ['style', 'ai-labelled'] as const) {
      const f = report.findings.find((x) => x.kind === kind)!;
      const page2 = await ext.newPage();
      await page2.goto(ext.extensionUrl(`src/report/index.html?finding=${encodeURIComponent(f.id)}`));
      const shownThere = await until(() => page2.evaluate(() => ({
        noNotice: document.querySelector('[data-testid="no-notice"]') !== null,
        notice: document.querySelector('[data-testid="notice-zh"], [data-testid="notice-en"]') !== null,
      })), (n) => n.noNotice || n.notice);
      expect(shownThere, kind).toEqual({ noNotice: true, notice: false });
      await page2.close();
    }
  });
});
