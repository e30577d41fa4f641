// Any other site (src/sites/generic.ts): every large image on the page is a candidate; the page is the "post".
import { findAiLabel } from '../../engine/ai-labels';
import { pictureUrl, type Candidate, type SiteAdapter } from './types';

export const generic: SiteAdapter<'generic'> = {
  id: 'generic',
  candidates(root) {
    const out: Candidate[] = [];
    const postUrl = location.href.split('#')[0]!;
    const aiLabel = findAiLabel(document.title);
    for (const img of root.querySelectorAll<HTMLImageElement>('img')) {
      const src = pictureUrl(img);
      if (!/^https?:/.test(src) || !img.parentElement) continue;
      const url = new URL(src);
      // Without a platform id, the picture's URL (less its query) is its identity.
      const key = `${url.origin}${url.pathname}`;
      out.push({ img, anchor: img.parentElement, imageKey: `web:${key}`, fetchUrl: src, post: { postId: key, postUrl, aiLabel } });
    }
    return out;
  },
};
