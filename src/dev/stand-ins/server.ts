// Local HTTPS stand-in for the real sites. Chromium maps the real host names here with --host-resolver-rules,
// so the manifest's match patterns and the background's real fetches are exercised unchanged. Each site lives
// in src/dev/stand-ins/sites/<site>/; this file only owns the socket, the host dispatch and the request log.
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
import { GenericSite } from './sites/generic';
import { GREY_ICON, ImageStore, type FailurePlan, type StoredImage } from './sites/shared/images';
import type { FixturePost, PublishedPost, SiteId, SiteOptions } from './sites/shared/types';
import { COMPLAINT_HOSTS, serveComplaint } from './sites/shared/complaints';

export type { StoredImage, FailurePlan } from './sites/shared/images';
export type { DisplayUrlPolicy } from './sites/xiaohongshu/cdn';
export type { FixturePost, PublishedImage, PublishedPost, SiteId, SiteOptions } from './sites/shared/types';

export const MAPPED_HOSTS = [
  'www.xiaohongshu.com', '*.xhscdn.com', 'ci.xiaohongshu.com',
  'weibo.com', 'www.weibo.com', 'm.weibo.cn', '*.sinaimg.cn',
  'art.example.test',
  ...COMPLAINT_HOSTS,
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
  /** Xiaohongshu display URL lifetime and backdating, e.g. { backdateMs: 2 * 3600_000 } serves expired URLs. */
  setDisplayUrlPolicy(policy: DisplayUrlPolicy): void;
  /** Requests seen, as `host path`, for asserting what the extension fetched. */
  requests: string[];
  /** Image requests only, with their Referer and the status served. */
  imageRequests: ImageRequest[];
  close(): Promise<void>;
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
  const requests: string[] = [];
  const imageRequests: ImageRequest[] = [];
  const pems = await generate([{ name: 'commonName', value: 'www.xiaohongshu.com' }], { keySize: 2048 });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`${host} ${url.pathname}`);
    const logImage = (status: number | null) => {
      if (status === null) return;
      imageRequests.push({
        host, path: url.pathname + url.search, status,
        referer: req.headers.referer ?? null, dest: (req.headers['sec-fetch-dest'] as string | undefined) ?? null,
      });
    };
    if (url.pathname === '/favicon.ico') {
      return void res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' }).end(GREY_ICON);
    }
    if (host === 'www.xiaohongshu.com') return xhs.route(req, url, res);
    if (host.endsWith('.xhscdn.com') || host === 'ci.xiaohongshu.com') {
      return logImage(await serveXhsCdn(req, url, res, images, xhs.signer));
    }
    if (host === 'weibo.com' || host === 'www.weibo.com') return weibo.route(req, url, res);
    if (host === 'm.weibo.cn') return weiboMobile.route(req, url, res);
    if (host.endsWith('.sinaimg.cn')) return logImage(await serveSinaimg(req, url, res, images));
    if (host === 'art.example.test') return logImage(await generic.route(req, url, res));
    if (COMPLAINT_HOSTS.includes(host)) return serveComplaint(host, url, res);
    res.writeHead(404).end();
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
    setDisplayUrlPolicy: (policy) => xhs.signer.configure(policy),
    requests,
    imageRequests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
