// Pictures served to hurt the extension: six responses that never finish (slow-loris), a body that never ends,
// a 981-byte JPEG claiming 19,999 × 19,999 px, a redirect to an internal address and a page naming an internal
// address outright. The page itself sees ordinary pictures (the server answers only the extension's fetches the
// hostile way). Scanning goes on — a copy in another tab, on a feed with hostile pictures of its own, is
// fetched while all six still hang — every hostile picture ends as a refusal the popup words, and the internal
// address is never asked for anything by the extension.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer, type HostileKind } from '../../src/dev/stand-ins/server';
import { count, reportVia, tabIdOf, until } from '../support/feed';
import { artistWorks, corpusImages, enableSite, feed, launchWithGallery, repost, scrollToEnd } from '../support/scenario';
import type { Refusal } from '../../src/shared/refusal';
import type { TabReport } from '../../src/shared/types';

const SLOW = 6;

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
});
afterAll(async () => server?.close());

/** Refusals by post, for comparing a report with what each post was served. */
const refusals = (r: TabReport) => Object.fromEntries(r.failed.map((f) => [f.postId, f.refusal]));

/** The popup's refusal lines for a tab: reason → count. */
async function popupReasons(ext: ExtensionSession, tabId: number): Promise<Record<string, number>> {
  const popup: TabPage = await ext.newPage();
  await popup.goto(ext.extensionUrl(`src/popup/index.html?tab=${tabId}`));
  const reasons = await until(
    () => popup.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid=failed-reasons] [data-reason]')]
      .map((li) => [li.dataset.reason!, Number(li.dataset.count)]))),
    (r) => Object.keys(r).length > 0,
  );
  await popup.close();
  return reasons;
}

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchWithGallery(browser, works, { sitesPort: server.port, grantedHosts: ['https://art.example.test/*'] });
  });
  afterAll(async () => ext?.close());

  test('hostile pictures end as refusals the artist sees, never hold up a copy, and never reach an internal address', async () => {
    const plain = await corpusImages(8);
    const internalSince = server.internalRequests.length;

    // A generic page of six pictures that hang for the extension, and one named by an internal address.
    const generic = await server.setSite('generic', [
      ...plain.slice(0, SLOW).map((image, i) => ({ id: `hung-${i}`, images: [image] })),
      { id: 'inside', images: [plain[6]!], internal: true },
    ]);
    for (const p of generic.slice(0, SLOW)) server.makeHostile(p.images[0]!.id, 'slow-loris');
    const page = await ext.newPage();
    await page.goto('https://art.example.test/gallery.html');
    const genericTab = await tabIdOf(ext, 'https://art.example.test/*');
    await enableSite(ext, genericTab, 'https://art.example.test/gallery.html');
    // A reader scrolls through it: every picture comes into view and is asked about.
    await scrollToEnd(page, 'inside', 600, 200);
    await until(async () => server.slowLorisOpen(), (n) => n === SLOW);

    // A Xiaohongshu feed with a copy among a bomb, an endless body and a redirect to the internal address.
    const xposts = await server.setSite('xiaohongshu', feed(plain.slice(0, 6), [{ at: 4, image: await repost(works[0]!.data, 'reencoded') }]));
    const served: [number, HostileKind][] = [[0, 'bomb'], [2, 'endless'], [6, 'redirect-internal']];
    for (const [at, kind] of served) server.makeHostile(xposts[at]!.images[0]!.id, kind);
    const xhs = await ext.newPage();
    await xhs.goto('https://www.xiaohongshu.com/explore');
    const xhsTab = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');

    // The copy is badged; the extension fetched it while all six hung responses were still open.
    await until(() => count(xhs, 'inkseal-badge'), (n) => n === 1);
    const copyToken = xposts[4]!.images[0]!.id;
    const copyFetch = server.imageRequests.find((r) => r.dest !== 'image' && r.path.startsWith(`/${copyToken}`));
    expect(copyFetch?.slowLorisOpen).toBe(SLOW);

    const xhsReport = await until(() => reportVia(ext, xhsTab), (r) => r.scanned >= xposts.length);
    expect(xhsReport.findings.map((f) => f.post.postId)).toEqual([xposts[4]!.id]);
    expect(refusals(xhsReport)).toEqual({ [xposts[0]!.id]: 'too-large', [xposts[2]!.id]: 'too-large', [xposts[6]!.id]: 'redirected' } satisfies Record<string, Refusal>);

    // The hung pictures end as timed out (each tried twice), the internal one as refused unfetched.
    const genericReport = await until(() => reportVia(ext, genericTab), (r) => r.scanned >= generic.length, 90_000);
    expect(genericReport.findings).toEqual([]);
    expect(Object.values(refusals(genericReport)).sort()).toEqual(['blocked-address', ...Array<Refusal>(SLOW).fill('timed-out')]);
    expect(await popupReasons(ext, genericTab)).toEqual({ 'timed-out': SLOW, 'blocked-address': 1 });
    expect(await popupReasons(ext, xhsTab)).toEqual({ 'too-large': 2, 'redirected': 1 });

    // The page showed the internal picture with its own <img>; the extension asked the internal address nothing,
    // neither named in the page nor at the end of a redirect.
    const internal = server.internalRequests.slice(internalSince);
    expect(internal.some((r) => r.dest === 'image')).toBe(true);
    expect(internal.filter((r) => r.dest !== 'image')).toEqual([]);
    await page.close();
    await xhs.close();
  });
});
