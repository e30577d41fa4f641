// Settings storage: validated on read (see settings-schema.ts), only differences from the defaults stored.
import browser from 'webextension-polyfill';

import { DEFAULTS, parseSettings, type SettingKey, type Settings } from './settings-schema';

export { DEFAULTS, parseSettings, type SettingKey, type Settings };

const KEY = 'settings';

export async function getSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(KEY))[KEY]);
}

export async function setSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<Settings> {
  const next = { ...(await getSettings()), [key]: value };
  const diff: Record<string, unknown> = {};
  for (const k of Object.keys(DEFAULTS) as SettingKey[]) {
    if (JSON.stringify(next[k]) !== JSON.stringify(DEFAULTS[k])) diff[k] = next[k];
  }
  await browser.storage.local.set({ [KEY]: diff });
  return next;
}

export function onSettingsChanged(listener: (s: Settings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) listener(parseSettings(changes[KEY]?.newValue));
  });
}
