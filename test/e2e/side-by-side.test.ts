// Pictures side by side in one container on a generic site: every picture is a candidate with the same parent,
// so a badge per parent used to carry one verdict for all of them (a copy next to a plain picture lost its badge
// to the plain one's "no match"). Each flagged picture must show its own badge, over its own picture, where a
// reader's pointer at the badge finds the badge.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { reportVia, tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, enableSite, launchWithGallery, repost } from '../support/scenario';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(2);
});
afterAll(async () => server?.close());

interface Placed {
  /** The picture the badge names (its data-post-id: a generic picture's URL is its post). */
  picture: string;
  /** Pictures whose box holds the badge's centre. */
  over: string[];
  /** What a pointer at the badge's centre would hit. */
  hit: 'this badge' | 'another badge' | string;
  sameParent: boolean;
}

/** Every badge on the page with where it sits, measured in the page as a reader sees it. */
function placed(page: TabPage): Promise<Placed[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('inkseal-badge')].map((b) => {
    b.scrollIntoView({ block: 'center' });
    const r = b.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    const over = [...document.images].filter((img) => {
      const p = img.getBoundingClientRect();
      return x >= p.left && x <= p.right && y >= p.top && y <= p.bottom;
    });
    const at = document.elementFromPoint(x, y);
    const own = [...document.images].find((img) => img.src.split('?')[0] === b.dataset.postId);
    return {
      picture: b.dataset.postId ?? '',
      over: over.map((img) => img.src.split('?')[0]!),
      hit: at === b ? 'this badge' : at?.tagName === 'INKSEAL-BADGE' ? 'another badge' : (at?.tagName ?? 'nothing'),
      sameParent: own?.parentElement === b.parentElement,
    };
  }));
}

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port, grantedHosts: ['https://art.example.test/*'] });
  });
  afterAll(async () => ext?.close());

  test('two pictures in one row each get their own badge, over their own picture', async () => {
    const plain = await corpusImages(3);
    const posts: PublishedPost[] = await server.setSite('generic', [
      { id: 'before', images: [plain[0]!] },
      // A copy beside a plain picture: the plain one's verdict must not take the copy's badge away.
      { id: 'copy-and-plain', sideBySide: true, images: [await repost(works[0]!.data, 'reencoded'), plain[1]!] },
      // Two copies side by side: two badges in one container, each over its own copy.
      { id: 'two-copies', sideBySide: true, images: [plain[2]!, await repost(works[1]!.data, 'reencoded'), await repost(works[0]!.data, 'mirrored-crop')] },
    ]);
    const page = await ext.newPage();
    await page.goto('https://art.example.test/gallery.html');
    const tabId = await tabIdOf(ext, 'https://art.example.test/*');
    await enableSite(ext, tabId, 'https://art.example.test/gallery.html');
    // Every picture in reach, scanned: the page is short, but lazy ones load only near the viewport.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    const images = posts.flatMap((p) => p.images);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= images.length);

    const url = (post: number, k: number) => posts[post]!.images[k]!.url;
    const copies = [url(1, 0), url(2, 1), url(2, 2)];
    expect(report.findings.map((f) => f.post.postId).sort()).toEqual([...copies].sort());
    const badges = await until(() => placed(page), (b) => b.length === copies.length);
    await page.screenshot(`artifacts/screenshots/side-by-side-${browser}.png`);
    expect(badges.map((b) => b.picture).sort()).toEqual([...copies].sort());
    for (const b of badges) {
      // Over its own picture only (pictures in a row never overlap), in that picture's own container, and on top.
      expect(b, b.picture).toEqual({ picture: b.picture, over: [b.picture], hit: 'this badge', sameParent: true });
    }
  });
});
