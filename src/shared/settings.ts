// Settings: one defaults object is the schema. Stored values are validated on read (a bad or foreign value
// falls back to the default) and only differences from the defaults are stored.
import browser from 'webextension-polyfill';

export const DEFAULTS = {
  /** Per-site scanning switches; the key is `site:<adapter id>`. */
  'site:xiaohongshu': true,
  'site:weibo': true,
  /** The generic adapter runs only on origins the artist enabled (and granted) one by one. */
  'site:generic': false,
  /** Origins ("https://example.com") the artist enabled for the generic adapter. */
  genericOrigins: [] as string[],
};

export type Settings = typeof DEFAULTS;
export type SettingKey = keyof Settings;

const KEY = 'settings';

function valid<K extends SettingKey>(key: K, value: unknown): value is Settings[K] {
  const d = DEFAULTS[key];
  if (Array.isArray(d)) return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === typeof d;
}

export function parseSettings(stored: unknown): Settings {
  const out = structuredClone(DEFAULTS);
  if (typeof stored !== 'object' || stored === null) return out;
  for (const key of Object.keys(DEFAULTS) as SettingKey[]) {
    const v = (stored as Record<string, unknown>)[key];
    if (v !== undefined && valid(key, v)) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

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
