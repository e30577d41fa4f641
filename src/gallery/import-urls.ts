// "Import from a list of links": the artist pastes image URLs or page URLs (their portfolio, a post). Each line
// becomes one item of the same import as files: a picture is fetched as it is; a page is read for the pictures it
// shows (og:image first, then its large <img>s). Bounded in count, time and bytes — a link can point anywhere.
import { fetchRefusal } from '../shared/address';
import { readBounded } from '../shared/read-bounded';

/** More than this at once is a mistake (a pasted document), not a list of works. */
export const MAX_URLS = 500;
const FETCH_MS = 20_000;
const MAX_BYTES = 50 * 1024 * 1024;
const MAX_PAGE_PICTURES = 20;

/** The http(s) links in pasted text, deduplicated, in order; everything else is returned as refused. */
export function parseUrlList(text: string): { urls: string[]; refused: string[] } {
  const urls: string[] = [];
  const refused: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    let u: URL;
    try {
      u = new URL(token);
    } catch {
      refused.push(token.slice(0, 200));
      continue;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') refused.push(token.slice(0, 200));
    else if (!urls.includes(u.href)) urls.push(u.href);
  }
  return { urls: urls.slice(0, MAX_URLS), refused: [...refused, ...urls.slice(MAX_URLS)] };
}

/** One picture a page names: from its og:image / twitter:image meta, or an <img> with its declared width. */
export interface PageImage { src: string | null; og: boolean; width?: number }

/** The pictures a page shows, best first: what its author chose to share (og:image), then its large images. */
export function rankPictures(found: PageImage[], base: string): string[] {
  const abs = (v: string | null) => {
    try {
      const u = v ? new URL(v, base) : null;
      return u && (u.protocol === 'https:' || u.protocol === 'http:') ? u.href : null;
    } catch {
      return null;
    }
  };
  // Icons and avatars say how small they are; pictures without a width are kept.
  const big = found.filter((f) => f.og || !(f.width !== undefined && f.width > 0 && f.width < 120));
  const ordered = [...big.filter((f) => f.og), ...big.filter((f) => !f.og)].map((f) => abs(f.src));
  return [...new Set(ordered.filter((x): x is string => x !== null))].slice(0, MAX_PAGE_PICTURES);
}

/** What a parsed page names (the DOM part; rankPictures decides). */
export function pageImages(doc: Document): PageImage[] {
  return [
    ...[...doc.querySelectorAll('meta[property="og:image"], meta[name="og:image"], meta[name="twitter:image"]')]
      .map((m) => ({ src: m.getAttribute('content'), og: true })),
    ...[...doc.querySelectorAll('img')].map((i) => ({ src: i.getAttribute('src'), og: false, width: Number(i.getAttribute('width')) || undefined })),
  ];
}

export class LinkError extends Error {}

/** Fetches a link with the time and size bounds; the extension page holds the host permission for it. */
export async function fetchLink(url: string): Promise<{ bytes: Blob; type: string }> {
  // A pasted page or a feed can name a picture on the artist's router or another machine of their network:
  // Inkseal fetches only public addresses (by the URL's host; a redirect's target is checked after the fact).
  if (fetchRefusal(url)) throw new LinkError('a private or local address');
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(FETCH_MS) });
  } catch (err) {
    throw new LinkError((err as Error).name === 'TimeoutError' ? 'timed out' : 'could not be reached');
  }
  if (res.url && fetchRefusal(res.url)) throw new LinkError('redirected to a private or local address');
  if (!res.ok) throw new LinkError(`HTTP ${res.status}`);
  const bytes = await readBounded(res, MAX_BYTES, () => new LinkError('larger than 50 MB'));
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return { bytes: new Blob([bytes as BlobPart], { type }), type };
}

/** A picture's file name from its URL (the summary and the work's title show it). */
export function nameOf(url: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '') || new URL(url).host;
  return last.slice(0, 200);
}
