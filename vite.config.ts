// One source, two builds: `vite build` → dist/chrome, `vite build --mode firefox` → dist/firefox. The manifest is
// manifest.json plus the sites' hosts (src/cli/manifest.ts). `--mode release` / `--mode firefox-release` are the
// same builds without the benchmark messages (npm run package; src/build-flags.d.ts).
// The model and the tfjs wasm binaries are copied into the output by the `bundle-model` plugin; they are
// never committed (see src/cli/model-source.ts for where the model comes from).
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { manifestFor, type Browser } from './src/cli/manifest.ts';
import { resolveModelDir } from './src/cli/model-source.ts';
import { buildFlags } from './src/cli/build-flags.ts';

/**
 * crxjs's content-script loader imports its chunks as web-accessible resources, which crxjs exposes only to the
 * manifest's match patterns. The generic adapter runs on origins the artist enables at run time, so those
 * chunks must be importable from any page (they hold no secrets; the cost is that a page can tell Inkseal is
 * installed, noted in the README).
 */
function allowContentChunksEverywhere(manifestPath: string, browser: Browser): void {
  const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { web_accessible_resources?: { matches: string[]; resources: string[]; use_dynamic_url?: boolean }[] };
  for (const war of m.web_accessible_resources ?? []) {
    war.matches = ['https://*/*', 'http://*/*'];
    // Chrome: pages (the panel frame) only at a URL that changes each session, so a page cannot probe for
    // Inkseal by a fixed address. Not the script chunks: Chrome refuses a content script's import() of a
    // dynamic-URL resource (CSP, crbug.com/363027634; still so in Chromium 156), which would stop every content
    // script. Firefox already randomises its extension origin per install and has no such key.
    if (browser === 'chrome') war.use_dynamic_url = war.resources.every((r) => !/\.m?js$/.test(r));
  }
  writeFileSync(manifestPath, JSON.stringify(m, null, 2));
}

function bundleModel(browser: Browser): Plugin {
  return {
    name: 'inkseal-bundle-model',
    apply: 'build',
    writeBundle() {
      const out = resolve(`dist/${browser}`);
      const modelDir = resolveModelDir();
      mkdirSync(`${out}/model`, { recursive: true });
      for (const f of ['model.json', 'group1-shard1of1']) cpSync(`${modelDir}/${f}`, `${out}/model/${f}`);
      const wasmDir = resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist');
      mkdirSync(`${out}/wasm`, { recursive: true });
      // Threads are off in extension pages (blob: workers are refused by the CSP), so only these two ship.
      for (const f of readdirSync(wasmDir).filter((n) => n.endsWith('.wasm') && !n.includes('threaded'))) {
        cpSync(`${wasmDir}/${f}`, `${out}/wasm/${f}`);
      }
      allowContentChunksEverywhere(`${out}/manifest.json`, browser);
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode.startsWith('firefox') ? 'firefox' : 'chrome';
  return {
    define: buildFlags(mode),
    publicDir: 'assets',
    resolve: {
      alias: {
        '@platform': resolve(`src/shared/platform/${browser}.ts`),
        '@capabilities': resolve(`src/shared/platform/${browser}-capabilities.ts`),
      },
    },
    // Under vitest only the Preact transform is wanted; crx would try to build an extension.
    plugins: process.env.VITEST ? [preact()] : [preact(), crx({ manifest: manifestFor(browser) as unknown as ManifestV3Export, browser }), bundleModel(browser)],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4000,
      rollupOptions: {
        // Pages reached by URL, not named in the manifest: the offscreen document and its model frame (Chrome), the panel frame,
        // the Findings page, the report page and the welcome page.
        input: {
          ...(browser === 'chrome' ? { offscreen: 'src/model-host/offscreen.html', 'model-frame': 'src/model-host/sandbox.html' } : {}),
          panel: 'src/panel/index.html',
          findings: 'src/findings/index.html',
          report: 'src/report/index.html',
          welcome: 'src/welcome/index.html',
        },
      },
    },
    test: {
      // `unit` runs in Node and needs no build; `browser` drives the built extension in Chromium and Firefox.
      // Browser tests stay under half of their timeout on a busy 2-core machine (figures in the README).
      projects: [
        { extends: true, test: {
          name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], testTimeout: 60_000, hookTimeout: 120_000,
          // The projects run one after the other: Node's model tests would otherwise share the cores with browsers.
          sequence: { groupOrder: 0 },
        } },
        {
          extends: true,
          test: {
            name: 'browser',
            include: ['test/e2e/**/*.test.ts'],
            testTimeout: 180_000,
            hookTimeout: 180_000,
            fileParallelism: false,
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  };
});
