// Hostile answers to the extension's own picture fetches (never to the page's <img> loads, which get the real
// picture: a server can tell them apart by Sec-Fetch-Dest, and a test then shows the page working while the
// extension meets the worst): a response that never finishes, a body that never ends, a tiny JPEG claiming
// 19,999 × 19,999 px, and a redirect to an internal address.
import type { ServerResponse } from 'node:http';
import sharp from 'sharp';

export type HostileKind = 'slow-loris' | 'endless' | 'bomb' | 'redirect-internal';

/** Responses of this kind still open now, for asserting what the extension did while they hung. */
export const open = { slowLoris: 0 };

let bomb: Promise<Buffer> | undefined;

/**
 * A 981-byte baseline JPEG whose frame header claims 19,999 × 19,999 px, with 0xFF fill bytes before that
 * header (legal, and enough to make a strict segment walk give up before it reads the size).
 */
export function jpegBomb(): Promise<Buffer> {
  bomb ??= sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } }).jpeg({ quality: 50 }).toBuffer().then((small) => {
    const sof = small.findIndex((x, i) => x === 0xff && small[i + 1] === 0xc0);
    const head = small.subarray(0, sof);
    const frame = Buffer.from(small.subarray(sof));
    frame.writeUInt16BE(19_999, 5);
    frame.writeUInt16BE(19_999, 7);
    const fill = Buffer.alloc(8, 0xff);
    // A comment segment brings the file to the size the probe used.
    const pad = 981 - head.length - fill.length - frame.length - 4;
    if (pad < 0) throw new Error('bomb base too large');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, (pad + 2) >> 8, (pad + 2) & 0xff]), Buffer.alloc(pad, 0x20)]);
    return Buffer.concat([head, com, fill, frame]);
  });
  return bomb;
}

/** Answers one extension fetch the hostile way; returns the status sent (the body may still be flowing). */
export async function serveHostile(res: ServerResponse, kind: HostileKind, internalUrl: string): Promise<number> {
  switch (kind) {
    case 'bomb': {
      const data = await jpegBomb();
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': data.length }).end(data);
      return 200;
    }
    case 'redirect-internal':
      res.writeHead(302, { location: internalUrl, 'cache-control': 'no-store' }).end();
      return 302;
    case 'slow-loris': {
      // The start of a JPEG, then a byte a second, for ever (until the client gives up or the server closes).
      res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' });
      res.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      open.slowLoris++;
      const drip = setInterval(() => res.write(Buffer.from([0x20])), 1000);
      res.on('close', () => {
        clearInterval(drip);
        open.slowLoris--;
      });
      return 200;
    }
    case 'endless': {
      // No Content-Length: the body streams as fast as the client reads, and never ends.
      res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      chunk.set([0xff, 0xd8, 0xff, 0xe0]);
      let closed = false;
      res.on('close', () => { closed = true; });
      const pour = () => {
        while (!closed && res.write(chunk)) { /* until the socket's buffer is full */ }
        if (!closed) res.once('drain', pour);
      };
      pour();
      return 200;
    }
  }
}
