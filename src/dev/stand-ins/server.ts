// Local HTTPS stand-in for the real sites. Chromium maps the real host names here with --host-resolver-rules,
// so the manifest's match patterns and the background's real fetches are exercised unchanged. Each site lives
// in src/dev/stand-ins/sites/<site>/; this file only owns the socket, the host dispatch (by the site records in
// src/sites) and the request log.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generate } from 'selfsigned';
import type { XhsCard } from './sites/xiaohongshu/explore';
import { XiaohongshuSite } from './sites/xiaohongshu';
import { serveXhsCdn, type DisplayUrlPolicy } from './sites/xiaohongshu/cdn';
import { WeiboSite } from './sites/weibo';
import { serveSinaimg } from './sites/weibo/sinaimg';
import { WeiboMobileSite } from './sites/weibo-mobile';
import { GENERIC_ORIGIN, GenericSite } from './sites/generic';
import { GREY_ICON, ImageStore, type FailurePlan, type StoredImage } from './sites/shared/images';
import { open as hostileOpen, type HostileKind } from './sites/shared/hostile';
import type { FixturePost, PublishedPost, SiteId, SiteOptions } from './sites/shared/types';
import { serveComplaint } from './sites/shared/complaints';
import { complaintHosts, hostMatches, siteHosts, SITES, type SiteId as RecordId } from '../../sites';

export type { StoredImage, FailurePlan } from './sites/shared/images';
export type { DisplayUrlPolicy } from './sites/xiaohongshu/cdn';
export type { HostileKind } from './sites/shared/hostile';
export type { FixturePost, PublishedImage, PublishedPost, SiteId, SiteOptions } from './sites/shared/types';

/** Every host the extension meets in tests: the sites' pages and CDNs, the generic stand-in, the complaint pages. */
export const MAPPED_HOSTS = [
  ...siteHosts(),
  new URL(GENERIC_ORIGIN).hostname,
  ...complaintHosts(),
];

/** The --host-resolver-rules value that sends every real host the extension meets to `port` on this machine. */
export function hostResolverRules(port: number): string {
  return MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}

/** One image request as the CDN saw it: enough to assert what was fetched, by whom, with which Referer. */
export interface ImageRequest {
  host: string;
  /** Path and query. */
  path: string;
  referer: string | null;
  /** Sec-Fetch-Dest: `image` for an <img> load, `empty` for fetch() (page or extension). */
  dest: string | null;
  status: number;
  /** The Cookie header sent, if any: the extension's own picture fetches must carry none. */
  cookie: string | null;
  /** Hostile slow-loris responses still hanging when this request arrived. */
  slowLorisOpen: number;
}

/** One request of any kind, with the headers that tell who made it (a page, or the extension itself). */
export interface TrafficRecord {
  host: string;
  path: string;
  /** Sec-Fetch-Dest and Sec-Fetch-Site as the browser stamped them (`none` site: nobody's page asked). */
  dest: string | null;
  fetchSite: string | null;
  /** The Origin header: `chrome-extension://…` / `moz-extension://…` on the extension's own fetches. */
  origin: string | null;
  /** The Referer header, which the extension may set on CDN fetches (referer-rules.ts). */
  referer: string | null;
}

export interface FixtureServer {
  port: number;
  /** The --host-resolver-rules value mapping every real host to this server. */
  hostRules: string;
  /** Registers image bytes under a stable Xiaohongshu image token; returns the signed display URL a feed would show. */
  addImage(token: string, image: StoredImage): string;
  /** The legacy Xiaohongshu feed of single-image cards (test/support/feed.ts); replaces any published notes. */
  setXhsFeed(cards: XhsCard[]): void;
  /** Replaces a site's posts; ids, tokens and pids are derived deterministically unless given. */
  setSite(site: SiteId, posts: FixturePost[], options?: SiteOptions): Promise<PublishedPost[]>;
  /** Makes requests for one image (token, pid or generic id; any size or host) fail with HTTP 500. */
  failImage(imageId: string, plan?: FailurePlan): void;
  /** Gives the extension's fetches of one image a hostile answer (the page's own <img> load still gets the picture). */
  makeHostile(imageId: string, kind: HostileKind): void;
  /** Slow-loris responses hanging now. */
  slowLorisOpen(): number;
  /**
   * Requests that reached the internal-address stand-in (https://127.0.0.1:<port>/internal/…), with their
   * Sec-Fetch-Dest: `image` is a page's <img>; anything else came from the extension, which must never ask.
   */
  internalRequests: { path: string; dest: string | null }[];
  /** Xiaohongshu display URL lifetime and backdating, e.g. { backdateMs: 2 * 3600_000 } serves expired URLs. */
  setDisplayUrlPolicy(policy: DisplayUrlPolicy): void;
  /** Requests seen, as `host path`, for asserting what the extension fetched. */
  requests: string[];
  /** Image requests only, with their Referer and the status served. */
  imageRequests: ImageRequest[];
  /** Every request, with the headers that tell who made it (for privacy tests: where the extension went). */
  traffic: TrafficRecord[];
  close(): Promise<void>;
}

/** A site's stand-in: its pages (by host, where a site has several UIs) and its picture CDN, which returns the
 *  status it served for the image log. */
interface StandIn {
  page(req: IncomingMessage, url: URL, res: ServerResponse, host: string): void;
  cdn(req: IncomingMessage, url: URL, res: ServerResponse, host: string): Promise<number | null>;
}

export interface FixtureServerOptions {
  /** How long Xiaohongshu display URLs stay valid (default one hour). */
  displayUrlTtlMs?: number;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const images = new ImageStore();
  const xhs = new XiaohongshuSite(images);
  xhs.signer.configure({ ttlMs: options.displayUrlTtlMs });
  const weibo = new WeiboSite(images);
  const weiboMobile = new WeiboMobileSite(images);
  const generic = new GenericSite(images);
  // What stands in for each site record's pages and picture CDN; the generic site's pages are any origin, and
  // its one stand-in origin (GENERIC_ORIGIN) is routed on its own.
  const standIns: Record<RecordId, StandIn | null> = {
    xiaohongshu: {
      page: (req, url, res) => xhs.route(req, url, res),
      cdn: (req, url, res) => serveXhsCdn(req, url, res, images, xhs.signer),
    },
    weibo: {
      page: (req, url, res, host) => (host === 'm.weibo.cn' ? weiboMobile : weibo).route(req, url, res),
      cdn: (req, url, res) => serveSinaimg(req, url, res, images),
    },
    generic: null,
  };
  const requests: string[] = [];
  const imageRequests: ImageRequest[] = [];
  const traffic: TrafficRecord[] = [];
  const internalRequests: { path: string; dest: string | null }[] = [];
  const pems = await generate([{ name: 'commonName', value: 'www.xiaohongshu.com' }], { keySize: 2048 });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`${host} ${url.pathname}`);
    const dest = (req.headers['sec-fetch-dest'] as string | undefined) ?? null;
    traffic.push({
      host, path: url.pathname + url.search, dest, fetchSite: (req.headers['sec-fetch-site'] as string | undefined) ?? null,
      origin: req.headers.origin ?? null, referer: req.headers.referer ?? null,
    });
    const slowLorisOpen = hostileOpen.slowLoris;
    const logImage = (status: number | null) => {
      if (status === null) return;
      imageRequests.push({
        host, path: url.pathname + url.search, status, referer: req.headers.referer ?? null, dest,
        cookie: req.headers.cookie ?? null, slowLorisOpen,
      });
    };
    if (url.pathname === '/favicon.ico') {
      return void res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' }).end(GREY_ICON);
    }
    const site = SITES.find((s) => s.hosts.some((h) => hostMatches(h, host)));
    const pages = site && standIns[site.id];
    if (pages) return pages.page(req, url, res, host);
    const cdn = SITES.find((s) => s.cdn.some((c) => hostMatches(c.host, host)));
    const pictures = cdn && standIns[cdn.id];
    if (pictures) return logImage(await pictures.cdn(req, url, res, host));
    if (`https://${host}` === GENERIC_ORIGIN) return logImage(await generic.route(req, url, res));
    if (complaintHosts().includes(host)) return serveComplaint(host, url, res);
    // An IP literal: the stand-in for an address inside the artist's network.
    if (host === '127.0.0.1') {
      internalRequests.push({ path: url.pathname, dest });
      const m = url.pathname.match(/^\/internal\/([\w-]+)$/);
      if (m) return void (await images.serve(res, m[1]!, 'image'));
    }
    // 421 Misdirected Request: no stand-in for this host (a meta-test tells it from a stand-in's 404).
    res.writeHead(421).end();
  }

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    route(req, res).catch((err: unknown) => {
      console.error('[fixture-server]', req.headers.host, req.url, err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  images.internalOrigin = `https://127.0.0.1:${port}`;
  return {
    port,
    hostRules: hostResolverRules(port),
    addImage(token, image) {
      images.set(token, image);
      return xhs.signer.url(token);
    },
    setXhsFeed: (cards) => xhs.setCards(cards),
    setSite(site, posts, siteOptions) {
      if (site === 'xiaohongshu') return xhs.publish(posts, siteOptions);
      if (site === 'weibo') return weibo.publish(posts, siteOptions);
      if (site === 'weibo-mobile') return weiboMobile.publish(posts);
      return generic.publish(posts);
    },
    failImage: (imageId, plan) => images.fail(imageId, plan),
    makeHostile: (imageId, kind) => images.makeHostile(imageId, kind),
    slowLorisOpen: () => hostileOpen.slowLoris,
    internalRequests,
    setDisplayUrlPolicy: (policy) => xhs.signer.configure(policy),
    requests,
    imageRequests,
    traffic,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
