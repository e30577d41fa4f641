// What a synced source lists: the artist's works as (picture, page, title, date, tags), read from an RSS 2.0 or
// Atom feed, a JSON Feed (jsonfeed.org), or a plain JSON list of works. Pure string work: the background
// service worker has no DOMParser. Tolerant of what real feeds do (CDATA, entities, pictures only inside the
// HTML of a description) and bounded (at most MAX_ITEMS items, each field cut).

export interface FeedItem {
  /** What identifies the item across syncs: its guid / id, else its page, else its picture. */
  key: string;
  /** The picture's absolute http(s) URL. */
  image: string;
  /** The post or page that published it: the work's first-publication URL. */
  page?: string;
  title?: string;
  /** YYYY-MM-DD of publication. */
  published?: string;
  tags?: string[];
}

export type FeedKind = 'rss' | 'atom' | 'jsonfeed' | 'json';

export class FeedError extends Error {
  constructor(readonly problem: 'not-a-feed' | 'no-pictures') {
    super(problem);
    this.name = 'FeedError';
  }
}

export const MAX_ITEMS = 500;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) => s
  .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
  .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/** The http(s) URL `v` names relative to `base`, or undefined. */
function absolute(v: string | undefined, base: string): string | undefined {
  if (!v) return undefined;
  try {
    const u = new URL(decode(v.trim()), base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** YYYY-MM-DD from an RFC 822 or ISO 8601 date, if it parses. */
function day(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(decode(v).trim());
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : undefined;
}

const cut = (s: string | undefined, n: number) => (s ? decode(s).replace(/<[^>]*>/g, '').trim().slice(0, n) || undefined : undefined);

/** The inner text of the first <tag> (namespaced or not) in `xml`. */
function tag(xml: string, name: string): string | undefined {
  const m = xml.match(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'i'));
  return m?.[1];
}
function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, 'gi'))].map((m) => m[1]!);
}
/** The value of `attr` on every <tag …> (self-closing or not). */
function attrs(xml: string, name: string, attr: string): { value: string; element: string }[] {
  return [...xml.matchAll(new RegExp(`<${name}\\s[^>]*>`, 'gi'))].flatMap((m) => {
    const a = m[0].match(new RegExp(`\\s${attr}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i'));
    return a ? [{ value: a[2] ?? a[3] ?? '', element: m[0] }] : [];
  });
}
/** Pictures inside escaped or CDATA HTML (a description or content). */
const htmlImages = (html: string | undefined) => (html ? attrs(decode(html), 'img', 'src').map((a) => a.value) : []);

function fromXml(xml: string, base: string): { kind: FeedKind; items: FeedItem[] } {
  const atom = /<feed[\s>]/i.test(xml) && !/<rss[\s>]/i.test(xml);
  const blocks = (atom ? tags(xml, 'entry') : tags(xml, 'item')).slice(0, MAX_ITEMS);
  const items = blocks.flatMap((b): FeedItem[] => {
    const link = atom
      ? attrs(b, 'link', 'href').find((l) => !/rel\s*=\s*["'](?!alternate)/i.test(l.element))?.value
      : tag(b, 'link');
    const page = absolute(link, base);
    const pictures = [
      ...attrs(b, 'media:content', 'url').filter((a) => !/medium\s*=\s*["'](?!image)/i.test(a.element)).map((a) => a.value),
      ...attrs(b, 'enclosure', 'url').filter((a) => /type\s*=\s*["']image\//i.test(a.element) || !/type\s*=/i.test(a.element)).map((a) => a.value),
      ...attrs(b, 'media:thumbnail', 'url').map((a) => a.value),
      ...htmlImages(tag(b, 'content:encoded') ?? tag(b, 'content') ?? tag(b, 'description') ?? tag(b, 'summary')),
    ];
    const image = pictures.map((p) => absolute(p, page ?? base)).find(Boolean);
    if (!image) return [];
    const id = cut(tag(b, atom ? 'id' : 'guid'), 500);
    const categories = atom ? attrs(b, 'category', 'term').map((a) => decode(a.value)) : tags(b, 'category').map((c) => cut(c, 40) ?? '');
    return [{
      key: id ?? page ?? image, image, page, title: cut(tag(b, 'title'), 200),
      published: day(tag(b, atom ? 'published' : 'pubDate') ?? tag(b, 'updated') ?? tag(b, 'dc:date')),
      ...(categories.filter(Boolean).length ? { tags: categories.filter(Boolean).slice(0, 30) } : {}),
    }];
  });
  return { kind: atom ? 'atom' : 'rss', items };
}

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function fromJson(data: unknown, base: string): { kind: FeedKind; items: FeedItem[] } {
  const obj = (data ?? {}) as Json;
  const jsonFeed = typeof obj.version === 'string' && obj.version.includes('jsonfeed.org');
  const list = Array.isArray(data) ? data : Array.isArray(obj.items) ? obj.items : Array.isArray(obj.works) ? obj.works : null;
  if (!list) throw new FeedError('not-a-feed');
  const items = list.slice(0, MAX_ITEMS).flatMap((raw): FeedItem[] => {
    const it = (raw ?? {}) as Json;
    const attachments = Array.isArray(it.attachments) ? (it.attachments as Json[]) : [];
    const page = absolute(str(it.url) ?? str(it.page) ?? str(it.link), base);
    const image = [
      str(it.image), str(it.picture), str(it.src),
      ...attachments.filter((a) => str(a.mime_type)?.startsWith('image/')).map((a) => str(a.url)),
      ...htmlImages(str(it.content_html)),
    ].map((p) => absolute(p, page ?? base)).find(Boolean);
    if (!image) return [];
    const tagList = Array.isArray(it.tags) ? it.tags.filter((t): t is string => typeof t === 'string').map((t) => t.slice(0, 40)).slice(0, 30) : [];
    return [{
      key: str(it.id)?.slice(0, 500) ?? page ?? image, image, page, title: cut(str(it.title), 200),
      published: day(str(it.date_published) ?? str(it.published) ?? str(it.date)),
      ...(tagList.length ? { tags: tagList } : {}),
    }];
  });
  return { kind: jsonFeed ? 'jsonfeed' : 'json', items };
}

/** Reads a source's text (fetched from `base`); throws FeedError when it is no feed or lists no picture. */
export function parseFeed(text: string, base: string): { kind: FeedKind; items: FeedItem[] } {
  const head = text.trimStart().slice(0, 1);
  let out: { kind: FeedKind; items: FeedItem[] };
  if (head === '{' || head === '[') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new FeedError('not-a-feed');
    }
    out = fromJson(data, base);
  } else if (/<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 4096))) {
    out = fromXml(text, base);
  } else {
    throw new FeedError('not-a-feed');
  }
  if (!out.items.length) throw new FeedError('no-pictures');
  // One item per key: a feed that repeats an entry adds it once.
  const seen = new Set<string>();
  return { kind: out.kind, items: out.items.filter((i) => !seen.has(i.key) && seen.add(i.key)) };
}
