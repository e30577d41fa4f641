// `npm start`: opens a browser with the built extension, a demo gallery and a demo Xiaohongshu feed holding
// reposts of two gallery works. Everything is generated here; nothing comes from ../shared or the network.
//   npm start -- --browser firefox                       the same in Firefox (build it with npm run build:firefox)
//   npm start -- --headless --screenshot out.png         no window: saves the flagged feed and exits
//   npm start -- --headless --tour docs/screenshots      also walks the report flow and saves its pages
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { makeDemoArtworks } from './demo-art';
import { tour } from './tour';
import { launch, type BrowserName, type ExtensionSession } from '../dev/driver';
import { startFixtureServer } from '../dev/stand-ins/server';
import { until } from '../dev/until';
import type { FixturePost } from '../dev/stand-ins/server';
import type { TabReport } from '../shared/types';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    tour: { type: 'string' },
    browser: { type: 'string', default: 'chromium' },
  },
  allowPositionals: true,
});

const GALLERY_SIZE = 4;
const FEED_SIZE = 16;
const WAIT_MS = 120_000;

/** A window needs a display: re-run under xvfb-run when there is one to use, else say what to do. */
function needsDisplay(): boolean {
  if (values.headless || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return false;
  if (!process.env.INKSEAL_XVFB && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0) {
    const run = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit', env: { ...process.env, INKSEAL_XVFB: '1' },
    });
    process.exit(run.status ?? 1);
  }
  console.error('No display here: run `npm start -- --headless` (add `--screenshot out.png` to see the feed).');
  return true;
}

async function demoFeed(): Promise<{ gallery: { name: string; data: Buffer }[]; posts: FixturePost[] }> {
  const art = await makeDemoArtworks(GALLERY_SIZE + FEED_SIZE, 7);
  const mine = art.slice(0, GALLERY_SIZE);
  const jpeg = async (data: Buffer) => ({ data: await sharp(data).jpeg({ quality: 82 }).toBuffer(), mime: 'image/jpeg' });
  const posts: FixturePost[] = await Promise.all(art.slice(GALLERY_SIZE)
    .map(async (a, i) => ({ author: `画师${i + 1}`, text: `插画练习 #${i + 1}`, images: [await jpeg(a.data)] })));
  // Two reposts of the artist's works: one recompressed at half size, one mirrored — the usual theft.
  const repost1 = await sharp(mine[0]!.data).resize({ width: 320 }).jpeg({ quality: 70 }).toBuffer();
  const repost2 = await sharp(mine[2]!.data).flop().jpeg({ quality: 75 }).toBuffer();
  posts.splice(2, 0, { author: '搬运号', text: '今日份插画分享（转自网络）', images: [{ data: repost1, mime: 'image/jpeg' }] });
  posts.splice(9, 0, { author: '搬运号', text: '好喜欢这张，侵删', images: [{ data: repost2, mime: 'image/jpeg' }] });
  return { gallery: mine, posts };
}

async function run(ext: ExtensionSession, gallery: { name: string; data: Buffer }[], posts: FixturePost[]): Promise<void> {
  const page = await ext.newPage();
  await page.goto(ext.extensionUrl('src/gallery/index.html'));
  await page.setInputFiles('[data-testid=file-input]', gallery.map((w) => ({ name: w.name, mimeType: 'image/png', buffer: w.data })));
  await until(() => page.evaluate(() => document.querySelectorAll('[data-testid=work]').length), (n) => n >= GALLERY_SIZE, WAIT_MS);
  console.log(`Gallery: ${GALLERY_SIZE} demo works added.`);

  const feed = await ext.newPage();
  await feed.goto('https://www.xiaohongshu.com/explore');
  const tabId = await until(() => ext.extensionEval(async () => (await chrome.tabs.query({ url: 'https://www.xiaohongshu.com/*' }))[0]?.id ?? -1),
    (id) => id >= 0, WAIT_MS);
  const report = await until(() => ext.extensionEval(async (id) => {
    const reply = await chrome.runtime.sendMessage({ type: 'tab/report', to: 'background', payload: { tabId: id } });
    return reply?.ok ? (reply.value as TabReport) : undefined;
  }, tabId), (r) => r !== undefined && r.scanned >= posts.length, WAIT_MS);
  console.log(`Feed: ${report!.scanned} images scanned, ${report!.findings.length} flagged.`);

  if (values.screenshot) {
    await until(() => feed.evaluate(() => document.querySelectorAll('inkseal-badge').length), (n) => n > 0, WAIT_MS);
    const out = resolve(values.screenshot);
    await feed.screenshot(out, { fullPage: true });
    console.log(`Screenshot: ${out}`);
  }
  if (values.tour) await tour(ext, feed, values.tour);
}

async function main(): Promise<void> {
  const browser = values.browser as BrowserName;
  if (browser !== 'chromium' && browser !== 'firefox') throw new Error(`--browser is chromium or firefox, not ${values.browser}`);
  const dist = browser === 'firefox' ? 'dist/firefox' : 'dist/chrome';
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist} is not built: run ${browser === 'firefox' ? 'npm run build:firefox' : 'npm run build'} first`);
  }
  if (needsDisplay()) process.exit(1);
  console.log('Making the demo gallery and feed…');
  const { gallery, posts } = await demoFeed();
  const server = await startFixtureServer();
  await server.setSite('xiaohongshu', posts);
  // The browser's profile and uploads live in temp folders that closing the session removes.
  const ext = await launch(browser, { sitesPort: server.port, headless: values.headless });
  const stop = async () => {
    await ext.close().catch(() => undefined);
    await server.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    await run(ext, gallery, posts);
  } catch (err) {
    await stop();
    throw err;
  }
  if (values.headless || values.screenshot || values.tour) return stop();
  console.log(`${browser === 'firefox' ? 'Firefox' : 'Chromium'} is open on the demo feed. Close its window (or press Ctrl+C) to stop.`);
  await ext.closed;
  await stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
