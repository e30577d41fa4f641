// Where the extension goes while the artist scrolls a whole Xiaohongshu feed: to the site's picture CDN and
// nowhere else (no analytics, no model download, no lookup service, not even the site's own pages or API).
// Chromium sends every host name to the stand-in server here (a catch-all resolver rule), so a request to any
// host, known or not, is seen; Firefox reaches only the mapped hosts (its proxy refuses the rest), so there the
// assertion covers the hosts the stand-in serves. The extension's own fetches are told from the page's by the
// Sec-Fetch headers: a programmatic fetch (dest `empty`) that is not the page's call to its own origin. Chromium
// stamps the extension's `Sec-Fetch-Site: none`; Firefox stamps `same-origin` towards the host it fetches, so
// there an extension fetch of the page's own host would pass for the page's — the CDN is another host.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, launchChromium, type BrowserName, type ExtensionSession } from '../support/driver';
import { hostResolverRules, startFixtureServer, type FixtureServer, type TrafficRecord } from '../../src/dev/stand-ins/server';
import { reportVia, tabIdOf, until } from '../support/feed';
import { addToGallery, artistWorks, corpusImages, feed, repost, scrollToEnd } from '../support/scenario';
import { hostMatches, xiaohongshu } from '../../src/sites';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
});
afterAll(async () => server?.close());

/**
 * Chromium's own services, which it calls with or without any extension (form autofill, the Google sign-in
 * check), and whose requests carry the same headers as an extension's: left out, by name, so the test stays
 * about the extension. Nothing Inkseal could want is among them (a model download would be another host).
 */
const BROWSER_OWN = ['content-autofill.googleapis.com', 'accounts.google.com'];

const PAGE_HOST = 'www.xiaohongshu.com';

const byExtension = (r: TrafficRecord) => !BROWSER_OWN.includes(r.host) && r.dest === 'empty'
  && !(r.host === PAGE_HOST && r.fetchSite === 'same-origin');

const onCdn = (host: string) => xiaohongshu.cdn.some((c) => hostMatches(c.host, host));
const ofSite = (host: string) => onCdn(host) || xiaohongshu.hosts.some((h) => hostMatches(h, host));

function start(browser: BrowserName): Promise<ExtensionSession> {
  if (browser === 'firefox') return launch(browser, { sitesPort: server.port });
  // The last --host-resolver-rules wins: the usual map, then every other name to the stand-in as well.
  return launchChromium({ sitesPort: server.port, args: [`--host-resolver-rules=${hostResolverRules(server.port)}, MAP * 127.0.0.1:${server.port}`] });
}

describe.each(BROWSERS)('%s', (browser) => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await start(browser);
    await addToGallery(ext, works);
  });
  afterAll(async () => ext?.close());

  test('a full scroll of the feed: the extension contacts the picture CDN and no other host', async () => {
    const posts = await server.setSite('xiaohongshu', feed(await corpusImages(59), [{ at: 30, image: await repost(works[0]!.data, 'reencoded') }]));
    const since = server.traffic.length;
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await scrollToEnd(page, posts.at(-1)!.id, 700, 200);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length);
    expect(report.findings).toHaveLength(1);

    const traffic = server.traffic.slice(since);
    const mine = traffic.filter(byExtension);
    // The control: the extension's fetches are seen (one per picture at least), so an empty list proves nothing.
    expect(mine.length).toBeGreaterThanOrEqual(posts.length);
    expect([...new Set(mine.map((r) => r.host))].filter((h) => !onCdn(h))).toEqual([]);
    // And nothing at all, page or extension, went to a host outside the site: no other host was even named.
    expect([...new Set(traffic.map((r) => r.host))].filter((h) => !ofSite(h) && !BROWSER_OWN.includes(h))).toEqual([]);
  });
});
