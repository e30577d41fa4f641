// npm run bench:gallery — the gallery at scale, in the built extension in headless Chromium: import throughput
// through the Gallery page's file input (1,000 distinct works), then, at 1,000 and at 10,000 works, the
// background's start and heap, the Gallery page's open time, heap, search and scroll, and matching and scanning
// time per feed picture. The 9,000 works beyond the imported ones are written straight into IndexedDB (copies of
// the real ones with their fingerprints moved, see gallery-works.ts): analysing them would take an hour.
// Prints figures; asserts nothing. `--quick`: 200 imports and 2,000 works, for checking a change.
import { cpus, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { makeDemoArtworks } from '../../src/cli/demo-art';
import { percentiles, type MatchTimes, type Percentiles } from '../../src/engine/matcher-bench';
import { startFixtureServer } from '../../src/dev/stand-ins/server';
import type { WireSignals } from '../../src/shared/types';
import { CHROMIUM, launchChromium } from '../support/driver';
import { completions, INSTRUMENT, pageHeap, workerHeap, type Heap, type ImportEntry } from './gallery-probe';
import { importFiles, seedWorks } from './gallery-works';

const QUICK = process.argv.includes('--quick');
const IMPORTS = QUICK ? 200 : 1000;
const TOTAL = QUICK ? 2000 : 10_000;
/** Files handed to the input at once, each batch while the import of the previous ones runs (it grows the total). */
const BATCH = 100;
const SEED_CHUNK = 500;
/** Feed pictures scanned one after another at each gallery size: half reposts of gallery works, half unrelated. */
const FEED = 40;
/** Matches the imported works' names ("work-00100" … "work-00199" at 1,000 imports), never a seeded work's. */
const SEARCH = 'work-001';
const CORPUS = process.env.INKSEAL_CORPUS_DIR ?? '../shared/corpus';

const loads: number[] = [];
const sampleLoad = () => loads.push(loadavg()[0]!);
sampleLoad();
const loadTimer = setInterval(sampleLoad, 5_000);
const log = (msg: string) => console.error(`[bench:gallery] ${msg} (load ${loadavg()[0]!.toFixed(1)})`);

log(`making ${IMPORTS} works`);
const files = await importFiles(join(CORPUS, 'art'), '.cache/bench/gallery-works', IMPORTS);

// Feed pictures: reposts (smaller, recompressed, cropped) of imported works, and unrelated procedural art.
const server = await startFixtureServer();
const reposts = await Promise.all(files.slice(0, FEED / 2).map((f) =>
  sharp(f).extract({ left: 40, top: 30, width: 720, height: 540 }).resize({ width: 540 }).jpeg({ quality: 70 }).toBuffer()));
const unrelated = await Promise.all((await makeDemoArtworks(FEED / 2, 23)).map((a) => sharp(a.data).resize({ width: 540 }).jpeg({ quality: 80 }).toBuffer()));
const feed = [...reposts, ...unrelated];
/** Every scan gets URLs never seen before: a verdict cached by an earlier phase must not answer. */
const feedUrls = (phase: string) => feed.map((data, i) => {
  const token = `1040g0g${phase}${String(i).padStart(19 - phase.length, '0')}`;
  return { token, url: server.addImage(token, { data, mime: 'image/jpeg' }) };
});

const ext = await launchChromium({ sitesPort: server.port, args: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });
const page = await ext.context.newPage();
await page.addInitScript(INSTRUMENT);
const galleryUrl = ext.extensionUrl('src/gallery/index.html');
await page.goto(galleryUrl);
// tsx compiles named closures with esbuild's __name helper, which evaluated code does not have.
const NAME_SHIM = 'globalThis.__name = (f) => f';
await page.evaluate(NAME_SHIM);
await ext.extensionEval(() => { (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f; });

/** A message to the background from an extension page (the control page, or the Gallery page). */
const call = <R>(where: Page | null, type: string, payload: unknown): Promise<R> => {
  const fn = async ([t, p]: [string, unknown]) => {
    const reply = await chrome.runtime.sendMessage({ type: t, to: t.startsWith('model/') ? 'model-host' : 'background', payload: p });
    if (!reply?.ok) throw new Error(`${t}: ${reply?.error ?? 'no reply'}`);
    return reply.value;
  };
  return (where ? where.evaluate(fn, [type, payload] as [string, unknown]) : ext.extensionEval(fn, [type, payload] as [string, unknown])) as Promise<R>;
};

// 1. Imports through the page, as the artist would: files picked in batches, one import that grows.
log(`importing ${IMPORTS} works`);
const importStart = Date.now();
for (let i = 0; i < files.length; i += BATCH) await page.setInputFiles('[data-testid=file-input]', files.slice(i, i + BATCH));
const importLog = () => page.evaluate(() => (window as unknown as { __imports: ImportEntry[] }).__imports);
// Done when every file has an outcome and the summary is up (polled slowly: the page is busy importing).
while (completions(await importLog()).at.length < IMPORTS || !(await page.locator('[data-testid=import-summary]').count())) {
  await new Promise((r) => setTimeout(r, 2_000));
}
const importWall = (Date.now() - importStart) / 1000;
const summary = await page.locator('[data-testid=import-summary]').evaluate((el: HTMLElement) => ({ ...el.dataset }));
const { start, at } = completions(await importLog());
const rate = (n: number, ms: number) => (n / ms) * 1000;
const imports = {
  overall: rate(at.length, at.at(-1)! - start),
  first100: rate(100, at[99]! - start),
  last100: rate(100, at.at(-1)! - at[at.length - 101]!),
  wall: importWall,
  summary,
};

/** The gallery opened in the Gallery page, once the background has it in memory or (cold) must load it. */
async function openGallery(): Promise<{ firstTile: number; firstPicture: number; allPictures: number; searchable: number; tiles: number }> {
  await page.goto(galleryUrl);
  await page.evaluate(NAME_SHIM);
  await page.waitForFunction(() => {
    const { open } = (window as unknown as { __bench: { open: { allPictures?: number; searchable?: number } } }).__bench;
    return open.allPictures !== undefined && open.searchable !== undefined;
  },
    undefined, { timeout: 180_000, polling: 100 });
  return page.evaluate(() => (window as unknown as { __bench: { open: never } }).__bench.open);
}

/** ms from a change made in the page until the grid shows what it should, every tile on screen with its picture. */
async function settleAfter(change: 'search' | 'clear' | 'middle' | 'end', text = ''): Promise<{ grid: number; pictures: number; shown: string }> {
  return page.evaluate(async ([what, words]) => {
    const b = (window as unknown as { __bench: { frames: <T>(f: () => T | undefined) => Promise<T | -1>; settle: () => Promise<number> } }).__bench;
    const count = () => document.querySelector('[data-testid=gallery-shown]')?.textContent ?? '';
    const before = count();
    const t0 = performance.now();
    if (what === 'search' || what === 'clear') {
      const input = document.querySelector<HTMLInputElement>('[data-testid=gallery-search]')!;
      input.value = words;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const h = document.documentElement.scrollHeight - innerHeight;
      window.scrollTo(0, what === 'middle' ? h / 2 : h);
    }
    // A search has drawn when the count changes; a scroll, when the tiles on screen are others than before.
    const firstBefore = document.querySelector('[data-testid=work]')?.getAttribute('data-id');
    const grid = await b.frames(() => {
      if (what === 'search' || what === 'clear') return count() !== before ? performance.now() : undefined;
      const first = (window as unknown as { __bench: { onScreen: () => Element[] } }).__bench.onScreen()[0]?.getAttribute('data-id');
      return first && first !== firstBefore ? performance.now() : undefined;
    });
    const pictures = await b.settle();
    return { grid: grid === -1 ? -1 : grid - t0, pictures: pictures === -1 ? -1 : pictures - t0, shown: count() };
  }, [change, text] as const);
}

/** Feed pictures scanned one at a time through the background (fetch, signals, match, verdict). */
async function scanFeed(phase: string): Promise<Percentiles & { flagged: number; failed: number }> {
  const list = feedUrls(phase);
  const r = await page.evaluate(async (items) => {
    const times: number[] = [];
    let flagged = 0, failed = 0;
    for (const { token, url } of items) {
      const t = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'scan/image', to: 'background', payload: {
        site: 'xiaohongshu', imageKey: `xhs:${token}`, fetchUrl: url, displayUrl: url, priority: 0,
        post: { postId: token, postUrl: 'https://www.xiaohongshu.com/explore' } } });
      times.push(performance.now() - t);
      if (!reply?.ok || reply.value.error) failed++;
      else if (reply.value.kind !== 'none') flagged++;
    }
    return { times, flagged, failed };
  }, list);
  return { ...percentiles(r.times), flagged: r.flagged, failed: r.failed };
}

/** Everything measured at one gallery size. */
async function atScale(works: number, phase: string) {
  log(`measuring at ${works} works`);
  // What every load of the gallery starts with: reading all works (fingerprints included) from IndexedDB.
  const idbRead = await ext.extensionEval(async () => {
    const t = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('inkseal');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    const n = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('works').objectStore('works').getAll();
      req.onsuccess = () => resolve(req.result.length);
      req.onerror = () => reject(req.error ?? new Error('read failed'));
    });
    db.close();
    return { ms: performance.now() - t, works: n };
  });
  // The background as after a sleep: the first message that needs the gallery loads it from IndexedDB.
  await ext.stopBackground();
  const wakeStart = Date.now();
  const count = await call<{ works: number }>(null, 'gallery/count', {});
  const wakeMs = Date.now() - wakeStart;
  if (count.works !== works) throw new Error(`expected ${works} works, the background has ${count.works}`);
  const queries = await Promise.all(feedUrls(`${phase}q`).map(({ url }) => call<WireSignals>(null, 'model/signals', { url, role: 'query' })));
  const match = await call<MatchTimes & { works: number; firstMs: number }>(null, 'bench/match-gallery', { queries, runs: 10 });
  const backgroundHeap = await workerHeap(ext.context, ext.extensionId);

  await ext.stopBackground();
  const cold = await openGallery();
  const warm = await openGallery();
  const pageOpened = await pageHeap(ext.context, page);
  const list = await page.evaluate(async () => {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'gallery/list', to: 'background', payload: {} });
    return { ms: performance.now() - t, bytes: JSON.stringify(reply.value).length };
  });
  const search = await settleAfter('search', SEARCH);
  const clear = await settleAfter('clear');
  const middle = await settleAfter('middle');
  const end = await settleAfter('end');
  const pageScrolled = await pageHeap(ext.context, page);
  const scan = await scanFeed(phase);
  // The first picture after the background slept: its wake and the gallery's load are in this picture's time.
  const firstScans: number[] = [];
  for (let i = 0; i < 3; i++) {
    await ext.stopBackground();
    const [one] = feedUrls(`${phase}w${i}`).slice(FEED / 2);
    const t = Date.now();
    await call(page, 'scan/image', { site: 'xiaohongshu', imageKey: `xhs:${one!.token}`, fetchUrl: one!.url, displayUrl: one!.url, priority: 0,
      post: { postId: one!.token, postUrl: 'https://www.xiaohongshu.com/explore' } });
    firstScans.push(Date.now() - t);
  }
  return { works, wakeMs, match, backgroundHeap, cold, warm, pageOpened, pageScrolled, list, idbRead, search, clear, middle, end, scan, firstScans };
}

const importedHeap = await workerHeap(ext.context, ext.extensionId);
const small = await atScale(IMPORTS, 'a');

log(`seeding ${TOTAL - IMPORTS} works`);
const seedStart = Date.now();
for (let first = 0; first < TOTAL - IMPORTS; first += SEED_CHUNK) {
  await ext.extensionEval(seedWorks, { first, count: Math.min(SEED_CHUNK, TOTAL - IMPORTS - first), seed: 11 });
}
// As any change to the gallery does, so verdicts cached against the smaller gallery are not reused.
await ext.extensionEval(async () => {
  const { galleryVersion: v } = await chrome.storage.local.get('galleryVersion');
  await chrome.storage.local.set({ galleryVersion: (typeof v === 'number' ? v : 0) + 1 });
});
const seedSeconds = (Date.now() - seedStart) / 1000;
const large = await atScale(TOTAL, 'b');
clearInterval(loadTimer);
sampleLoad();

// The table.
const ms = (v: number) => (v < 0 ? 'timed out' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const pct = (p: Percentiles) => `p50 ${ms(p.p50)} · p95 ${ms(p.p95)} (n=${p.n})`;
const mb = (h: Heap) => `${h.js.toFixed(1)} MB${h.buffers >= 0.05 ? ` + ${h.buffers.toFixed(1)} MB typed arrays` : ''}`;
const version = execFileSync(CHROMIUM, ['--version']).toString().trim();
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${version}, headless; 1-min load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log(`import of ${IMPORTS} distinct 800×600 JPEGs through the Gallery page (${IMPORTS / BATCH} batches of ${BATCH} files):`);
console.log(`  ${imports.overall.toFixed(2)} works/s overall (${imports.wall.toFixed(0)} s wall); first 100 ${imports.first100.toFixed(2)} works/s, last 100 ${imports.last100.toFixed(2)} works/s`);
console.log(`  summary: added ${summary.added}, duplicates ${summary.duplicates}, failed ${summary.failed}, not added ${summary.notAdded}; background heap after ${mb(importedHeap)}`);
console.log(`seeding ${TOTAL - IMPORTS} more works into IndexedDB: ${seedSeconds.toFixed(0)} s`);
const rows: [string, (s: typeof small) => string][] = [
  ['background wakes and reads the works (gallery/count)', (s) => ms(s.wakeMs)],
  ['reading every work from IndexedDB (an extension page)', (s) => ms(s.idbRead.ms)],
  ['background JS heap (after GC)', (s) => mb(s.backgroundHeap)],
  ['matching one feed picture for its badge, loaded gallery', (s) => `${pct(s.match)}; first after a wake, matcher built ${ms(s.match.firstMs)}`],
  ['its screen shortlist, in the closer look (pictures with a screen)', (s) => (s.match.screens ? pct(s.match.screens) : 'no screen seen')],
  ['scan of one feed picture (fetch … verdict), one at a time', (s) => `${pct(s.scan)}; flagged ${s.scan.flagged}/${FEED}, failed ${s.scan.failed}`],
  ['first scan after the background slept (3 runs)', (s) => s.firstScans.map(ms).join(', ')],
  ['Gallery page open, background asleep: first tile / first picture / all on screen / search ready', (s) => `${ms(s.cold.firstTile)} / ${ms(s.cold.firstPicture)} / ${ms(s.cold.allPictures)} / ${ms(s.cold.searchable)}`],
  ['Gallery page open, background awake: first tile / first picture / all on screen / search ready', (s) => `${ms(s.warm.firstTile)} / ${ms(s.warm.firstPicture)} / ${ms(s.warm.allPictures)} / ${ms(s.warm.searchable)} (${s.warm.tiles} tiles)`],
  ['gallery/list round trip, size', (s) => `${ms(s.list.ms)}, ${(s.list.bytes / 1024).toFixed(0)} KB`],
  ['Gallery page JS heap (after GC): opened / after search and scrolls', (s) => `${mb(s.pageOpened)} / ${mb(s.pageScrolled)}`],
  [`search "${SEARCH}": grid narrowed / pictures shown`, (s) => `${ms(s.search.grid)} / ${ms(s.search.pictures)} (${s.search.shown})`],
  ['search cleared: grid / pictures', (s) => `${ms(s.clear.grid)} / ${ms(s.clear.pictures)}`],
  ['scroll to the middle: tiles / pictures', (s) => `${ms(s.middle.grid)} / ${ms(s.middle.pictures)}`],
  ['scroll to the end: tiles / pictures', (s) => `${ms(s.end.grid)} / ${ms(s.end.pictures)}`],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`${''.padEnd(width)} | ${String(small.works).padEnd(48)} | ${large.works} works`);
for (const [label, f] of rows) console.log(`${label.padEnd(width)} | ${f(small).padEnd(48)} | ${f(large)}`);

await ext.close();
await server.close();
