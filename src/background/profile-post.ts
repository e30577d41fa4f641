// A post of the artist's profile as a content script sent it for import: a page-side message, so it is checked
// against the site's record before anything is fetched. Its URL must be one of the site's post URLs (where the
// URL names its author, the profile's owner), its pictures on the site's own CDN, over https. Pure.
import type { ProfilePost } from '../shared/types';
import { hostMatches, matchAny, type Site } from '../sites';

/** A post holds at most 18 pictures on Xiaohongshu, 9 (18 for members) on Weibo. */
export const MAX_PICTURES = 18;

/** The post as the page sent it, if it is a post of this profile with pictures on the site's CDN; else throws. */
export function checkPost(v: unknown, site: Site, owner: string): ProfilePost {
  const p = (v ?? {}) as Partial<ProfilePost>;
  const post = typeof p.postUrl === 'string' && p.postUrl.length <= 2000 ? matchAny(site.posts, p.postUrl) : null;
  if (!post) throw new Error('not a post of this site');
  // Weibo post URLs (and Xiaohongshu's profile form) name the author: another account's post is not the artist's.
  const author = post.params.uid ?? post.params.userId;
  if (author !== undefined && author !== owner) throw new Error('not a post of this profile');
  const onCdn = (u: unknown): u is string => {
    if (typeof u !== 'string' || u.length > 2000) return false;
    try {
      const url = new URL(u);
      return url.protocol === 'https:' && site.cdn.some((c) => hostMatches(c.host, url.hostname));
    } catch {
      return false;
    }
  };
  const pictures = Array.isArray(p.pictures) ? [...new Set(p.pictures.filter(onCdn))].slice(0, MAX_PICTURES) : [];
  if (!pictures.length) throw new Error('no pictures');
  return {
    postId: post.params.postId!, postUrl: new URL(p.postUrl!).href, pictures,
    title: typeof p.title === 'string' ? p.title.slice(0, 200) : undefined,
    publishedOn: typeof p.publishedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.publishedOn) ? p.publishedOn : undefined,
  };
}
