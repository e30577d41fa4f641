// Local HTTPS stand-in for the real sites. Chromium maps the real host names here with --host-resolver-rules,
// so the manifest's match patterns and the background's real fetches are exercised unchanged.
import { createServer, type Server } from 'node:https';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generate } from 'selfsigned';
import { explorePage, type XhsCard } from '../fixtures/sites/xiaohongshu/explore';

export const MAPPED_HOSTS = ['www.xiaohongshu.com', '*.xhscdn.com', 'ci.xiaohongshu.com'];

export interface StoredImage { data: Buffer; mime: string }

export interface FixtureServer {
  port: number;
  /** The --host-resolver-rules value mapping every real host to this server. */
  hostRules: string;
  /** Registers image bytes under a stable image token; returns the signed display URL a feed would show. */
  addImage(token: string, image: StoredImage): string;
  setXhsFeed(cards: XhsCard[]): void;
  /** Requests seen, as `host path`, for asserting what the extension fetched. */
  requests: string[];
  close(): Promise<void>;
}

const SIGNING_KEY = 'inkseal-fixture';
/** Display URLs expire like the real signed ones; the server refuses an expired or forged signature. */
const DISPLAY_URL_TTL_MS = 60 * 60 * 1000;

function sign(time: string, token: string): string {
  return createHash('md5').update(`${SIGNING_KEY}/${time}/${token}`).digest('hex');
}

function displayUrl(token: string, now = Date.now()): string {
  const time = String(Math.floor(now / 1000));
  return `https://sns-webpic-qc.xhscdn.com/${time}/${sign(time, token)}/${token}!nd_dft_wlteh_webp_3`;
}

/** A plain grey square, for avatars. */
const AVATAR = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAG0lEQVR4nGP4TyZgGNU4qnFU46jGUY3DTCMAeLnzkY1pnwsAAAAASUVORK5CYII=',
  'base64',
);

export async function startFixtureServer(): Promise<FixtureServer> {
  const images = new Map<string, StoredImage>();
  let feed: XhsCard[] = [];
  const requests: string[] = [];
  const pems = await generate([{ name: 'commonName', value: 'www.xiaohongshu.com' }], { keySize: 2048 });

  function sendImage(res: ServerResponse, img: StoredImage | undefined): void {
    if (!img) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': img.mime, 'cache-control': 'max-age=3600' }).end(img.data);
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`${host} ${url.pathname}`);
    if (host === 'www.xiaohongshu.com') {
      if (url.pathname === '/explore' || url.pathname === '/') {
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(explorePage(feed));
      }
      return void res.writeHead(404).end();
    }
    if (host === 'sns-webpic-qc.xhscdn.com') {
      const m = url.pathname.match(/^\/(\d+)\/([0-9a-f]{32})\/([^!/]+)(?:!.*)?$/);
      if (!m) return void res.writeHead(404).end();
      const [, time, sig, token] = m as unknown as [string, string, string, string];
      const expired = Date.now() - Number(time) * 1000 > DISPLAY_URL_TTL_MS;
      if (sig !== sign(time, token) || expired) return void res.writeHead(403).end('signature expired');
      return sendImage(res, images.get(token));
    }
    if (host === 'ci.xiaohongshu.com') return sendImage(res, images.get(url.pathname.slice(1)));
    if (host === 'sns-avatar-qc.xhscdn.com') return void res.writeHead(200, { 'content-type': 'image/png' }).end(AVATAR);
    res.writeHead(404).end();
  }

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostRules: MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    addImage(token, image) {
      images.set(token, image);
      return displayUrl(token);
    },
    setXhsFeed(cards) { feed = cards; },
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
