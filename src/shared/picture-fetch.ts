// Fetching one picture's bytes for the extension (the model host's decode workers, report evidence), bounded in
// every way a hostile or broken server can stretch it: the address (nothing inside the artist's network), time
// (a response that never finishes), size (a body that never ends, a Content-Length that lies) and redirects.
// Failures are PictureErrors carrying the refusal the artist is shown.
import { fetchRefusal } from './address';
import { readBounded } from './read-bounded';
import { PictureError, httpRefusal } from './refusal';

/** Largest encoded picture accepted; beyond this a feed picture is not a feed picture. */
export const MAX_PICTURE_BYTES = 40 * 1024 * 1024;
/**
 * From the request to the last byte. A 2 MB feed picture at 2 Mbit/s takes 8 s; a server that has not finished
 * by 12 s is holding the connection open (slow-loris), not sending a picture.
 */
export const FETCH_TIMEOUT_MS = 12_000;

export interface PictureFetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** 'no-referrer' for the model host; the evidence fetch leaves it to the Referer rule (Weibo). */
  referrerPolicy?: ReferrerPolicy;
}

export async function fetchPicture(url: string, options: PictureFetchOptions = {}): Promise<{ bytes: Uint8Array; mime: string }> {
  const { maxBytes = MAX_PICTURE_BYTES, timeoutMs = FETCH_TIMEOUT_MS, referrerPolicy } = options;
  const refused = fetchRefusal(url);
  if (refused) throw new PictureError('blocked-address', refused === 'internal-address' ? 'a private or local address' : 'not a web address');
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // credentials 'omit': the artist's cookies never ride along; the host permission lifts CORS for us.
    // redirect 'manual': browsers hide where a redirect leads (an opaque response, no Location), so a redirect
    // cannot be checked hop by hop; following it blindly would let any CDN or page send the extension to an
    // internal address. Feed CDNs serve their pictures directly; a redirect is refused.
    const res = await fetch(url, { credentials: 'omit', redirect: 'manual', signal, ...(referrerPolicy ? { referrerPolicy } : {}) });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) throw new PictureError('redirected', 'the server redirected it');
    if (!res.ok) throw new PictureError(httpRefusal(res.status), `image fetch failed: HTTP ${res.status}`);
    const tooLarge = () => new PictureError('too-large', `larger than ${maxBytes / 2 ** 20} MB`);
    // A stated length over the limit is believed at once; a smaller one is not trusted (the read counts).
    if (Number(res.headers.get('content-length')) > maxBytes) throw tooLarge();
    const bytes = await readBounded(res, maxBytes, tooLarge);
    const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    return { bytes, mime };
  } catch (err) {
    if (err instanceof PictureError) throw err;
    // The abort surfaces as TimeoutError or AbortError depending on the browser and on whether the headers or
    // the body were pending; the signal says which it was.
    if (signal.aborted) throw new PictureError('timed-out', `no whole picture within ${timeoutMs / 1000} s`);
    throw new PictureError('unreachable', `image fetch failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
