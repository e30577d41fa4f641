// The manifest each build ships. manifest.json at the root holds what every build shares; the pages the content
// script runs on and the host permissions come from the site records (src/sites), and each browser's
// differences are applied here. vite.config.ts hands the result to crxjs; the adapter meta-test checks it.
import manifest from '../../manifest.json' with { type: 'json' };
import { contentScriptMatches, hostPermissions } from '../sites/index.ts';

export type Browser = 'chrome' | 'firefox';

export interface BuiltManifest {
  permissions: string[];
  host_permissions: string[];
  content_scripts: { matches: string[]; js: string[]; run_at?: string }[];
  [key: string]: unknown;
}

export function manifestFor(browser: Browser): BuiltManifest {
  const m = structuredClone(manifest) as unknown as BuiltManifest;
  m.host_permissions = hostPermissions();
  // One content script for every site's pages; generic origins are registered at run time (src/popup/sites.ts).
  for (const script of m.content_scripts) script.matches = contentScriptMatches();
  // Firefox has no offscreen API: the model runs in the event page there.
  if (browser === 'firefox') m.permissions = m.permissions.filter((p) => p !== 'offscreen');
  return m;
}
