// Parsers for the structures messages carry (see parse.ts for the building blocks and messages.ts for where each
// is used). They check shape, type and size only; what a value means (is this URL on the site's CDN, is this
// the artist's profile) stays with the handler that knows. Pure.
import { clipped, httpUrl, id, int, list, nullable, num, obj, object, oneOf, optional, text, type Parser } from './parse';
import type { BenchRequest, CaseStatus, Decision, PostInfo, ProfilePost, ScanRequest, WireSignals, WireThumb, WorkFacts } from './types';
import type { WorkDetails } from './db';
import type { BackupWork } from '../gallery/backup';

/** Finding, decision and case ids, image keys and post ids (a Weibo key holds its picture id and post id). */
export const KEY = id(700);
/** UUIDs: decisions, cases, panel and import tokens, works and sources. */
export const SHORT_ID = id(64);
export const SITE = id(40);
export const TAB_ID = int(0, Number.MAX_SAFE_INTEGER);
/** sha256 in hex is 64 characters; checked for its form where it is stored. */
export const HASH = id(128);
/**
 * A picture as a data URL: the pictures the gallery keeps are at analysis size (long side ≤ 1024), but a file
 * added as it is may be larger; 40 MB of bytes is the most any picture fetch accepts (picture-fetch.ts).
 */
export const DATA_URL = id(Math.ceil((40 * 2 ** 20 * 4) / 3) + 64);
/** A panel height in CSS pixels. */
export const HEIGHT = num(0, 100_000);
export const CASE_STATUS: Parser<CaseStatus> = oneOf('open', 'reported', 'resolved', 'rejected');
export const WHICH_FRAME = oneOf('panel', 'toast');

/** Ids a page asks about in one message (findings to delete, works to delete or show). */
export const IDS = list(KEY, 100_000);

const post = object<PostInfo>({
  postId: clipped(300),
  postUrl: httpUrl(),
  author: optional(text(100)),
  authorUrl: optional(httpUrl()),
  title: optional(text(200)),
  aiLabel: nullable(text(100)),
});

/** A content script's picture: everything it sends is bounded before the queue sees it. */
export const scanRequest = object<ScanRequest>({
  site: clipped(40),
  imageKey: clipped(600),
  fetchUrl: httpUrl(),
  displayUrl: httpUrl(),
  post,
  // Only an ordering hint: a missing or odd one costs the page its place in the queue, nothing else.
  priority: (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(9, v)) : 1),
});

/** The background then checks the post against the site's record (profile-post.ts checkPost). */
export const profilePost = object<ProfilePost>({
  postId: id(300),
  postUrl: id(2000),
  title: optional(text(200)),
  publishedOn: optional(text(10)),
  // A post holds at most 18 pictures; a page that lists a few more (repeats, a cover) is trimmed there.
  pictures: list(id(2000), 100),
});

const detailText = optional(text(2000));
/** Trimmed, dated and checked further where stored (gallery.ts cleanDetails). */
export const workDetails = object<WorkDetails>({
  title: detailText, createdOn: detailText, publishedUrl: detailText, publishedOn: detailText,
  tags: optional(list(text(200), 1000)),
});

export const workFacts = object<WorkFacts>({
  created: optional(text(100)), firstPublishedUrl: optional(text(2000)), firstPublishedAt: optional(text(100)),
});

/** Embedding values are small floats; anything beyond this is not a MobileNet feature. */
const feature = num(-1e9, 1e9);
const vector = list(feature, 4096);
const hashWord = int(0, 2 ** 32 - 1);

const wireThumb = object<WireThumb>({ width: int(1, 1e5), height: int(1, 1e5), nx: int(1, 64), ny: int(1, 64), data: list(int(0, 255), 64 * 64) });

export const wireSignals = object<WireSignals>({
  hashes: list(list(hashWord, 4096), 256),
  hashQuality: num(0, 1e9),
  vectors: list(vector, 256),
  style: vector,
  kinds: optional(list(id(40), 256)),
  // Read by the model host from a feed picture, never sent in: matching does not use it.
  provenance: () => undefined,
  screen: optional(object<NonNullable<WireSignals['screen']>>({
    width: int(1, 1e5), height: int(1, 1e5), side: int(1, 256), data: list(int(0, 255), 256 * 256),
    quads: list(list(object<{ x: number; y: number }>({ x: num(-10, 10), y: num(-10, 10) }), 4), 8),
  })),
  thumb: optional(wireThumb),
});

/** A backup the gallery page has read and checked (gallery/backup.ts readBackup): re-checked for shape here. */
export const backupWork = object<BackupWork>({
  id: SHORT_ID,
  name: text(200),
  addedAt: num(0, 1e15),
  thumbnail: DATA_URL,
  image: optional(DATA_URL),
  signals: object<BackupWork['signals']>({ engineVersion: id(100), hash: list(hashWord, 4096), hashQuality: num(0, 1e9), vectors: list(vector, 256), style: vector, thumb: optional(wireThumb) }),
  // Loose on purpose: a backup's details are a record, cleaned where stored (gallery-restore.ts).
  details: optional(obj({
    title: detailText, createdOn: detailText, publishedUrl: detailText, publishedOn: detailText,
    tags: optional(list(text(200), 1000)), contentHash: optional(HASH),
  })),
  source: optional(object<NonNullable<BackupWork['source']>>({ kind: id(40), url: optional(id(2000)) })),
});

/** The restore handler takes this many at most. */
export const MAX_RESTORE = 20_000;

export const decision = object<Decision>({
  id: SHORT_ID,
  kind: oneOf('not-mine', 'authorised'),
  // An image key, or `<site>|<author's profile URL>` (a URL of up to 4,096 characters).
  key: id(5000),
  site: SITE,
  label: text(300),
  imageUrl: optional(id(4096)),
  at: num(0, 1e15),
});

/** What the model host may fetch itself: a page's picture (http(s)) or a picture the artist gave (a data URL). */
export const pictureUrl: Parser<string> = (v, at) => {
  const s = DATA_URL(v, at);
  if (s.startsWith('data:image/')) return s;
  return httpUrl()(s, at);
};

export const benchRequest = object<BenchRequest>({
  urls: list(httpUrl(), 1000), warm: list(httpUrl(), 1000), again: list(httpUrl(), 1000), passes: int(1, 10_000), soak: int(0, 100_000),
});
