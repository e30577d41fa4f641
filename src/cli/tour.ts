// `npm start -- --headless --tour docs/screenshots`: after the demo feed is scanned, walks the report flow as an
// artist would and saves what they see — the panel beside a flagged post, the report page, the Findings page —
// and the gallery, for the README. Uses the same hit-tested clicks as the browser tests.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtensionSession, TabPage } from '../dev/driver';
import { until } from '../dev/until';

const IDENTITY: Record<string, string> = {
  'identity-name': '林小墨', 'identity-email': 'xiaomo@example.cn', 'identity-phone': '+86 138 0000 0000',
  'identity-address': '上海市徐汇区漕溪北路 88 号', 'identity-signature': '林小墨',
};

export async function tour(ext: ExtensionSession, feed: TabPage, dir: string): Promise<void> {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const panelUrl = ext.extensionUrl('src/panel/index.html');
  await feed.click('inkseal-badge');
  // (No named helpers inside page functions: tsx would wrap them in a helper the page does not have.)
  await until(() => feed.frameEvaluate(panelUrl, () => document.querySelector('[data-testid="report"]') !== null), Boolean);
  // Thumbnails decode after the frame renders.
  await feed.frameEvaluate(panelUrl, () => Promise.all([...document.images].map((i) => i.decode().catch(() => undefined))));
  await feed.screenshot(join(out, 'panel.png'));
  await feed.clickInFrame('inkseal-panel', panelUrl, '[data-testid="report"]');

  const report = await ext.waitForTab(ext.extensionUrl('src/report/index.html'), 30_000);
  await until(() => report.evaluate(() => document.querySelector('[data-testid="sha-post"]')?.textContent ?? ''), (s) => /[0-9a-f]{64}/.test(s), 30_000);
  await report.evaluate((values) => {
    for (const [id, value] of Object.entries(values)) {
      const el = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, IDENTITY);
  await report.click('[data-testid="log-case"]');
  await until(() => report.evaluate(() => document.querySelector('[data-testid="case"]') !== null), Boolean);
  await report.screenshot(join(out, 'report.png'), { fullPage: true });

  const findings = await ext.newPage();
  await findings.goto(ext.extensionUrl('src/findings/index.html'));
  await until(() => findings.evaluate(() => document.querySelectorAll('[data-testid="finding-row"]').length), (n) => n > 0, 30_000);
  await findings.evaluate(() => Promise.all([...document.images].map((i) => i.decode().catch(() => undefined))));
  await findings.screenshot(join(out, 'findings.png'));
  const gallery = await ext.newPage();
  await gallery.goto(ext.extensionUrl('src/gallery/index.html'));
  await until(() => gallery.evaluate(() => document.querySelectorAll('[data-testid="work"]').length), (n) => n > 0, 30_000);
  await gallery.screenshot(join(out, 'gallery.png'), { fullPage: true });
  console.log(`Tour: ${out}/panel.png, report.png, findings.png, gallery.png`);
}
