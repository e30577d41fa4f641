// Xiaohongshu (小红书): facts observed on www.xiaohongshu.com and in public scrapers (docs/DESIGN.md, "Platform
// facts"). The DOM side — feed cards, the note overlay, picture tokens — is src/content/adapters/xiaohongshu.ts.
import { defineSite } from './types.ts';

const NOTE_ID = /[0-9a-f]{24}/;
const USER_ID = /[0-9a-f]+/;

export const xiaohongshu = defineSite({
  id: 'xiaohongshu',
  words: { name: 'site_xiaohongshu', thisPost: 'report_this_post_xiaohongshu', postNoun: 'report_noun_xiaohongshu' },
  names: { zh: '小红书', en: 'Xiaohongshu' },
  enabledByDefault: true,
  hosts: ['www.xiaohongshu.com'],
  // Display pictures are signed, expiring sns-webpic-qc.xhscdn.com URLs; ci.xiaohongshu.com/<token> is the stable
  // original. Neither checks the Referer.
  cdn: [{ host: '*.xhscdn.com' }, { host: 'ci.xiaohongshu.com' }],
  profiles: [{ url: 'https://www.xiaohongshu.com/user/profile/{userId}', params: { userId: USER_ID } }],
  // A note opens under the listing it was found in; every form needs its xsec_token query to open.
  posts: [
    { url: 'https://www.xiaohongshu.com/explore/{postId}', params: { postId: NOTE_ID } },
    { url: 'https://www.xiaohongshu.com/search_result/{postId}', params: { postId: NOTE_ID } },
    { url: 'https://www.xiaohongshu.com/discovery/item/{postId}', params: { postId: NOTE_ID } },
    { url: 'https://www.xiaohongshu.com/user/profile/{userId}/{postId}', params: { userId: USER_ID, postId: NOTE_ID } },
  ],
  complaints: [
    // The 权利保护中心 (real identity required); the noteId lets its form (and the artist) see which note.
    { kind: 'ip-center', url: 'https://ipp.xiaohongshu.com/', query: (postId) => ({ noteId: postId }) },
    // The note keeps its xsec_token: without it Xiaohongshu shows a "note unavailable" page, not 「举报」.
    { kind: 'in-post' },
  ],
  aiLabels: ['笔记含AI合成内容'],
});
