// Xiaohongshu (www.xiaohongshu.com): feed cards on explore, search and profile pages, and the note overlay or
// page with its looping carousel. Selectors as observed in public scrapers (../corpus/feeds/SELECTORS.md);
// hashed class suffixes change with every build, so only stable names are used.
import { findAiLabel } from '../../engine/ai-labels';
import { matchAny, xiaohongshu as site } from '../../sites';
import type { ProfilePost } from '../../shared/types';
import { chinaDay } from '../dates';
import { absoluteUrl, pictureUrl, textOf, type Candidate, type ListedPost, type PostFacts, type SiteAdapter } from './types';

/** The note id in a note URL of any form (explore, search, profile…). */
const noteId = (href: string) => matchAny(site.posts, href)?.params.postId;
/** Display URLs are `sns-webpic-qc.xhscdn.com/<time>/<sig>/<token>!<style>` (signed, expiring); older hosts
 *  put the token first. The token names the picture itself. */
const TOKEN = /(?:xhscdn\.com\/\d+\/[0-9a-f]+\/|xhscdn\.com\/|ci\.xiaohongshu\.com\/)((?:spectrum\/)?[0-9a-zA-Z]{20,})/;

export function imageToken(src: string): string | null {
  return TOKEN.exec(src)?.[1] ?? null;
}

function imageFor(img: HTMLImageElement): Pick<Candidate, 'imageKey' | 'fetchUrl'> | null {
  const token = imageToken(pictureUrl(img));
  if (!token) return null;
  // The original never expires and needs no signature. Analysis wants a 360 px short side (long side ≤ 1,024),
  // which a 720 px wide JPEG gives any portrait, square or 16:9 post — about half the bytes of 1080 px, on the
  // artist's mobile data.
  return { imageKey: `xhs:${token}`, fetchUrl: `https://ci.xiaohongshu.com/${token}?imageView2/2/w/720/format/jpg` };
}

function feedCards(root: ParentNode): Candidate[] {
  const out: Candidate[] = [];
  for (const card of root.querySelectorAll<HTMLElement>('section.note-item, div.note-item')) {
    const link = card.querySelector<HTMLAnchorElement>('a.cover');
    const img = link?.querySelector('img');
    const postId = link && noteId(link.href);
    const image = img && imageFor(img);
    if (!link || !img || !postId || !image) continue;
    const author = card.querySelector<HTMLAnchorElement>('a.author, .author-wrapper a');
    out.push({
      img, anchor: link, ...image,
      // The full href keeps xsec_token: without it the note does not open, so it is the evidence URL.
      post: {
        postId, postUrl: link.href, title: textOf(card, '.footer .title span, .title'),
        author: textOf(card, '.author .name, .author-wrapper .name'), authorUrl: absoluteUrl(author?.getAttribute('href')),
        aiLabel: findAiLabel(card.textContent?.slice(0, 2000) ?? ''),
      },
    });
  }
  return out;
}

function openNote(root: ParentNode): Candidate[] {
  const note = root.querySelector<HTMLElement>('#noteContainer');
  const postId = noteId(location.href);
  if (!note || !postId) return [];
  const authorLink = note.querySelector<HTMLAnchorElement>('.author-wrapper a[href*="/user/profile/"], .author a');
  const post: PostFacts = {
    postId, postUrl: location.href,
    title: textOf(note, '#detail-title'),
    author: textOf(note, '.author-wrapper .username, .author-wrapper .name, .author .name'),
    authorUrl: absoluteUrl(authorLink?.getAttribute('href')),
    aiLabel: findAiLabel(note.textContent?.slice(0, 5000) ?? ''),
  };
  const out: Candidate[] = [];
  // Loop mode clones the first and last slides; the clones show the same pictures and are skipped.
  for (const slide of note.querySelectorAll<HTMLElement>('.swiper-slide:not(.swiper-slide-duplicate)')) {
    const img = slide.querySelector('img');
    const image = img && imageFor(img);
    if (img && image) out.push({ img, anchor: slide, post, ...image, eager: true });
  }
  return out;
}

/** The stable original of a picture, for the gallery: no signature to expire, a bounded JPEG whatever was uploaded. */
const originalUrl = (token: string) => `https://ci.xiaohongshu.com/${token}?imageView2/2/w/2048/format/jpg`;

/** What a note page's server state (`window.__INITIAL_STATE__`) says about the note. */
export interface NoteState { title?: string; time?: number; tokens: string[] }

/**
 * Reads a note page's `window.__INITIAL_STATE__`: Vue SSR state written as JSON with bare `undefined` values
 * (public downloaders read it the same way). Null when the page has no such note (a login wall, an error page).
 */
export function noteState(html: string, noteId: string): NoteState | null {
  const m = /window\.__INITIAL_STATE__\s*=\s*([\s\S]*?)<\/script>/.exec(html);
  if (!m) return null;
  let state: unknown;
  try {
    state = JSON.parse(m[1]!.trim().replace(/;$/, '').replace(/([:,[]\s*)undefined(?=\s*[,}\]])/g, '$1null'));
  } catch {
    return null;
  }
  const note = (state as { note?: { noteDetailMap?: Record<string, { note?: unknown }> } })?.note?.noteDetailMap?.[noteId]?.note as
    { title?: unknown; time?: unknown; imageList?: { urlDefault?: unknown; url?: unknown }[] } | undefined;
  if (!note || !Array.isArray(note.imageList)) return null;
  const tokens = note.imageList.map((i) => imageToken(String(i?.urlDefault ?? i?.url ?? ''))).filter((t): t is string => !!t);
  return {
    title: typeof note.title === 'string' ? note.title.slice(0, 200) : undefined,
    time: typeof note.time === 'number' ? note.time : undefined,
    tokens: [...new Set(tokens)],
  };
}

const NOTE_PAGE_MS = 20_000;
const MAX_NOTE_PAGE = 5 * 1024 * 1024;

/** The note's own page, as the artist's browser would open it (with their cookies): its date and every picture. */
async function completeNote(post: ProfilePost): Promise<ProfilePost> {
  const res = await fetch(post.postUrl, { credentials: 'include', signal: AbortSignal.timeout(NOTE_PAGE_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const s = noteState((await res.text()).slice(0, MAX_NOTE_PAGE), post.postId);
  if (!s?.tokens.length) throw new Error('the note page shows no pictures');
  return { ...post, title: s.title || post.title, publishedOn: s.time ? chinaDay(s.time) : undefined, pictures: s.tokens.map(originalUrl) };
}

/**
 * The profile's notes: grid cards linking to a note, by the owner (a card naming another author — the 收藏 and
 * 点赞 tabs — is left out). A card shows one cover and no date; `complete` reads the note's page for both.
 */
function profilePosts(root: ParentNode, owner: string): ListedPost[] {
  const out: ListedPost[] = [];
  for (const card of root.querySelectorAll<HTMLElement>('section.note-item, div.note-item')) {
    const link = card.querySelector<HTMLAnchorElement>('a.cover');
    const postId = link && noteId(link.href);
    if (!link || !postId) continue;
    const author = card.querySelector<HTMLAnchorElement>('a.author, .author-wrapper a');
    const by = author && matchAny(site.profiles, author.href)?.params.userId;
    if (by && by !== owner) continue;
    const img = link.querySelector('img');
    const cover = img && imageToken(pictureUrl(img));
    const post: ProfilePost = { postId, postUrl: link.href, title: textOf(card, '.footer .title span, .title'), pictures: cover ? [originalUrl(cover)] : [] };
    out.push({ ...post, complete: () => completeNote(post) });
  }
  return out;
}

export const xiaohongshu: SiteAdapter<'xiaohongshu'> = {
  id: 'xiaohongshu',
  candidates: (root) => [...openNote(root), ...feedCards(root)],
  profile: { posts: profilePosts },
};
