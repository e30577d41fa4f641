// Xiaohongshu (www.xiaohongshu.com): explore feed cards. Selectors as observed in public scrapers
// (../corpus/feeds/SELECTORS.md); the hashed class suffixes change, so only stable names are used.
import type { Candidate, SiteAdapter } from './types';

const NOTE_ID = /\/(?:explore|search_result|discovery\/item)\/([0-9a-f]{24})/;

export const xiaohongshu: SiteAdapter = {
  id: 'xiaohongshu',
  matches: (url) => url.hostname === 'www.xiaohongshu.com',
  candidates(root) {
    const out: Candidate[] = [];
    for (const card of root.querySelectorAll<HTMLElement>('section.note-item')) {
      const link = card.querySelector<HTMLAnchorElement>('a.cover');
      const img = link?.querySelector('img');
      const id = link?.href.match(NOTE_ID)?.[1];
      if (!link || !img || !id) continue;
      // The full href keeps xsec_token: without it the note does not open, so it is the evidence URL.
      out.push({ img, anchor: link, post: { postId: id, postUrl: link.href } });
    }
    return out;
  },
};
