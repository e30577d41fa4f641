// Chromium: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded browser). Host names are
// mapped to the stand-in sites with --host-resolver-rules; the model host is the offscreen document.
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostResolverRules } from '../stand-ins/server';
import { grantedCopy } from './granted';
import { hitPoint, viewportCentre } from './in-page';
import type { ExtensionSession, LaunchOptions, TabPage } from './types';

export const CHROMIUM = process.env.INKSEAL_CHROMIUM ?? '/usr/bin/chromium';

/** The Chromium session also exposes Playwright's own handles, for the benchmarks' CDP measurements. */
export interface ChromiumSession extends ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/** A Playwright page behind the common TabPage interface (the benchmarks keep the page for CDP). */
export function chromiumTab(page: Page): TabPage {
  return {
    goto: async (url) => { await page.goto(url); },
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    addInitScript: async (source) => { await page.addInitScript(source); },
    setInputFiles: (selector, files) => page.setInputFiles(selector, files),
    wheel: async (deltaY) => {
      const c = await page.evaluate(viewportCentre);
      await page.mouse.move(c.x, c.y);
      await page.mouse.wheel(0, deltaY);
    },
    click: async (selector) => {
      const p = await page.evaluate(hitPoint, selector);
      await page.mouse.click(p.x, p.y);
    },
    screenshot: async (path, options) => { await page.screenshot({ path, fullPage: options?.fullPage }); },
    close: () => page.close(),
  };
}

/** `args`: extra Chromium switches (the benchmarks expose gc and precise memory figures). */
export async function launchChromium(opts: LaunchOptions & { args?: string[] }): Promise<ChromiumSession> {
  const built = resolve(opts.dist ?? 'dist/chrome');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error(`${built} is not built: run npm run build first`);
  const dist = opts.grantedHosts?.length ? grantedCopy(built, opts.grantedHosts) : built;
  const profile = mkdtempSync(join(tmpdir(), 'inkseal-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1200, height: 900 },
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--host-resolver-rules=${hostResolverRules(opts.sitesPort)}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--lang=en-US',
      ...(opts.args ?? []),
    ],
  });
  const errors: string[] = [];
  context.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`); });
  context.on('weberror', (e) => errors.push(String(e.error())));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;

  // Opened first, so it never comes to the front over a page under test (a hidden tab gets no frames, and
  // a wheel turn waits for one).
  const control = context.pages()[0] ?? (await context.newPage());
  await control.goto(extensionUrl('src/popup/index.html'));

  const closed = new Promise<void>((done) => context.once('close', () => done()));
  return {
    browser: 'chromium',
    closed,
    context,
    worker,
    extensionId,
    extensionUrl,
    newPage: async () => chromiumTab(await context.newPage()),
    extensionEval: (fn, arg) => control.evaluate(fn, arg as never),
    stopBackground: async () => {
      const cdp = await context.newCDPSession(control);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    consoleErrors: () => [...errors],
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (dist !== built) rmSync(dist, { recursive: true, force: true });
    },
  };
}
