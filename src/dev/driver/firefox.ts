// Firefox: Debian's firefox-esr driven by puppeteer-core 24 over WebDriver BiDi (never a downloaded browser).
// The built extension is installed as a temporary add-on under a preset internal UUID, so its pages have known
// moz-extension:// URLs; host names reach the stand-in sites through a local CONNECT proxy; the model host is
// the event page itself (Firefox has no offscreen API).
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAPPED_HOSTS } from '../stand-ins/server';
import { grantedCopy } from './granted';
import { startHostProxy } from './host-proxy';
import { until } from '../until';
import { hitPoint, viewportCentre } from './in-page';
import type { ExtensionSession, LaunchOptions, TabPage } from './types';

export const FIREFOX = process.env.INKSEAL_FIREFOX ?? '/usr/bin/firefox-esr';
const NAV_TIMEOUT_MS = 30_000;

function tab(page: Page, uploads: string): TabPage {
  /**
   * Over BiDi a navigation to a moz-extension:// or about: page never reports completion to puppeteer (it
   * times out), so every goto is started without waiting and the document itself is asked when it is the
   * requested one and loaded; a web page's own navigation is awaited as well, to surface its errors.
   */
  const goto = async (url: string) => {
    const started = page.goto(url, { timeout: NAV_TIMEOUT_MS }).catch(() => undefined);
    await until(() => page.evaluate(() => [location.href, document.readyState]),
      ([href, state]) => href === url && state === 'complete', NAV_TIMEOUT_MS, 50);
    if (/^https?:/.test(url)) await started;
  };
  return {
    goto,
    url: () => page.evaluate(() => location.href),
    evaluate: async (fn, arg) => {
      // Results cross as JSON: BiDi sends an object met twice as a bare reference, which puppeteer turns into
      // null (two findings sharing one post object lost it), where Playwright keeps both copies.
      const args = arg === undefined ? '' : JSON.stringify(arg);
      const json = await page.evaluate(`(async () => {
        const r = await (${fn.toString()})(${args});
        return r === undefined ? undefined : JSON.stringify(r);
      })()`) as string | undefined;
      return (json === undefined ? undefined : JSON.parse(json)) as never;
    },
    addInitScript: async (source) => { await page.evaluateOnNewDocument(source); },
    setInputFiles: async (selector, files) => {
      // uploadFile takes paths; the file names are kept, as the gallery titles works by them.
      const dir = mkdtempSync(join(uploads, 'f-'));
      const paths = files.map((f, i) => {
        mkdirSync(join(dir, String(i)));
        const p = join(dir, String(i), f.name);
        writeFileSync(p, f.buffer);
        return p;
      });
      const input = await page.waitForSelector(selector, { timeout: NAV_TIMEOUT_MS });
      await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(...paths);
    },
    wheel: async (deltaY) => {
      const c = await page.evaluate(viewportCentre);
      await page.mouse.move(c.x, c.y);
      await page.mouse.wheel({ deltaY });
    },
    click: async (selector) => {
      const p = await page.evaluate(hitPoint, selector);
      await page.mouse.click(p.x, p.y);
    },
    screenshot: async (path, options) => { await page.screenshot({ path, fullPage: options?.fullPage }); },
    close: () => page.close(),
  };
}

export async function launchFirefox(opts: LaunchOptions): Promise<ExtensionSession> {
  const built = resolve(opts.dist ?? 'dist/firefox');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error(`${built} is not built: run npm run build:firefox first`);
  const dist = opts.grantedHosts?.length ? grantedCopy(built, opts.grantedHosts) : built;
  const gecko = (JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
    .browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const profile = mkdtempSync(join(tmpdir(), 'inkseal-ff-profile-'));
  const uploads = mkdtempSync(join(tmpdir(), 'inkseal-ff-uploads-'));
  const proxy = await startHostProxy(opts.sitesPort, MAPPED_HOSTS);
  const errors: string[] = [];
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: opts.headless ?? true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      defaultViewport: { width: 1200, height: 900 },
      // System access lets the driver use about:debugging, the one place that stops an event page on demand.
      args: ['-remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [gecko]: uuid }),
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'intl.locale.requested': 'en-US',
        'intl.accept_languages': 'en-US, en',
        // Extension and page errors also go to stdout, where consoleErrors() collects the background's.
        'devtools.console.stdout.content': true,
      },
    });
  } catch (err) {
    await proxy.close();
    throw err;
  }
  browser.process()?.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/^console\.error|JavaScript error/.test(line)) errors.push(line);
  });
  await browser.installExtension(dist);
  const extensionUrl = (path: string) => `moz-extension://${uuid}/${path}`;
  const watch = (page: Page) => {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(String(e)));
    return page;
  };

  // Opened first, so it never comes to the front over a page under test.
  const control = tab(watch((await browser.pages())[0] ?? (await browser.newPage())), uploads);
  await control.goto(extensionUrl('src/popup/index.html'));

  const closed = new Promise<void>((done) => browser.once('disconnected', () => done()));
  return {
    browser: 'firefox',
    closed,
    extensionUrl,
    newPage: async () => tab(watch(await browser.newPage()), uploads),
    extensionEval: (fn, arg) => control.evaluate(fn, arg),
    stopBackground: async () => {
      // about:debugging's "Terminate background script" is Firefox's own idle suspension, on demand.
      const page = await browser.newPage();
      await tab(page, uploads).goto('about:debugging#/runtime/this-firefox');
      // Clicks the extension's button once it is listed, then reports the card's state until it says Stopped.
      const step = () => page.evaluate((id) => {
        const card = [...document.querySelectorAll('li')].find((li) => li.textContent?.includes(id));
        if (/Background script\s*Stopped/.test(card?.textContent ?? '')) return 'stopped';
        const button = card && [...card.querySelectorAll('button')].find((b) => /Terminate background/.test(b.textContent ?? ''));
        button?.click();
        return button ? 'clicked' : 'not listed';
      }, gecko);
      await until(step, (s) => s === 'stopped', NAV_TIMEOUT_MS, 100);
      await page.close();
    },
    consoleErrors: () => [...errors],
    close: async () => {
      if (browser.connected) await browser.close();
      await proxy.close();
      for (const dir of [profile, uploads]) rmSync(dir, { recursive: true, force: true });
      if (dist !== built) rmSync(dist, { recursive: true, force: true });
    },
  };
}
