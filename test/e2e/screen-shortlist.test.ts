// A photographed screen whose work MobileNet's vectors do not point at, on the Xiaohongshu stand-in, in both
// browsers: a made sky on a monitor under a broad glare (checked offline with the CLI: with no work named by the
// screen's light and dark, nothing is shortlisted and the post is none). The built extension keeps each work's grey
// grid and the post's screen view (engine/screen-shortlist.ts), the service worker names the work that fits the
// screen, and the second stage's screen look confirms it: the post is badged with that work as a photo of a screen.
// Another sky on the same monitor, which no work shows, is not flagged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { BROWSERS, type ExtensionSession } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { badgesOn, reportVia, tabIdOf, until } from '../support/feed';
import { corpusImages, feed, launchWithGallery } from '../support/scenario';
import { makeDemoArtworks } from '../../src/cli/demo-art';
import { onGlaredScreen, smooth } from '../support/pictures';
import type { Raster } from '../../src/engine/image';

let server: FixtureServer;
let posts: PublishedPost[];
let works: { name: string; data: Buffer }[];
const AT = { screen: 1, other: 3 } as const;

const encode = (r: Raster) => sharp(Buffer.from(r.data), { raw: { width: r.width, height: r.height, channels: 3 } });

beforeAll(async () => {
  server = await startFixtureServer();
  const demo = await makeDemoArtworks(2, 2026);
  works = [
    { name: 'evening-sky.png', data: await encode(smooth(12, 480, 300)).png().toBuffer() },
    { name: 'dawn-sky.png', data: await encode(smooth(2, 480, 300)).png().toBuffer() },
    ...demo,
  ];
  const photo = async (seed: number) => ({ data: await encode(onGlaredScreen(smooth(seed, 480, 300)).img).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' as const });
  posts = await server.setSite('xiaohongshu', feed(await corpusImages(3), [
    { at: AT.screen, image: await photo(12) },
    { at: AT.other, image: await photo(31) },
  ]));
});
afterAll(async () => server?.close());


describe.each(BROWSERS)('%s: a screen the vectors miss', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port });
  });
  afterAll(async () => ext?.close());

  test('the sky on the glared monitor is badged with its work as a photo of a screen; another sky is not flagged', async () => {
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const screenId = posts[AT.screen]!.id, otherId = posts[AT.other]!.id;
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length && r.findings.some((f) => f.post.postId === screenId && f.verdict?.kind === 'edit'), 60_000);
    const found = report.findings.find((f) => f.post.postId === screenId && f.verdict?.kind === 'edit')!;
    expect(found.verdict).toMatchObject({ workName: 'evening-sky.png', signal: 'screen', transform: 'screen-photo' });
    expect(report.findings.filter((f) => f.post.postId === otherId && (f.verdict?.kind === 'copy' || f.verdict?.kind === 'edit'))).toEqual([]);
    await page.evaluate((id) => document.querySelector(`a.cover[href*="${id}"]`)?.scrollIntoView({ block: 'center' }), screenId);
    const shown = await until(() => badgesOn(page), (bs) => bs.some((b) => b.post === screenId && b.reachable), 30_000);
    expect(shown.find((b) => b.post === screenId)).toMatchObject({ verdict: 'edit', reachable: true });
    await page.screenshot(`artifacts/screenshots/screen-shortlist-${browser}.png`);
    await page.close();
  });
});
