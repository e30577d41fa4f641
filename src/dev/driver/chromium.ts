// Chromium: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded browser). Host names are
// mapped to the stand-in sites with --host-resolver-rules; the model host is the offscreen document.
import { chromium, type BrowserContext, type Download, type Frame, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { hostResolverRules } from '../stand-ins/server';
import { until } from '../until';
import { clickInFrame, frameEvaluate, hitInFrame, pagePoint, readClipboard, STEP_MS, within, type Evaluate, type FrameAccess } from './frames';
import { grantedCopy, hasGrants } from './granted';
import { viewportCentre } from './in-page';
import type { ExtensionSession, LaunchOptions, TabPage } from './types';

export const CHROMIUM = process.env.INKSEAL_CHROMIUM ?? '/usr/bin/chromium';
const WAIT_MS = 15_000;

/** The Chromium session also exposes Playwright's own handles, for the benchmarks' CDP measurements. */
export interface ChromiumSession extends ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/**
 * A Playwright page behind the common TabPage interface (the benchmarks keep the page for CDP). `clipboard`: the
 * extension page that reads the clipboard (the session's own), else this page.
 */
export function chromiumTab(page: Page, clipboard?: TabPage['evaluate']): TabPage {
  const evaluate: TabPage['evaluate'] = (fn, arg) => within(STEP_MS, page.evaluate(fn, arg as never), `evaluate in ${page.url()}`);
  // Playwright reaches an out-of-process extension frame itself; loaded, so the panel's script has run.
  const frames: FrameAccess = {
    evaluate,
    loadedFrames: async (urlPrefix) => {
      const loaded: Frame[] = [];
      for (const f of page.frames()) {
        if (f.url().startsWith(urlPrefix) && (await within(5_000, f.evaluate(() => document.readyState)).catch(() => '')) === 'complete') loaded.push(f);
      }
      return loaded.map((f): Evaluate => (fn, arg) => f.evaluate(fn, arg as never));
    },
  };
  // The tab comes to the front first, as it is for a person clicking in it. Without it a click once went unanswered
  // for STEP_MS on a loaded machine (npm test beside bench:quality) while another tab of the session was active: a
  // background tab's renderer is throttled, and the click waits for it.
  const mouseClick = (x: number, y: number) => within(STEP_MS, (async () => {
    await page.bringToFront();
    // A click that opens a tab (Report in the panel) puts this one in the background, and the answer to its
    // release can then wait on a throttled renderer: it did for STEP_MS once in CI on a loaded machine. The click
    // has done its work once the tab it opened exists (only a release runs a click's handler); whatever the test
    // expects of it is checked there.
    const context = page.context();
    let onPage = () => {};
    const opened = new Promise<void>((ok) => { onPage = ok; context.on('page', onPage); });
    const clicked = page.mouse.click(x, y);
    // Left unanswered, the click may still fail when its page closes: no longer this step's failure.
    clicked.catch(() => undefined);
    try {
      await Promise.race([clicked, opened]);
    } finally {
      context.off('page', onPage);
    }
  })(), `click at ${x},${y}`);
  return {
    goto: async (url) => { await page.goto(url); },
    url: async () => page.url(),
    evaluate,
    addInitScript: async (source) => { await page.addInitScript(source); },
    setInputFiles: (selector, files) => page.setInputFiles(selector, files),
    wheel: async (deltaY) => {
      const c = await page.evaluate(viewportCentre);
      await page.mouse.move(c.x, c.y);
      await page.mouse.wheel(0, deltaY);
    },
    click: async (selector) => {
      const p = await pagePoint(evaluate, selector);
      await mouseClick(p.x, p.y);
    },
    frameEvaluate: (urlPrefix, fn, arg) => frameEvaluate(frames, urlPrefix, fn, arg),
    hitInFrame: (host, urlPrefix, selector) => hitInFrame(frames, host, urlPrefix, selector),
    clickInFrame: (host, urlPrefix, selector) => clickInFrame(frames, mouseClick, host, urlPrefix, selector),
    // To the front first, as for a click (mouseClick): a key sent to a background tab waited for STEP_MS once in
    // four full runs on a loaded machine (decisions.test.ts, Escape).
    press: (key) => within(STEP_MS, page.bringToFront().then(() => page.keyboard.press(key)), `pressing ${key}`),
    readClipboard: () => readClipboard(clipboard ?? evaluate),
    screenshot: async (path, options) => { await page.screenshot({ path, fullPage: options?.fullPage }); },
    close: () => page.close(),
  };
}

/** `args`: extra Chromium switches (the benchmarks expose gc and precise memory figures). */
export async function launchChromium(opts: LaunchOptions & { args?: string[] }): Promise<ChromiumSession> {
  const built = resolve(opts.dist ?? 'dist/chrome');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error(`${built} is not built: run npm run build first`);
  const profile = opts.profileDir ? resolve(opts.profileDir) : mkdtempSync(join(tmpdir(), 'inkseal-profile-'));
  mkdirSync(profile, { recursive: true });
  const grants = { hosts: opts.grantedHosts, permissions: opts.grantedPermissions };
  // In a kept profile the copy keeps its path, hence its extension id, hence the data stored under that id.
  const dist = hasGrants(grants) ? grantedCopy(built, grants, opts.profileDir ? join(profile, 'inkseal-extension') : undefined) : built;
  const downloadsDir = mkdtempSync(join(tmpdir(), 'inkseal-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1200, height: 900 },
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    // Chromium on Linux takes its interface language from the environment as well as --lang.
    env: { ...process.env, LANGUAGE: (opts.locale ?? 'en-US').replace('-', '_'), LANG: 'C.UTF-8' },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--host-resolver-rules=${hostResolverRules(opts.sitesPort)}`,
      '--ignore-certificate-errors',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--lang=${opts.locale ?? 'en-US'}`,
      // Lets grantActiveTab press the toolbar button through the DevTools protocol (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      ...(opts.args ?? []),
    ],
  });
  const errors: string[] = [];
  context.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`); });
  context.on('weberror', (e) => errors.push(String(e.error())));

  // Playwright reports downloads per page; each is saved under its own name (made unique) as it finishes.
  const downloads: string[] = [];
  const failedDownloads: string[] = [];
  const taken = new Set<string>();
  const save = async (d: Download) => {
    const name = d.suggestedFilename();
    let dest = join(downloadsDir, name);
    for (let i = 1; taken.has(dest); i++) dest = join(downloadsDir, name.replace(/(\.[^.]*)?$/, `(${i})$1`));
    taken.add(dest);
    try {
      await d.saveAs(dest);
      downloads.push(dest);
    } catch (err) {
      failedDownloads.push(`${name}: ${String(err)}`);
    }
  };
  const watchDownloads = (p: Page) => p.on('download', (d) => void save(d));
  context.pages().forEach(watchDownloads);
  context.on('page', watchDownloads);

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;

  // Opened first, so it never comes to the front over a page under test (a hidden tab gets no frames, and
  // a wheel turn waits for one).
  const control = context.pages()[0] ?? (await context.newPage());
  await control.goto(extensionUrl('src/popup/index.html'));
  const driverTabs = new Set<Page>([control]);
  const extensionEval: ExtensionSession['extensionEval'] = (fn, arg) => within(STEP_MS, control.evaluate(fn, arg as never), 'evaluate in the extension page');
  const handedOut = new Set<string>();

  const closed = new Promise<void>((done) => context.once('close', () => done()));
  return {
    browser: 'chromium',
    closed,
    context,
    worker,
    extensionId,
    extensionUrl,
    newPage: async () => {
      const page = await context.newPage();
      driverTabs.add(page);
      return chromiumTab(page, extensionEval);
    },
    waitForTab: async (urlPrefix, timeoutMs = WAIT_MS) => {
      const find = async () => context.pages().find((p) => !driverTabs.has(p) && p.url().startsWith(urlPrefix));
      const page = await until(find, (p): p is Page => p !== undefined, timeoutMs, 100)
        .catch((err: Error) => { throw new Error(`no tab opened at ${urlPrefix}: ${err.message}`); });
      await page!.waitForLoadState('load');
      return chromiumTab(page!, extensionEval);
    },
    waitForDownload: async (name, timeoutMs = WAIT_MS) => {
      const next = async () => downloads.find((p) => !handedOut.has(p) && name.test(basename(p)));
      const path = await until(next, (p): p is string => p !== undefined, timeoutMs, 100).catch((err: Error) => {
        throw new Error(`no finished download matching ${name}: ${err.message}; finished ${JSON.stringify(downloads)}, failed ${JSON.stringify(failedDownloads)}`);
      });
      handedOut.add(path!);
      return path!;
    },
    extensionEval,
    grantActiveTab: async (urlPrefix) => {
      const cdp = await context.browser()!.newBrowserCDPSession();
      try {
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never) as { targetInfos: { targetId: string; url: string }[] };
        const target = targetInfos.find((t) => t.url.startsWith(urlPrefix));
        if (!target) throw new Error(`no tab at ${urlPrefix}`);
        const popups = () => context.pages().filter((p) => p.url().startsWith(extensionUrl('src/popup/')) && p !== control);
        const before = new Set(popups());
        await within(10_000, cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: target.targetId } as never));
        // The click opens the popup as well; only the grant is wanted here (tests open the popup as a page).
        for (const p of popups()) if (!before.has(p)) await p.close();
      } finally {
        await cdp.detach();
      }
    },
    stopBackground: async () => {
      await within(STEP_MS, (async () => {
        const cdp = await context.newCDPSession(control);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      })(), 'stopping the service worker');
    },
    consoleErrors: () => [...errors],
    close: async () => {
      await within(STEP_MS, context.close(), 'closing Chromium');
      if (!opts.profileDir) rmSync(profile, { recursive: true, force: true });
      if (dist !== built && !opts.profileDir) rmSync(dist, { recursive: true, force: true });
      rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
}
