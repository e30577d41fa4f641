// A plain picture is no evidence of any work (prepare.ts isPlain), with the real model: before plain crops were
// left out, a plain slate or teal picture was named a cropped copy of a gallery wallpaper that is teal almost
// edge to edge (0.78 and 0.98), while a repost of that wallpaper must still be found.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../src/cli/scan-lib';
import { corpusDir } from '../support/data';

/** A dark teal wallpaper with a glow and a few faint facets in two corners: plain almost edge to edge. */
function tealWallpaper(): Buffer {
  const W = 1920, H = 1080;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="#0b4a5c"/>
    <defs><radialGradient id="g" cx="0.1" cy="0.85" r="0.35"><stop offset="0" stop-color="#2f8f8a" stop-opacity="0.7"/>
      <stop offset="1" stop-color="#0b4a5c" stop-opacity="0"/></radialGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>
    <polygon points="0,0 380,0 120,260" fill="#14606f" opacity="0.8"/><polygon points="0,0 240,0 0,300" fill="#1d6e78" opacity="0.7"/>
    <polygon points="1920,1080 1500,1080 1920,700" fill="#14606f" opacity="0.8"/>
    <polygon points="1920,1080 1700,1080 1810,820" fill="#23767c" opacity="0.6"/></svg>`);
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkseal-plain-'));
  mkdirSync(join(dir, 'gallery'));
  mkdirSync(join(dir, 'queries'));
  await sharp(tealWallpaper()).png().toFile(join(dir, 'gallery', 'teal-wallpaper.png'));
  for (const f of ['art060_openclipart_aussie_hat_01.png', 'art013_gnome_oceans.jpg']) copyFileSync(join(corpusDir(), 'art', f), join(dir, 'gallery', f));
  const plain = (background: string) => sharp({ create: { width: 800, height: 600, channels: 3, background } }).jpeg({ quality: 85 });
  await plain('#233640').toFile(join(dir, 'queries', 'slate.jpg'));
  await plain('#0b4a5c').toFile(join(dir, 'queries', 'teal.jpg'));
  // The same teal with a JPEG's noise of ±4 levels over a gentle ramp: plain still.
  await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><defs><linearGradient id="v" x2="0" y2="1">
    <stop offset="0" stop-color="#0d4c5e"/><stop offset="1" stop-color="#08465a"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#v)"/></svg>`)).jpeg({ quality: 40 }).toFile(join(dir, 'queries', 'ramp.jpg'));
  await sharp(tealWallpaper()).resize(960).jpeg({ quality: 70 }).toFile(join(dir, 'queries', 'repost.jpg'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('plain slate and teal pictures, one with a gentle ramp, match no work; a repost of the plain-looking wallpaper is still its copy', async () => {
  let stdout = '';
  const code = await main(['--gallery', join(dir, 'gallery'), '--json', join(dir, 'queries')], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } });
  expect(code).toBe(0);
  const rows = new Map(stdout.trim().split('\n').map((l) => JSON.parse(l) as { query: string; verdict: string; work: string | null }).map((r) => [r.query.split('/').pop()!, r]));
  expect(rows.get('slate.jpg')).toMatchObject({ verdict: 'none', work: null });
  expect(rows.get('teal.jpg')).toMatchObject({ verdict: 'none', work: null });
  expect(rows.get('ramp.jpg')).toMatchObject({ verdict: 'none', work: null });
  expect(rows.get('repost.jpg')!.verdict).toBe('copy');
  expect(rows.get('repost.jpg')!.work).toMatch(/teal-wallpaper\.png$/);
}, 120_000);
