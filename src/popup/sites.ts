// The popup's per-site switch. Sites with hosts of their own (src/sites) are switched by a setting; any other
// site is opt-in per origin: the artist's click requests that host permission there and then, and registers the
// content script.
import browser from 'webextension-polyfill';
import { getSettings, setSetting, type SettingKey } from '../shared/settings';
import { siteFor } from '../sites';

export interface SiteState { site: string; origin: string; enabled: boolean }

export async function siteState(url: string | undefined): Promise<SiteState | null> {
  if (!url || !/^https?:/.test(url)) return null;
  const u = new URL(url);
  const site = siteFor(u)?.id ?? 'generic';
  const s = await getSettings();
  const enabled = site === 'generic' ? s.genericOrigins.includes(u.origin) : s[`site:${site}` as SettingKey] !== false;
  return { site, origin: u.origin, enabled };
}

const scriptId = (origin: string) => `generic:${origin}`;

/**
 * The built content script (crxjs emits a loader with a hashed name; the manifest knows it), as an absolute
 * path inside the extension: Chrome's getManifest() gives a path, Firefox's a full moz-extension:// URL, and
 * Firefox resolves a relative path against the calling page (src/popup/), not the extension's root.
 */
function contentScriptFile(): string {
  const file = browser.runtime.getManifest().content_scripts?.[0]?.js?.[0];
  if (!file) throw new Error('no content script in the manifest');
  return new URL(file, browser.runtime.getURL('/')).pathname;
}

export async function setSiteEnabled(state: SiteState, enabled: boolean, tabId: number | undefined): Promise<boolean> {
  if (state.site !== 'generic') {
    await setSetting(`site:${state.site}` as 'site:xiaohongshu', enabled);
    return enabled;
  }
  const pattern = `${state.origin}/*`;
  // Asked first, before any await: Firefox honours a permission request only while the click is still being
  // handled (Chrome allows a few seconds), and an awaited storage read ends that.
  const granted = enabled ? browser.permissions.request({ origins: [pattern] }) : undefined;
  const origins = (await getSettings()).genericOrigins.filter((o) => o !== state.origin);
  if (!enabled) {
    await setSetting('genericOrigins', origins);
    await browser.scripting.unregisterContentScripts({ ids: [scriptId(state.origin)] }).catch(() => undefined);
    await browser.permissions.remove({ origins: [pattern] }).catch(() => undefined);
    return false;
  }
  if (!(await granted)) return false;
  await setSetting('genericOrigins', [...origins, state.origin]);
  const file = contentScriptFile();
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(state.origin)] }).catch(() => undefined);
  await browser.scripting.registerContentScripts([{ id: scriptId(state.origin), matches: [pattern], js: [file], runAt: 'document_idle' }]);
  if (tabId !== undefined) await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  return true;
}
