// Firefox: Debian's firefox-esr driven by puppeteer-core 24 over WebDriver BiDi (never a downloaded browser).
// The built extension is installed as a temporary add-on under a preset internal UUID, so its pages have known
// moz-extension:// URLs; host names reach the stand-in sites through a local CONNECT proxy; the model host is
// the event page itself (Firefox has no offscreen API).
import puppeteer, { type Browser, type Frame, type KeyInput, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { MAPPED_HOSTS } from '../stand-ins/server';
import { grantedCopy, hasGrants } from './granted';
import { startHostProxy } from './host-proxy';
import { until } from '../until';
import { clickInFrame, frameEvaluate, hitInFrame, pagePoint, readClipboard, within, type Evaluate, type FrameAccess } from './frames';
import { viewportCentre } from './in-page';
import type { ExtensionSession, LaunchOptions, TabPage } from './types';

export const FIREFOX = process.env.INKSEAL_FIREFOX ?? '/usr/bin/firefox-esr';
const NAV_TIMEOUT_MS = 30_000;
const WAIT_MS = 15_000;

/**
 * Results cross as JSON: BiDi sends an object met twice as a bare reference, which puppeteer turns into null (two
 * findings sharing one post object lost it), where Playwright keeps both copies.
 */
async function jsonEvaluate<R, A>(target: Page | Frame, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const args = arg === undefined ? '' : JSON.stringify(arg);
  const json = await target.evaluate(`(async () => {
    const r = await (${fn.toString()})(${args});
    return r === undefined ? undefined : JSON.stringify(r);
  })()`) as string | undefined;
  return (json === undefined ? undefined : JSON.parse(json)) as R;
}

/** The two calls on puppeteer's BiDi connection that the driver needs beyond its public API (see pageOf). */
interface BidiLink {
  send(method: string, params: object): Promise<{ result: unknown }>;
  emit(type: string, event: unknown): boolean;
}
interface TopContext { context: string; url: string; userContext: string; originalOpener: string | null; clientWindow: string }

/** `clipboard`: the extension page that reads the clipboard (the session's own), else this page. */
function tab(page: Page, uploads: string, clipboard?: TabPage['evaluate']): TabPage {
  /**
   * Over BiDi a navigation to a moz-extension:// or about: page never reports completion to puppeteer (it
   * times out), so every goto is started without waiting and the document itself is asked when it is the
   * requested one and loaded; a web page's own navigation is awaited as well, to surface its errors.
   */
  const goto = async (url: string) => {
    // The document being left is marked first: going to the URL already shown (a reload of the Gallery page),
    // the old document matches that URL and is complete, and was taken for the new one — the next click landed
    // on the page being replaced (sources.test.ts failed so, in full runs, when the navigation was slow).
    type Marked = { __inksealLeaving?: string };
    const leaving = `${Date.now()}.${Math.random()}`;
    await page.evaluate((m) => { (window as Marked).__inksealLeaving = m; }, leaving).catch(() => undefined);
    const started = page.goto(url, { timeout: NAV_TIMEOUT_MS }).catch(() => undefined);
    await until(() => page.evaluate((m) => [location.href, document.readyState, (window as Marked).__inksealLeaving === m] as const, leaving),
      ([href, state, old]) => href === url && state === 'complete' && !old, NAV_TIMEOUT_MS, 50);
    if (/^https?:/.test(url)) await started;
  };
  const evaluate: TabPage['evaluate'] = (fn, arg) => jsonEvaluate(page, fn, arg);
  // BiDi lists the out-of-process extension frame as a child browsing context of the tab, but puppeteer keeps
  // its url() at about:blank (as for a moz-extension:// tab), so each frame's document is asked. Loaded, so
  // the panel's script has run.
  const frames: FrameAccess = {
    evaluate,
    loadedFrames: async (urlPrefix) => {
      const loaded: Frame[] = [];
      for (const f of page.frames()) {
        const [href, state] = await within(5_000, f.evaluate(() => [location.href, document.readyState] as const)).catch(() => ['', ''] as const);
        if (href.startsWith(urlPrefix) && state === 'complete') loaded.push(f);
      }
      return loaded.map((f): Evaluate => (fn, arg) => jsonEvaluate(f, fn, arg));
    },
  };
  const mouseClick = (x: number, y: number) => page.mouse.click(x, y);
  return {
    goto,
    url: () => page.evaluate(() => location.href),
    evaluate,
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
      const p = await pagePoint(evaluate, selector);
      await mouseClick(p.x, p.y);
    },
    frameEvaluate: (urlPrefix, fn, arg) => frameEvaluate(frames, urlPrefix, fn, arg),
    hitInFrame: (host, urlPrefix, selector) => hitInFrame(frames, host, urlPrefix, selector),
    clickInFrame: (host, urlPrefix, selector) => clickInFrame(frames, mouseClick, host, urlPrefix, selector),
    press: (key) => page.keyboard.press(key as KeyInput),
    readClipboard: () => readClipboard(clipboard ?? evaluate),
    screenshot: async (path, options) => { await page.screenshot({ path, fullPage: options?.fullPage }); },
    close: () => page.close(),
  };
}

/**
 * The UUID a kept profile's extension is installed under, the same at every launch: the moz-extension:// origin,
 * which IndexedDB is keyed by, is made of it.
 */
function profileUuid(profile: string): string {
  const file = join(profile, 'inkseal-extension-uuid');
  if (!existsSync(file)) writeFileSync(file, randomUUID());
  return readFileSync(file, 'utf8').trim();
}

/**
 * The files Firefox has finished. A download is written to a `.part` file whose name need not resemble the final
 * one (it starts as a random name, before the file name is known), beside an empty placeholder under the final
 * name; so nothing counts while any `.part` is in the folder, and a file only once it kept its size and time
 * over two looks (the placeholder can appear a moment before its `.part`).
 */
function finishedFiles(dir: string, seen: Map<string, string>): string[] {
  const names = readdirSync(dir);
  const busy = names.some((n) => n.endsWith('.part'));
  return names.filter((n) => {
    const st = statSync(join(dir, n));
    const stamp = `${st.size}:${st.mtimeMs}`;
    const steady = seen.get(n) === stamp;
    seen.set(n, stamp);
    return !busy && steady;
  }).map((n) => join(dir, n));
}

/**
 * Lines Firefox's own code prints to the same stdout, not the extension's: its experiment loader (Nimbus
 * RemoteSettingsExperimentLoader, logger "RSLoader") reports that it cannot reach its server (the driver's proxy
 * reaches only the stand-ins), now and then during a session (a full run failed once on it). Firefox Labs keep that
 * loader on whatever the profile's prefs say.
 */
const FIREFOX_OWN = /^console\.error: RSLoader:/;

export async function launchFirefox(opts: LaunchOptions): Promise<ExtensionSession> {
  const built = resolve(opts.dist ?? 'dist/firefox');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error(`${built} is not built: run npm run build:firefox first`);
  const profile = opts.profileDir ? resolve(opts.profileDir) : mkdtempSync(join(tmpdir(), 'inkseal-ff-profile-'));
  mkdirSync(profile, { recursive: true });
  const grants = { hosts: opts.grantedHosts, permissions: opts.grantedPermissions };
  const dist = hasGrants(grants) ? grantedCopy(built, grants, opts.profileDir ? join(profile, 'inkseal-extension') : undefined) : built;
  const gecko = (JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
    .browser_specific_settings.gecko.id;
  const uuid = opts.profileDir ? profileUuid(profile) : randomUUID();
  const uploads = mkdtempSync(join(tmpdir(), 'inkseal-ff-uploads-'));
  const downloadsDir = mkdtempSync(join(tmpdir(), 'inkseal-downloads-'));
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
        // A kept profile's data lives under its fixed UUID (profileUuid). Uninstalling a temporary add-on would also
        // wipe it, unless these are set; ESR 140 was not seen to at quit, but a kept profile never depends on that.
        ...(opts.profileDir ? {
          'extensions.webextensions.keepStorageOnUninstall': true,
          'extensions.webextensions.keepUuidOnUninstall': true,
        } : {}),
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'intl.locale.requested': 'en-US',
        'intl.accept_languages': 'en-US, en',
        // Extension and page errors also go to stdout, where consoleErrors() collects the background's.
        'devtools.console.stdout.content': true,
        // Saves every download to the session's folder without asking, as headless Firefox cannot be answered.
        'browser.download.dir': downloadsDir,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/zip,application/octet-stream,text/csv,application/json',
      },
    });
  } catch (err) {
    await proxy.close();
    throw err;
  }
  browser.process()?.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/^console\.error|JavaScript error/.test(line) && !FIREFOX_OWN.test(line)) errors.push(line);
  });
  await browser.installExtension(dist);
  const extensionUrl = (path: string) => `moz-extension://${uuid}/${path}`;
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return page;
    watched.add(page);
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(String(e)));
    return page;
  };
  const driverTabs = new WeakSet<Page>();
  // Firefox's BiDi announces no top-level context that starts in the extension process (bug 1755014), so a tab
  // an extension page opens with window.open never becomes a puppeteer Page. getTree lists it, and it is
  // announced to puppeteer here as BiDi would have; puppeteer then drives it as any other tab.
  const bidi = (browser as unknown as { connection: BidiLink }).connection;
  const pageOf = async (c: TopContext): Promise<Page> => {
    const known = async () => (await browser.pages()).find((p) => (p.mainFrame() as unknown as { _id: string })._id === c.context);
    const page = await known();
    if (page) return page;
    bidi.emit('browsingContext.contextCreated', { ...c, children: null, parent: null });
    return (await known()) ?? Promise.reject(new Error(`puppeteer did not adopt the tab at ${c.url}`));
  };
  const driverPage = async () => {
    const page = watch(await browser.newPage());
    driverTabs.add(page);
    return page;
  };

  // Opened first, so it never comes to the front over a page under test.
  const controlPage = watch((await browser.pages())[0] ?? (await browser.newPage()));
  driverTabs.add(controlPage);
  const control = tab(controlPage, uploads);
  const extensionEval: ExtensionSession['extensionEval'] = (fn, arg) => control.evaluate(fn, arg);
  await control.goto(extensionUrl('src/popup/index.html'));
  const handedOut = new Set<string>();
  const downloadStamps = new Map<string, string>();

  const closed = new Promise<void>((done) => browser.once('disconnected', () => done()));
  return {
    browser: 'firefox',
    closed,
    extensionUrl,
    newPage: async () => tab(await driverPage(), uploads, extensionEval),
    waitForTab: async (urlPrefix, timeoutMs = WAIT_MS) => {
      // getTree's URLs are current, where puppeteer's url() lags for a moz-extension:// page.
      const find = async () => {
        const { contexts } = (await bidi.send('browsingContext.getTree', { maxDepth: 0 })).result as { contexts: TopContext[] };
        for (const c of contexts.filter((c) => c.url.startsWith(urlPrefix))) {
          const page = await pageOf(c);
          if (driverTabs.has(page)) continue;
          const state = await within(5_000, page.evaluate(() => document.readyState)).catch(() => 'not answering');
          if (state === 'complete') return page;
        }
        return undefined;
      };
      const page = await until(find, (p): p is Page => p !== undefined, timeoutMs, 100)
        .catch((err: Error) => { throw new Error(`no tab opened at ${urlPrefix}: ${err.message}`); });
      return tab(watch(page!), uploads, extensionEval);
    },
    waitForDownload: async (name, timeoutMs = WAIT_MS) => {
      const next = async () => finishedFiles(downloadsDir, downloadStamps)
        .find((p) => !handedOut.has(p) && name.test(basename(p)));
      const path = await until(next, (p): p is string => p !== undefined, timeoutMs, 100).catch((err: Error) => {
        throw new Error(`no finished download matching ${name}: ${err.message}; folder holds ${JSON.stringify(readdirSync(downloadsDir))}`);
      });
      handedOut.add(path!);
      return path!;
    },
    extensionEval,
    grantActiveTab: async (urlPrefix) => {
      // The grant a toolbar click makes, from the one privileged page the driver may script.
      const page = await driverPage();
      await tab(page, uploads).goto('about:debugging#/runtime/this-firefox');
      const granted = await until(() => page.evaluate(`(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(gecko)});
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const tab = win.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(urlPrefix)}));
        if (!tab) return false;
        ext.tabManager.addActiveTabPermission(tab);
        return ext.tabManager.hasActiveTabPermission(tab);
      })()`) as Promise<boolean>, (ok) => ok === true, NAV_TIMEOUT_MS, 200).catch(() => false);
      await page.close();
      if (!granted) throw new Error(`could not grant activeTab on ${urlPrefix}`);
    },
    stopBackground: async () => {
      // about:debugging's "Terminate background script" is Firefox's own idle suspension, on demand.
      const page = await driverPage();
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
      for (const dir of [uploads, downloadsDir]) rmSync(dir, { recursive: true, force: true });
      if (!opts.profileDir) rmSync(profile, { recursive: true, force: true });
      if (dist !== built && !opts.profileDir) rmSync(dist, { recursive: true, force: true });
    },
  };
}
