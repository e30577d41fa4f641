// Weibo: the weibo.com Vue UI (home, profile, search and post-detail feeds in a recycling virtual scroller,
// posts are `article` rows whose nodes are reused for other posts) and the m.weibo.cn mobile site.
// Pictures live on wx1-4.sinaimg.cn/<size>/<pid>.<ext>; the pid names the picture at every size.
import { findAiLabel } from '../../engine/ai-labels';
import { buildUrl, matchAny, weibo as site } from '../../sites';
import { weiboDay } from '../dates';
import { absoluteUrl, pictureUrl, textOf, type Candidate, type ListedPost, type PostFacts, type SiteAdapter } from './types';

const PICTURE = /^https:\/\/(wx\d|tvax\d|ww\d)\.sinaimg\.cn\/[a-z0-9_]+\/([0-9A-Za-z]{20,})\.(jpg|jpeg|png|gif|webp)/;

function imageFor(img: HTMLImageElement): Pick<Candidate, 'imageKey' | 'fetchUrl'> | null {
  const m = PICTURE.exec(pictureUrl(img));
  if (!m) return null;
  // The feed shows orj360 thumbnails; matching uses the 2000 px variant. Its CDN wants a weibo Referer
  // (set by the background's declarativeNetRequest session rule, see background/referer-rules.ts).
  return { imageKey: `weibo:${m[2]}`, fetchUrl: `https://${m[1]}.sinaimg.cn/mw2000/${m[2]}.${m[3]}` };
}

function collect(imgs: Iterable<HTMLImageElement>, post: PostFacts, out: Candidate[]): void {
  for (const img of imgs) {
    const image = imageFor(img);
    const anchor = img.closest<HTMLElement>('.woo-picture-slot, .m-img-box, .picture, .weibo-media-wraps li') ?? img.parentElement;
    if (image && anchor) out.push({ img, anchor, post, ...image });
  }
}

function desktop(root: ParentNode): Candidate[] {
  const out: Candidate[] = [];
  for (const article of root.querySelectorAll<HTMLElement>('article')) {
    const header = article.querySelector('header') ?? article;
    // The time link is the post's permalink, https://weibo.com/<uid>/<mblogid> (the canonical form is kept).
    const time = [...header.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((a) => matchAny(site.posts, a.href)).find((m) => m !== null);
    if (!time) continue;
    const author = header.querySelector<HTMLAnchorElement>('a[href*="/u/"]');
    const post: PostFacts = {
      postId: time.params.postId!, postUrl: buildUrl(time.pattern, time.params),
      author: author?.textContent?.trim().slice(0, 100) || undefined,
      authorUrl: absoluteUrl(author?.getAttribute('href')),
      title: textOf(article, '.wbpro-feed-ogText, [class*="detail_wbtext"]'),
      aiLabel: findAiLabel(article.textContent?.slice(0, 3000) ?? ''),
    };
    collect(article.querySelectorAll('img.woo-picture-img, div.picture img'), post, out);
  }
  return out;
}

function mobile(root: ParentNode): Candidate[] {
  const out: Candidate[] = [];
  for (const card of root.querySelectorAll<HTMLElement>('div.card')) {
    const link = card.querySelector<HTMLAnchorElement>('a[href*="/detail/"], a[href*="/status/"]');
    const id = link && matchAny(site.posts, link.href)?.params.postId;
    if (!link || !id) continue;
    const post: PostFacts = {
      postId: id, postUrl: link.href,
      author: textOf(card, '.m-text-cut, .weibo-top h3'),
      title: textOf(card, '.weibo-text'),
      aiLabel: findAiLabel(card.textContent?.slice(0, 3000) ?? ''),
    };
    collect(card.querySelectorAll('.m-img-box img, .weibo-media-wraps img'), post, out);
  }
  return out;
}

/**
 * The profile's own posts on weibo.com: rows whose time link names the owner (`/<uid>/<mblogid>`), with the
 * pictures of the post itself — a repost's pictures (inside its retweet box) are the other author's. The
 * recycler holds only the rows near the viewport, so the caller reads this again as it scrolls.
 */
function profilePosts(root: ParentNode, owner: string): ListedPost[] {
  const out: ListedPost[] = [];
  for (const article of root.querySelectorAll<HTMLElement>('article')) {
    const header = article.querySelector('header') ?? article;
    const link = [...header.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .map((a) => ({ a, m: matchAny(site.posts, a.href) })).find((x) => x.m !== null);
    if (!link?.m || link.m.params.uid !== owner) continue;
    const pictures = [...article.querySelectorAll<HTMLImageElement>('img.woo-picture-img, div.picture img')]
      .filter((img) => !img.closest('[class*="retweet"]'))
      .map((img) => imageFor(img)?.fetchUrl).filter((u): u is string => !!u);
    if (!pictures.length) continue;
    out.push({
      postId: link.m.params.postId!, postUrl: buildUrl(link.m.pattern, link.m.params),
      title: textOf(article, '.wbpro-feed-ogText, [class*="detail_wbtext"]', 100),
      publishedOn: weiboDay([link.a.title, link.a.textContent]),
      pictures: [...new Set(pictures)],
    });
  }
  return out;
}

export const weibo: SiteAdapter<'weibo'> = {
  id: 'weibo',
  candidates: (root) => (location.hostname === 'm.weibo.cn' ? mobile(root) : desktop(root)),
  profile: { posts: profilePosts },
};
