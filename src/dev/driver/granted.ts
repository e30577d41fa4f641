// A copy of the built extension whose manifest already holds some host permissions, as if the artist had
// granted them from the popup: headless browsers cannot answer the permission prompt.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Returns the copy's folder; the caller removes it. */
export function grantedCopy(dist: string, hosts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkseal-granted-'));
  cpSync(dist, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push(...hosts);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}
