// `npm start`: opens Chromium with the built extension, a demo gallery and a demo Xiaohongshu feed holding
// reposts of two gallery works. Everything is generated here; nothing comes from ../shared or the network.
// `npm start -- --headless --screenshot out.png` does the same without a window, saves the flagged feed, exits.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { makeDemoArtworks } from './demo-art';
import { launchWithExtension } from '../../test/support/browser';
import { startFixtureServer } from '../../test/support/fixture-server';
import { tabIdOf, waitForScans, xhsCards, type FeedItem } from '../../test/support/feed';

const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, screenshot: { type: 'string' } },
  allowPositionals: true,
});

const GALLERY_SIZE = 4;
const FEED_SIZE = 16;

async function item(data: Buffer, title: string): Promise<FeedItem> {
  const jpeg = await sharp(data).jpeg({ quality: 82 }).toBuffer();
  const m = await sharp(jpeg).metadata();
  return { image: { data: jpeg, mime: 'image/jpeg' }, width: m.width!, height: m.height!, title };
}

async function main(): Promise<void> {
  console.log('Making the demo gallery and feed…');
  const art = await makeDemoArtworks(GALLERY_SIZE + FEED_SIZE, 7);
  const mine = art.slice(0, GALLERY_SIZE);
  const dir = mkdtempSync(join(tmpdir(), 'inkseal-demo-'));
  const galleryFiles = mine.map((a) => {
    const path = join(dir, `${a.name}.png`);
    writeFileSync(path, a.data);
    return path;
  });

  // Two reposts of the artist's works: one recompressed at half size, one mirrored — the usual theft.
  const repost1 = await sharp(mine[0]!.data).resize({ width: 320 }).jpeg({ quality: 70 }).toBuffer();
  const repost2 = await sharp(mine[2]!.data).flop().jpeg({ quality: 75 }).toBuffer();
  const others = await Promise.all(art.slice(GALLERY_SIZE).map((a, i) => item(a.data, `插画练习 #${i + 1}`)));
  const feed = [...others];
  feed.splice(2, 0, await item(repost1, '今日份插画分享（转自网络）'));
  feed.splice(9, 0, await item(repost2, '好喜欢这张，侵删'));

  const server = await startFixtureServer();
  server.setXhsFeed(xhsCards(server, feed));
  const ext = await launchWithExtension({ hostRules: server.hostRules, headless: values.headless });

  const gallery = ext.context.pages()[0] ?? (await ext.context.newPage());
  await gallery.goto(ext.extensionUrl('src/gallery/index.html'));
  await gallery.setInputFiles('[data-testid=file-input]', galleryFiles);
  await gallery.locator('[data-testid=work]').nth(GALLERY_SIZE - 1).waitFor({ timeout: 120_000 });
  console.log(`Gallery: ${GALLERY_SIZE} demo works added.`);

  const page = await ext.context.newPage();
  await page.goto('https://www.xiaohongshu.com/explore');
  const tabId = await tabIdOf(ext.worker, 'https://www.xiaohongshu.com/*');
  const report = await waitForScans(gallery, tabId, feed.length);
  console.log(`Feed: ${report.scanned} images scanned, ${report.findings.length} flagged.`);

  if (values.screenshot) {
    await page.locator('inkseal-badge').first().waitFor({ timeout: 30_000 });
    const out = resolve(values.screenshot);
    await page.screenshot({ path: out, fullPage: true });
    console.log(`Screenshot: ${out}`);
  }
  if (values.headless || values.screenshot) {
    await ext.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  console.log('Chromium is open on the demo feed. Close its window to stop.');
  await new Promise<void>((done) => ext.context.on('close', () => done()));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
