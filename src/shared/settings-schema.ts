// Settings: one defaults object is the schema. Stored values are validated on read (a bad or foreign value
// falls back to the default). Pure, so Node tests and every context share it.
import { SITES, type SiteId } from '../sites';

/** Per-site scanning switches, `site:<id>`, defaulted by the site records (src/sites). */
const siteSwitches = Object.fromEntries(SITES.map((s) => [`site:${s.id}`, s.enabledByDefault])) as Record<`site:${SiteId}`, boolean>;

export const DEFAULTS = {
  // The generic site's switch is off: it runs only on origins the artist enabled (and granted) one by one.
  ...siteSwitches,
  /** Origins ("https://example.com") the artist enabled for the generic adapter. */
  genericOrigins: [] as string[],
};

export type Settings = typeof DEFAULTS;
export type SettingKey = keyof Settings;

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

