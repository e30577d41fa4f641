// The tests' entry to the browser drivers (src/dev/driver, shared with `npm start` and the benchmarks, which
// is why the implementations live there): every browser test runs once per browser in BROWSERS.
import { BROWSER_NAMES, type BrowserName } from '../../../src/dev/driver';

export * from '../../../src/dev/driver';

/**
 * Both browsers unless INKSEAL_BROWSERS names fewer, for a quick local loop (`INKSEAL_BROWSERS=chromium`);
 * CI sets nothing and runs both.
 */
export const BROWSERS: BrowserName[] = (() => {
  const wanted = process.env.INKSEAL_BROWSERS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted) return [...BROWSER_NAMES];
  for (const w of wanted) if (!BROWSER_NAMES.includes(w as BrowserName)) throw new Error(`INKSEAL_BROWSERS: unknown browser ${w}`);
  return wanted as BrowserName[];
})();
