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
  /** Host permissions to hold as if the artist had granted them (headless browsers cannot answer the prompt). */
  grantedHosts?: string[];
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
   * is on top there: a control a person cannot hit must not pass a test.
   */
  click(selector: string): Promise<void>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionSession {
  readonly browser: BrowserName;
  extensionUrl(path: string): string;
  newPage(): Promise<TabPage>;
  /**
   * Runs `fn` in an extension page kept open for the purpose: it has the extension's privileges (tabs, action,
   * storage) and reaches the background by runtime messages, which wake a stopped background.
   */
  extensionEval<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Stops the background as the browser does to an idle one (service worker / event page); the next event restarts it. */
  stopBackground(): Promise<void>;
  /** Settles when the browser goes away (its window closed by the person using it, or close()). */
  readonly closed: Promise<void>;
  /** Errors logged by the extension's pages and by the pages it runs in, in order. */
  consoleErrors(): string[];
  close(): Promise<void>;
}
