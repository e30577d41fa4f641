// A copy of the built extension whose manifest already holds some permissions, as if the artist had granted them
// from the popup: headless browsers cannot answer the permission prompt. API permissions a test needs to observe
// the extension (clipboardRead, to read what it copied) are added here too, never to the build.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Grants { hosts?: string[]; permissions?: string[] }

export const hasGrants = (g: Grants) => !!(g.hosts?.length || g.permissions?.length);

/**
 * Returns the copy's folder, `into` if given (replaced), else a new temporary one; the caller removes it. A fixed
 * `into` keeps an unpacked Chromium extension's id, which is derived from its path, across launches of one profile.
 */
export function grantedCopy(dist: string, grants: Grants, into?: string): string {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'inkseal-granted-'));
  if (into) rmSync(into, { recursive: true, force: true });
  cpSync(dist, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[]; permissions?: string[] };
  manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...(grants.hosts ?? [])])];
  manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...(grants.permissions ?? [])])];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}
