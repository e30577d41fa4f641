// The one interface the tests, the demo and the benchmarks drive a browser through, whichever browser it is.
// Node-only tooling (src/dev is never bundled into the extension); implementations in chromium.ts and firefox.ts.

export type BrowserName = 'chromium' | 'firefox';

export interface InputFile { name: string; mimeType: string; buffer: Buffer }

export interface LaunchOptions {
  /** Where the stand-in sites listen; every real host name the extension meets is mapped to this port. */
  sitesPort: number;
  headless?: boolean;
  /** The built extension; defaults to dist/chrome or dist/firefox. */
  dist?: string;
  /**
   * Host permissions to hold as if the artist had granted them (headless browsers cannot answer the prompt),
   * `<all_urls>` included. Chromium's `tabs.captureVisibleTab` takes `<all_urls>` in place of activeTab; Firefox's
   * does not under MV3 (it throws "Missing activeTab permission" unless a toolbar, menu or shortcut gesture gave it).
   */
  grantedHosts?: string[];
  /** API permissions added to the test copy of the extension only, e.g. `clipboardRead`. */
  grantedPermissions?: string[];
  /**
   * A browser profile to use, and keep, instead of a fresh one: a second launch with the same folder sees what the
   * extension stored in the first (storage.local, IndexedDB). close() leaves it; the caller removes it.
   */
  profileDir?: string;
  /**
   * The browser's interface language, which the extension's strings follow (default English). Chromium needs
   * Debian's chromium-l10n for anything else; Firefox ESR ships English only, so this is Chromium's.
   */
  locale?: 'en-US' | 'zh-CN';
}

/** Whether a person could hit a control inside an extension frame, and where (see TabPage.hitInFrame). */
export interface FrameHit {
  /** Page viewport coordinates of the control's centre: the host's corner plus the control's frame-local centre. */
  x: number;
  y: number;
  /** The point lies inside the page's viewport. */
  inViewport: boolean;
  /** The page's elementFromPoint there is the host (or inside it): no page element covers the panel there. */
  onHost: boolean;
  /** The frame's own elementFromPoint at the control's centre is the control (or inside it). */
  onControl: boolean;
  /** What is wrong, in words, when any of the three fails. */
  problem?: string;
}

/** A tab, driven the same way in both browsers. Functions passed to `evaluate` run in the page. */
export interface TabPage {
  /** Navigates and resolves once the document has loaded (extension pages included). */
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Runs `source` in the main world before any page script, on every navigation. */
  addInitScript(source: string): Promise<void>;
  setInputFiles(selector: string, files: InputFile[]): Promise<void>;
  /** A real mouse-wheel turn over the middle of the viewport. */
  wheel(deltaY: number): Promise<void>;
  /**
   * Scrolls the element into view and clicks the middle of it with the real mouse, failing when something else
   * is on top there: a control a person cannot hit must not pass a test. Waits up to 10 s for the control to be
   * drawn and uncovered, as a person would.
   */
  click(selector: string): Promise<void>;
  /**
   * Runs `fn` in the first frame of this tab whose URL starts with `urlPrefix` (an extension panel embedded in a
   * web page, say), waiting up to 15 s for it to appear and finish loading.
   */
  frameEvaluate<R, A = undefined>(urlPrefix: string, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Where a person's click on `selector` inside the frame at `urlPrefix` would land, that frame filling the page
   * element `hostSelector` (border-less, at its corner; page scripts see only the host). Scrolls the control into
   * the frame's view if needed; clicks nothing.
   */
  hitInFrame(hostSelector: string, urlPrefix: string, selector: string): Promise<FrameHit>;
  /** Clicks the hitInFrame point with the real mouse, failing unless all three of its checks hold. */
  clickInFrame(hostSelector: string, urlPrefix: string, selector: string): Promise<void>;
  /** A real key press (`Escape`, `Tab`, `Enter`, `a`…) to whatever has focus, in whichever frame it is. */
  press(key: string): Promise<void>;
  /**
   * The text a person would paste now (the clipboard is the browser's, whichever tab wrote it). Read by the
   * driver's extension page, so the launch needs `grantedPermissions: ['clipboardRead']`; no browser switch is
   * set, so writes keep their real rules (user activation in Firefox, `allow="clipboard-write"` on a frame in
   * Chromium).
   */
  readClipboard(): Promise<string>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionSession {
  readonly browser: BrowserName;
  extensionUrl(path: string): string;
  newPage(): Promise<TabPage>;
  /**
   * A tab the extension opened (tabs.create, window.open from its page) whose URL starts with `urlPrefix`, already
   * open or opening within `timeoutMs` (default 15 s), once its document has loaded. Tabs the driver opened
   * itself (newPage, the extensionEval page) are never returned.
   */
  waitForTab(urlPrefix: string, timeoutMs?: number): Promise<TabPage>;
  /**
   * The path of a finished download whose file name matches `name` (default wait 15 s), for one a page saved
   * (an `<a download>` of a Blob URL, say) into the session's download folder, which close() removes. Each
   * download is handed out once, so consecutive calls return consecutive downloads. The browser may rename a
   * file whose name is taken (`x(1).zip`), which the pattern should allow.
   */
  waitForDownload(name: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Runs `fn` in an extension page kept open for the purpose: it has the extension's privileges (tabs, action,
   * storage) and reaches the background by runtime messages, which wake a stopped background.
   */
  extensionEval<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * What clicking Inkseal's toolbar button on the tab at `urlPrefix` grants: `activeTab` for that tab (the
   * evidence screenshot needs it). Headless browsers have no toolbar: Chromium triggers the action through the
   * DevTools protocol (which opens the popup too; it is closed again), Firefox grants it from its privileged
   * about:debugging page.
   */
  grantActiveTab(urlPrefix: string): Promise<void>;
  /** Stops the background as the browser does to an idle one (service worker / event page); the next event restarts it. */
  stopBackground(): Promise<void>;
  /** Settles when the browser goes away (its window closed by the person using it, or close()). */
  readonly closed: Promise<void>;
  /** Errors logged by the extension's pages and by the pages it runs in, in order. */
  consoleErrors(): string[];
  close(): Promise<void>;
}
