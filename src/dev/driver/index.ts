// Launches the built extension in either browser behind the one ExtensionSession interface.
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, ExtensionSession, LaunchOptions } from './types';

export type { BrowserName, ExtensionSession, FrameHit, InputFile, LaunchOptions, TabPage } from './types';
export { launchChromium, chromiumTab, CHROMIUM, type ChromiumSession } from './chromium';
export { FIREFOX } from './firefox';

export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];

export function launch(browser: BrowserName, opts: LaunchOptions): Promise<ExtensionSession> {
  return browser === 'firefox' ? launchFirefox(opts) : launchChromium(opts);
}
