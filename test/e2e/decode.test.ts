// The decode worker of the built extension turns a feed picture's bytes into the raster every signal is cut
// from. JPEGs take WebCodecs' scaled decoding and other formats the canvas (as does every picture where
// ImageDecoder is missing), so this checks that each kind of file, by each path, comes out as the same picture
// (colours in the right channels, the right way up, at analysis size) in both browsers' decoders. Firefox's workers
// are started from the built worker file and fetch for themselves; Chrome's run inside the sandboxed model frame
// (issue 14), which is framed and asked here as the offscreen document does, with the bytes fetched outside it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import sharp from 'sharp';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusDir } from '../support/data';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../../src/dev/stand-ins/server';
import { resample, FULL, type Raster } from '../../src/engine/image';
import { ANALYSIS_MIN_SHORT } from '../../src/engine/prepare';
import { CONNECT, MODEL_FRAME_PAGE } from '../../src/model-host/frame-protocol';

let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer(); });
afterAll(async () => server?.close());

type Ask = (req: Record<string, unknown>) => Promise<{ ok: boolean; error?: string; [k: string]: unknown }>;

/**
 * An extension page where `window.ask(request)` reaches the built extension's decoding as the model host does.
 * Firefox: a decode worker started from the built file, which fetches `url` itself. Chrome: the model frame, framed
 * and connected as the offscreen document does it; a request's `url` is fetched by the page and sent as its bytes.
 */
async function decodingPage(ext: ExtensionSession): Promise<TabPage> {
  const page = await ext.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  if (ext.browser === 'firefox') {
    const worker = readdirSync(resolve('dist/firefox', 'assets')).find((f) => f.startsWith('decode-worker'))!;
    await page.evaluate((src) => {
      const w = new Worker(src, { type: 'module' });
      const waiting = new Map<number, (r: never) => void>();
      w.onmessage = (e) => waiting.get(e.data.id)?.(e.data as never);
      let id = 0;
      (window as unknown as { ask: Ask }).ask = (req) => new Promise((done) => {
        waiting.set(++id, done);
        w.postMessage({ ...req, id });
      });
    }, ext.extensionUrl(`assets/${worker}`));
    return page;
  }
  await page.evaluate(async ({ src, connect }) => {
    const iframe = document.createElement('iframe');
    const loaded = new Promise((r) => iframe.addEventListener('load', r, { once: true }));
    iframe.src = src;
    document.body.append(iframe);
    await loaded;
    const calls = new MessageChannel(), beats = new MessageChannel();
    const waiting = new Map<number, (r: never) => void>();
    calls.port1.onmessage = (e) => waiting.get(e.data.id)?.(e.data as never);
    iframe.contentWindow!.postMessage(connect, '*', [calls.port2, beats.port2]);
    let id = 0;
    (window as unknown as { ask: Ask }).ask = async ({ url, ...req }) => {
      const bytes = typeof url === 'string' ? { bytes: new Uint8Array(await (await fetch(url)).arrayBuffer()) } : {};
      const n = ++id;
      return new Promise((done) => {
        waiting.set(n, done);
        calls.port1.postMessage({ ...req, ...bytes, id: n });
      });
    };
  }, { src: ext.extensionUrl(MODEL_FRAME_PAGE), connect: CONNECT });
  return page;
}

/** A raw-decode request in each host's words: the worker's, or the model frame's `raster` op. */
const rawRequest = (browser: string, url: string, decoder: 'auto' | 'canvas') =>
  (browser === 'firefox' ? { url, role: 'query', raw: true, decoder } : { op: 'raster', url, decoder });

/** Decodes each URL in the built extension's own decoding, as the model host does for a feed picture. */
async function decodeInExtension(ext: ExtensionSession, requests: { url: string; decoder: 'auto' | 'canvas' }[]): Promise<Raster[]> {
  const page = await decodingPage(ext);
  const rasters = await page.evaluate(async (requests) => {
    const out = [];
    for (const req of requests) {
      const reply = await (window as unknown as { ask: Ask }).ask(req);
      if (!reply.ok) throw new Error(reply.error);
      const raster = (reply.raster ?? reply.value) as { data: Uint8ClampedArray; width: number; height: number };
      // Base64 crosses the test channel far faster than a JSON array of a million numbers.
      const bytes = raster.data;
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push({ base64: btoa(binary), width: raster.width, height: raster.height });
    }
    return out;
  }, requests.map((r) => rawRequest(ext.browser, r.url, r.decoder)));
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

test.each(BROWSERS)('%s: JPEG (baseline, progressive, grey, by WebCodecs and by canvas), WebP and PNG decode to the same picture', async (browser) => {
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
  const urls = kinds.map((k) => server.addImage(`1040g0decode${k.padEnd(14, '0')}`, { data: encoded[k], mime: mime(k) }));
  const ext = await launch(browser, { sitesPort: server.port });
  let decoded: Raster[];
  try {
    decoded = await decodeInExtension(ext, [
      ...urls.map((url) => ({ url, decoder: 'auto' as const })),
      // The JPEGs again, by the path a browser without ImageDecoder takes.
      ...[urls[1]!, urls[2]!, urls[5]!].map((url) => ({ url, decoder: 'canvas' as const })),
    ]);
  } finally {
    await ext.close();
  }
  const rasters = Object.fromEntries(kinds.map((k, i) => [k, decoded[i]!])) as Record<keyof typeof encoded, Raster>;
  const canvas = { jpeg: decoded[6]!, progressive: decoded[7]!, greyJpeg: decoded[8]! };
  const { width, height } = (await picture.clone().png().toBuffer({ resolveWithObject: true })).info;

  for (const [kind, raster] of [...Object.entries(rasters), ...Object.entries(canvas).map(([k, r]) => [`${k} by canvas`, r] as const)]) {
    // Analysed at no less than the analysis size, and upright: the aspect is the picture's.
    expect(Math.min(raster.width, raster.height), kind).toBeGreaterThanOrEqual(ANALYSIS_MIN_SHORT);
    expect(Math.abs(raster.width / raster.height - width / height), kind).toBeLessThan(0.01);
  }
  // The same picture: a channel swap, a flipped frame or a colour-space slip moves this by tens of levels.
  for (const kind of ['jpeg', 'progressive', 'webp'] as const) expect(difference(rasters[kind], rasters.png), kind).toBeLessThan(3);
  expect(difference(rasters.greyJpeg, rasters.greyPng)).toBeLessThan(3);
  for (const kind of ['jpeg', 'progressive'] as const) expect(difference(canvas[kind], rasters.png), `${kind} by canvas`).toBeLessThan(3);
  expect(difference(canvas.greyJpeg, rasters.greyPng)).toBeLessThan(3);
  // The JPEGs took WebCodecs' scaled decoding (n/8 of the picture's 1,080 px, at or above the analysis size the
  // canvas path resizes to exactly). In Chrome that happens in the model frame: its decode workers have no
  // ImageDecoder (not a secure context), and every picture once took the slow canvas path there unnoticed.
  for (const kind of ['jpeg', 'progressive', 'greyJpeg'] as const) {
    expect((rasters[kind].width * 8) % 1080, kind).toBe(0);
    expect(rasters[kind].width, kind).toBeGreaterThan(canvas[kind].width);
  }
  // Sanity of the comparison itself: the colour picture is not the grey one.
  expect(difference(rasters.png, rasters.greyPng)).toBeGreaterThan(10);
});

test.each(BROWSERS)('%s: a picture letterboxed on a photographed phone is zoomed for the second stage, at full resolution', async (browser) => {
  // A dim room, an upright phone, a landscape corpus picture between black bars: ~120 × 70 px at analysis size.
  const file = readdirSync(join(corpusDir(), 'art')).find((f) => f.startsWith('art002'))!;
  const band = { left: 355, top: 616, width: 370, height: 208 };
  const shown = await sharp(join(corpusDir(), 'art', file)).resize(band.width, band.height, { fit: 'fill' }).flatten({ background: '#fff' }).png().toBuffer();
  const phone = await sharp({ create: { width: 400, height: 860, channels: 3, background: '#121214' } })
    .composite([{ input: await sharp({ create: { width: 370, height: 800, channels: 3, background: '#020202' } }).png().toBuffer(), left: 15, top: 30 }]).png().toBuffer();
  const photo = await sharp({ create: { width: 1080, height: 1440, channels: 3, background: '#221e1c' } })
    .composite([{ input: phone, left: 340, top: 290 }, { input: shown, left: band.left, top: band.top }]).jpeg({ quality: 90 }).toBuffer();
  const url = server.addImage('1040g0decodezoom000000', { data: photo, mime: 'image/jpeg' });
  const ext = await launch(browser, { sitesPort: server.port });
  let reply: { zooms: { box: { x: number; y: number; w: number; h: number }; count: number; width: number; height: number }[]; count: number };
  try {
    const page = await decodingPage(ext);
    // As the model host does: the picture's signals first, then — when shortlisted — its keypoints (Chrome's frame
    // from the raster it kept under the picture's address, so no bytes are sent again).
    const requests = ext.browser === 'firefox'
      ? [{ url, role: 'query' }, { url, role: 'query', keypoints: 'query' }]
      : [{ op: 'picture', url, key: url, role: 'query' }, { op: 'keypoints', key: url, kind: 'query' }];
    reply = await page.evaluate(async (requests) => {
      type Found = { keypoints: { count: number }; zooms?: { box: { x: number; y: number; w: number; h: number }; keypoints: { count: number; width: number; height: number } }[] };
      const ask = (window as unknown as { ask: Ask }).ask;
      const prepared = await ask(requests[0]!);
      if (!prepared.ok) throw new Error(prepared.error);
      const reply = await ask(requests[1]!);
      if (!reply.ok) throw new Error(reply.error);
      const k = (reply.value ?? reply) as Found;
      return { count: k.keypoints.count, zooms: (k.zooms ?? []).map((z) => ({ box: z.box, count: z.keypoints.count, width: z.keypoints.width, height: z.keypoints.height })) };
    }, requests);
    await page.close();
  } finally {
    await ext.close();
  }
  expect(reply.zooms.length).toBeGreaterThanOrEqual(1);
  const z = reply.zooms[0]!;
  // The zoom holds the band, read at about the posted picture's own scale (3× the analysis raster's).
  expect(z.box.x).toBeLessThanOrEqual(band.left / 1080);
  expect(z.box.x + z.box.w).toBeGreaterThanOrEqual((band.left + band.width) / 1080);
  expect(z.box.y).toBeLessThanOrEqual(band.top / 1440);
  expect(z.box.y + z.box.h).toBeGreaterThanOrEqual((band.top + band.height) / 1440);
  expect(z.width).toBeGreaterThan(2.5 * (band.width / 3));
  expect(z.count).toBeGreaterThan(100);
});

test.each(BROWSERS)('%s: pictures decoded and analysed side by side come out as they do one at a time', async (browser) => {
  // The decode worker hands each JPEG's pixels a buffer an earlier picture gave back (decode.ts); two pictures in
  // flight at once must never share one. Different sizes, so a buffer is reused for a smaller picture too.
  const files = readdirSync(join(corpusDir(), 'art')).filter((f) => /\.jpe?g$/i.test(f)).sort().slice(0, 6);
  const urls = await Promise.all(files.map(async (f, i) => server.addImage(`1040g0side${String(i).padEnd(16, '0')}`, {
    data: await sharp(join(corpusDir(), 'art', f)).resize(700 + 90 * i).jpeg({ quality: 90 }).toBuffer(), mime: 'image/jpeg',
  })));
  // A feed picture's analysis in each host's words: Chrome's frame decodes, cuts and embeds; Firefox's worker cuts.
  const analyse = (url: string) => (browser === 'firefox' ? { url, role: 'query', noProvenance: true } : { op: 'picture', url, key: '', role: 'query' });
  const ext = await launch(browser, { sitesPort: server.port });
  try {
    const page = await decodingPage(ext);
    const results = await page.evaluate(async (requests) => {
      const ask = (window as unknown as { ask: Ask }).ask;
      // What a reader would see differ: the pixels, the hash bits, the vectors (to 4 decimals), the crops' bytes.
      const digest = async (r: Awaited<ReturnType<Ask>>) => {
        if (!r.ok) throw new Error(r.error);
        const v = (r.raster ?? r.value ?? r.prepared) as Record<string, unknown>;
        const text = JSON.stringify(v, (k, x) => (k === 'timing' ? undefined
          : x instanceof Float32Array ? Array.from(x, (f) => f.toFixed(4)).join(',')
          : ArrayBuffer.isView(x) ? Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).join(',') : x));
        const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
        return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
      };
      const one = async (kind: 'raw' | 'analyse') => { const out = []; for (const req of requests[kind]) out.push(await digest(await ask(req))); return out; };
      const together = async (kind: 'raw' | 'analyse') => Promise.all((await Promise.all(requests[kind].map((req) => ask(req)))).map(digest));
      return { raw: [await one('raw'), await together('raw')], analyse: [await one('analyse'), await together('analyse'), await one('analyse')] };
    }, { raw: urls.map((url) => rawRequest(browser, url, 'auto')), analyse: urls.map(analyse) });
    expect(new Set(results.raw[0]).size).toBe(urls.length);
    expect(results.raw[1]).toEqual(results.raw[0]);
    expect(new Set(results.analyse[0]).size).toBe(urls.length);
    expect(results.analyse[1]).toEqual(results.analyse[0]);
    expect(results.analyse[2]).toEqual(results.analyse[0]);
  } finally {
    await ext.close();
  }
});
