// `npm run package`: the store uploads, from the two builds in dist/ (npm runs both builds first):
//   artifacts/inkseal-chrome-<version>.zip    Chrome Web Store (manifest at the zip's root)
//   artifacts/inkseal-firefox-<version>.zip   addons.mozilla.org, made by web-ext build
//   artifacts/inkseal-source-<version>.zip    the source AMO asks for (bundled code must be reproducible)
// and checks them: web-ext lint on the Firefox package, and for Chrome the manifest's references plus a load
// of the unpacked package in Chromium, reading the install warnings Chrome shows on chrome://extensions. Both are
// release builds (`--mode release`): no script in either may hold a benchmark message (src/cli/build-flags.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkChromeManifest, chromeInstallWarnings } from './package-checks';
import { benchLeftovers } from './build-flags';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const out = resolve('artifacts');
const webExt = resolve('node_modules/.bin/web-ext');

function zipWithWebExt(dir: string, filename: string): string {
  execFileSync(webExt, ['build', '--source-dir', dir, '--artifacts-dir', out, '--filename', filename, '--overwrite-dest'], { stdio: 'pipe' });
  return join(out, filename);
}

/** Tracked files as they are in the working tree (uncommitted edits included), never node_modules or dist. */
function sourceArchive(filename: string): string {
  const path = join(out, filename);
  const tree = execFileSync('git', ['stash', 'create']).toString().trim() || 'HEAD';
  execFileSync('git', ['archive', '--format=zip', `--prefix=inkseal-${version}/`, '-o', path, tree]);
  return path;
}

async function main(): Promise<void> {
  for (const dir of ['dist/chrome', 'dist/firefox']) {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is not built: run npm run package (it builds both)`);
  }
  const bench = ['dist/chrome', 'dist/firefox'].flatMap((dir) => benchLeftovers(dir).map((f) => `${dir}/${f}`));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const chrome = zipWithWebExt('dist/chrome', `inkseal-chrome-${version}.zip`);
  const firefox = zipWithWebExt('dist/firefox', `inkseal-firefox-${version}.zip`);
  const source = sourceArchive(`inkseal-source-${version}.zip`);

  const lint = JSON.parse(execFileSync(webExt, ['lint', '--source-dir', 'dist/firefox', '--output', 'json'], { stdio: 'pipe' }).toString()) as
    { summary: { errors: number; warnings: number; notices: number } };
  const manifestProblems = checkChromeManifest('dist/chrome');
  const warnings = await chromeInstallWarnings('dist/chrome');

  for (const f of [chrome, firefox, source]) console.log(`${f}  ${(readFileSync(f).length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`Firefox: web-ext lint — ${lint.summary.errors} errors, ${lint.summary.warnings} warnings, ${lint.summary.notices} notices`);
  console.log(`Chrome: manifest references — ${manifestProblems.length} errors${manifestProblems.map((p) => `\n  ${p}`).join('')}`);
  console.log(`Chrome: loaded in Chromium — ${warnings.length} install warnings${warnings.map((w) => `\n  ${w}`).join('')}`);
  console.log(`Both: benchmark messages left in — ${bench.length}${bench.map((b) => `\n  ${b}`).join('')}`);
  if (lint.summary.errors || manifestProblems.length || warnings.length || bench.length) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
