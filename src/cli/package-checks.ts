// The Chrome package's checks (Chrome has no linter of its own): every file the manifest names is in the
// package and every __MSG_ key is in each locale; and the package, loaded into Chromium, shows no install
// warning or manifest error on chrome://extensions (read through chrome.developerPrivate, which that page has).
// Checked to fail: a copy with an unknown key and background.scripts reports both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../dev/driver';

type Json = Record<string, unknown>;

export function checkChromeManifest(dir: string): string[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json & {
    icons?: Record<string, string>; action?: { default_popup?: string; default_icon?: Record<string, string> };
    options_ui?: { page?: string }; background?: { service_worker?: string; scripts?: string[] };
    content_scripts?: { js?: string[]; css?: string[] }[]; default_locale?: string;
  };
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push('manifest_version is not 3');
  if (typeof m.version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(m.version)) problems.push(`version "${String(m.version)}" is not 1–4 dot-separated integers`);
  if (!m.background?.service_worker) problems.push('no background.service_worker');
  if (m.background?.scripts) problems.push('background.scripts is for MV2 and Firefox; Chrome warns about it');
  const files = [
    ...Object.values(m.icons ?? {}), ...Object.values(m.action?.default_icon ?? {}), m.action?.default_popup, m.options_ui?.page,
    m.background?.service_worker, ...(m.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter((f): f is string => Boolean(f));
  for (const f of files) if (!existsSync(join(dir, f))) problems.push(`${f} is named in the manifest but missing`);
  const keys = [...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]!);
  const locales = existsSync(join(dir, '_locales')) ? readdirSync(join(dir, '_locales')) : [];
  if (m.default_locale && !locales.includes(m.default_locale)) problems.push(`default_locale ${m.default_locale} has no _locales folder`);
  for (const locale of locales) {
    const messages = JSON.parse(readFileSync(join(dir, '_locales', locale, 'messages.json'), 'utf8')) as Json;
    for (const k of keys) if (!(k in messages)) problems.push(`_locales/${locale} lacks ${k}`);
  }
  return problems;
}

export async function chromeInstallWarnings(dir: string): Promise<string[]> {
  const ext = await launchChromium({ sitesPort: 1, dist: dir });
  try {
    const page = await ext.context.newPage();
    await page.goto('chrome://extensions');
    // Chrome records manifest errors only in developer mode, so switch it on and load the package again.
    return await page.evaluate(async (id) => {
      type Info = { installWarnings: string[]; manifestErrors: { message: string }[]; runtimeErrors: { message: string }[] };
      const dev = (chrome as unknown as { developerPrivate: {
        updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void>;
        reload(id: string, o: { failQuietly: boolean }): Promise<void>;
        getExtensionInfo(id: string): Promise<Info>;
      } }).developerPrivate;
      await dev.updateProfileConfiguration({ inDeveloperMode: true });
      await dev.reload(id, { failQuietly: true });
      const info = await dev.getExtensionInfo(id);
      return [...info.installWarnings, ...info.manifestErrors.map((e) => e.message), ...info.runtimeErrors.map((e) => e.message)];
    }, ext.extensionId);
  } finally {
    await ext.close();
  }
}
