// The shape of a site record: the facts about a platform that more than one part of Inkseal needs (hosts for the
// manifest and the fixture server, the Referer its CDN wants, URL shapes, complaint pages, words). Pure data: a
// record imports nothing outside src/sites, so the engine, the build config and Node tests all read the same one.

/** A host as the manifest names it: `www.xiaohongshu.com`, or `*.xhscdn.com` for every subdomain. */
export type HostPattern = string;

export interface CdnHost {
  host: HostPattern;
  /** The Referer the CDN accepts from the extension's own fetches; absent when it needs none. */
  referer?: string;
}

/**
 * A URL shape: `https://weibo.com/{uid}/{postId}`. Each `{name}` is one path segment whose text must match
 * `params[name]` in full. Posts name the post id `{postId}`, profiles the user id `{userId}`.
 */
export interface UrlPattern {
  url: string;
  params: Readonly<Record<string, RegExp>>;
  /** Other hosts serving the same path (www. variants); the URL's own host is the canonical one. */
  aliases?: readonly string[];
  /**
   * Profiles only: false where the adapter cannot list the profile's posts for "Import my works from this page"
   * (the popup then offers no import there).
   */
  importable?: boolean;
}

/** ip-center: the platform's rights-holder portal; in-post: the post's own 「举报」; report-page: a report form. */
export type ComplaintKind = 'ip-center' | 'in-post' | 'report-page' | 'guide';

export interface ComplaintPage {
  kind: ComplaintKind;
  /** The page's address; absent for `in-post`, which is the post's own URL. */
  url?: string;
  /** Query parameters that name the post, from its id; null when the id cannot name it (the page is left out). */
  query?: (postId: string) => Record<string, string> | null;
}

/** Message keys (assets/_locales) for the site's words; a meta-test checks each exists in every locale. */
export interface SiteWords {
  /** The platform's name: 「小红书」 / "Xiaohongshu". */
  name: string;
  /** The subject of the report's verdict sentence: 「这篇小红书笔记」. */
  thisPost: string;
  /** What a post is called there: 笔记 / note. */
  postNoun: string;
}

export interface SiteRecord<Id extends string = string> {
  /** The adapter's file name, the settings key `site:<id>` and the fixture folder src/dev/stand-ins/sites/<id>. */
  id: Id;
  words: SiteWords;
  /**
   * The platform's name in both languages for the bilingual notice, which is written whatever the UI language
   * (so _locales, which give only the UI language's name, cannot supply it). Absent: the post's host is named.
   */
  names?: { zh: string; en: string };
  /** Scanned unless the artist switches it off (the settings default of `site:<id>`). */
  enabledByDefault: boolean;
  /** Pages the content script runs on (https only). Empty for the generic site, which takes any origin the artist enables. */
  hosts: readonly HostPattern[];
  /** Where the site's pictures come from, fetched by the extension. */
  cdn: readonly CdnHost[];
  profiles: readonly UrlPattern[];
  posts: readonly UrlPattern[];
  /** In the order the report page offers them. */
  complaints: readonly ComplaintPage[];
  /** The platform's AI-generation label wordings as seen on its pages (the engine matches them by pattern). */
  aiLabels: readonly string[];
}

/** Keeps the id's literal type, so the settings keys `site:<id>` are typed from the records. */
export function defineSite<const Id extends string>(record: SiteRecord<Id>): SiteRecord<Id> {
  return record;
}
