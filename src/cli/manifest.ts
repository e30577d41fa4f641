// The manifest each build ships. manifest.json at the root holds what every build shares; the pages the content
// script runs on and the host permissions come from the site records (src/sites), and each browser's
// differences are applied here. vite.config.ts hands the result to crxjs; the adapter meta-test checks it.
import manifest from '../../manifest.json' with { type: 'json' };
import { contentScriptMatches, hostPermissions } from '../sites/index.ts';
import { MODEL_FRAME_PAGE } from '../model-host/frame-page.ts';

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
  // Chrome: the offscreen document runs the model in a sandboxed frame, which Chromium keeps in a process of its
  // own (src/model-host/framed-embedder.ts). Its page may run wasm and start the blob: worker of its heartbeat;
  // it has no extension API either way. Firefox has neither key's need: its event page runs the model.
  if (browser === 'chrome') {
    m.sandbox = { pages: [MODEL_FRAME_PAGE] };
    m.content_security_policy = {
      ...(m.content_security_policy as Record<string, string>),
      sandbox: "sandbox allow-scripts; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:; object-src 'none'",
    };
  }
  return m;
}
