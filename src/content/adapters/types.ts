// The shape every site adapter has. An adapter only reads the page; it never draws or messages.
import type { ProfilePost } from '../../shared/types';

export interface PostFacts {
  postId: string;
  /** Canonical URL kept as evidence (Xiaohongshu: with its xsec_token, which opening the note requires). */
  postUrl: string;
  author?: string;
  authorUrl?: string;
  title?: string;
  /** The platform's AI-generation label text, when the post shows one. */
  aiLabel?: string | null;
}

export interface Candidate {
  img: HTMLImageElement;
  /** The element the badge is anchored to (the card, the picture frame). */
  anchor: HTMLElement;
  post: PostFacts;
  /** Stable identity of the picture across display URLs, sizes and signatures (e.g. `xhs:<token>`). */
  imageKey: string;
  /** What the background fetches for matching: the stable original or a large size variant. */
  fetchUrl: string;
  /** Scan without waiting for it to scroll into view: the other pictures of an open note's carousel. */
  eager?: boolean;
}

/** A post of the profile as its listing shows it; `complete` reads what the listing leaves out. */
export interface ListedPost extends ProfilePost {
  /** Fetches the post's own page for its date and every picture (a Xiaohongshu grid card shows one cover, no date). */
  complete?: () => Promise<ProfilePost>;
}

/** Reads the artist's profile for "Import my works from this page". */
export interface ProfileReader {
  /** The posts by `owner` (the profile's user id) the page shows now; reposts and others' posts are left out. */
  posts(root: ParentNode, owner: string): ListedPost[];
}

/** A site's DOM logic; which pages it runs on is the site record's (src/sites/<id>.ts). */
export interface SiteAdapter<Id extends string = string> {
  /** The site record's id; equals the file name. */
  id: Id;
  candidates(root: ParentNode): Candidate[];
  /** Present on sites whose profiles can be imported from. */
  profile?: ProfileReader;
}

/** Text content of the first match, trimmed and bounded (hostile pages can hold megabytes of text). */
/**
 * The picture an <img> shows, or is about to show. Only with a srcset or a <picture> does the browser choose,
 * and only currentSrc says what it chose; otherwise it is src. Firefox moves currentSrc to a new src only once
 * that picture's request starts, so on a node a feed has just recycled for another post it still names the
 * old post's picture (a badge then went to the wrong post).
 */
export function pictureUrl(img: HTMLImageElement): string {
  const chosen = img.srcset !== '' || img.parentElement?.tagName === 'PICTURE';
  return chosen ? img.currentSrc || img.src : img.src;
}

export function textOf(root: ParentNode, selector: string, max = 200): string | undefined {
  const t = root.querySelector(selector)?.textContent?.trim();
  return t ? t.slice(0, max) : undefined;
}

export function absoluteUrl(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
