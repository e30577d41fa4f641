// The decode worker of the built extension turns a feed picture's bytes into the raster every signal is cut
// from. JPEGs take WebCodecs' scaled decoding and other formats the canvas, so this checks that each kind of
// file comes out as the same picture (colours in the right channels, the right way up, at analysis size).
import { afterAll, beforeAll, expect, test } from 'vitest';
import sharp from 'sharp';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusDir } from '../support/data';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { resample, FULL, type Raster } from '../../src/engine/image';
import { ANALYSIS_MIN_SHORT } from '../../src/engine/prepare';

let server: FixtureServer;
let ext: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchWithExtension({ hostRules: server.hostRules });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** Decodes each URL in the built extension's own decode worker, as the model host does for a feed picture. */
async function decodeInExtension(urls: string[]): Promise<Raster[]> {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  const worker = readdirSync(resolve('dist/chrome/assets')).find((f) => f.startsWith('decode-worker'))!;
  const rasters = await page.evaluate(async ({ src, urls }) => {
    const w = new Worker(src, { type: 'module' });
    const out = [];
    for (const [id, url] of urls.entries()) {
      const reply = await new Promise<{ ok: boolean; error?: string; raster?: { data: Uint8ClampedArray; width: number; height: number } }>(
        (done) => { w.onmessage = (e) => done(e.data); w.postMessage({ id, url, role: 'query', raw: true }); });
      if (!reply.ok) throw new Error(reply.error);
      // Base64 crosses the test channel far faster than a JSON array of a million numbers.
      const bytes = reply.raster!.data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push({ base64: btoa(binary), width: reply.raster!.width, height: reply.raster!.height });
    }
    w.terminate();
    return out;
  }, { src: ext.extensionUrl(`assets/${worker}`), urls });
  await page.close();
  return rasters.map((r) => ({ data: new Uint8Array(Buffer.from(r.base64, 'base64')), width: r.width, height: r.height, channels: 4 }));
}

/** Mean absolute difference per channel sample between two pictures, compared at 64 × 64. */
function difference(a: Raster, b: Raster): number {
  const x = resample(a, FULL, 64, 64).data, y = resample(b, FULL, 64, 64).data;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

test('JPEG (baseline, progressive, grey), WebP and PNG feed pictures decode to the same picture', async () => {
  const file = readdirSync(join(corpusDir(), 'art')).find((f) => f.startsWith('art002'))!;
  const picture = sharp(join(corpusDir(), 'art', file)).resize(1080).flatten({ background: '#fff' });
  const grey = picture.clone().grayscale();
  const encoded = {
    png: await picture.clone().png().toBuffer(),
    jpeg: await picture.clone().jpeg({ quality: 92 }).toBuffer(),
    progressive: await picture.clone().jpeg({ quality: 92, progressive: true }).toBuffer(),
    webp: await picture.clone().webp({ quality: 92 }).toBuffer(),
    greyPng: await grey.clone().png().toBuffer(),
    greyJpeg: await grey.clone().jpeg({ quality: 92 }).toBuffer(),
  };
  const mime = (k: string) => (k.toLowerCase().includes('png') ? 'image/png' : k === 'webp' ? 'image/webp' : 'image/jpeg');
  const kinds = Object.keys(encoded) as (keyof typeof encoded)[];
  const decoded = await decodeInExtension(kinds.map((k) => server.addImage(`1040g0decode${k.padEnd(14, '0')}`, { data: encoded[k], mime: mime(k) })));
  const rasters = Object.fromEntries(kinds.map((k, i) => [k, decoded[i]!])) as Record<keyof typeof encoded, Raster>;
  const { width, height } = (await picture.clone().png().toBuffer({ resolveWithObject: true })).info;

  for (const [kind, raster] of Object.entries(rasters)) {
    // Analysed at no less than the analysis size, and upright: the aspect is the picture's.
    expect(Math.min(raster.width, raster.height), kind).toBeGreaterThanOrEqual(ANALYSIS_MIN_SHORT);
    expect(Math.abs(raster.width / raster.height - width / height), kind).toBeLessThan(0.01);
  }
  // The same picture: a channel swap, a flipped frame or a colour-space slip moves this by tens of levels.
  for (const kind of ['jpeg', 'progressive', 'webp'] as const) expect(difference(rasters[kind], rasters.png), kind).toBeLessThan(3);
  expect(difference(rasters.greyJpeg, rasters.greyPng)).toBeLessThan(3);
  // Sanity of the comparison itself: the colour picture is not the grey one.
  expect(difference(rasters.png, rasters.greyPng)).toBeGreaterThan(10);
});
