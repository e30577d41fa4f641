// Weibo (微博): the weibo.com Vue UI and the m.weibo.cn mobile site (docs/DESIGN.md, "Platform facts"). The DOM
// side — recycled `article` rows, mobile cards, sinaimg picture ids — is src/content/adapters/weibo.ts.
import { defineSite } from './types.ts';

const UID = /\d+/;
/** weibo.com names a post by its base62 mblogid, m.weibo.cn by the numeric mid (either opens there). */
const POST_ID = /[0-9A-Za-z]+/;

export const weibo = defineSite({
  id: 'weibo',
  words: { name: 'site_weibo', thisPost: 'report_this_post_weibo', postNoun: 'report_noun_weibo' },
  names: { zh: '微博', en: 'Weibo' },
  enabledByDefault: true,
  hosts: ['weibo.com', 'www.weibo.com', 'm.weibo.cn'],
  // wx1-4.sinaimg.cn answers 403 to a foreign Referer (none, or weibo's own, is accepted).
  cdn: [{ host: '*.sinaimg.cn', referer: 'https://weibo.com/' }],
  profiles: [
    { url: 'https://weibo.com/u/{userId}', params: { userId: UID }, aliases: ['www.weibo.com'] },
    { url: 'https://weibo.com/{userId}', params: { userId: UID }, aliases: ['www.weibo.com'] },
    // The mobile profile is not read for import: the desktop one (weibo.com/u/<uid>) is.
    { url: 'https://m.weibo.cn/u/{userId}', params: { userId: UID }, importable: false },
  ],
  posts: [
    // The time link of a weibo.com post.
    { url: 'https://weibo.com/{uid}/{postId}', params: { uid: UID, postId: POST_ID }, aliases: ['www.weibo.com'] },
    { url: 'https://m.weibo.cn/detail/{postId}', params: { postId: POST_ID } },
    { url: 'https://m.weibo.cn/status/{postId}', params: { postId: POST_ID } },
  ],
  complaints: [
    {
      kind: 'report-page', url: 'https://service.account.weibo.com/reportspam',
      query: (postId) => {
        const mid = weiboMid(postId);
        return mid ? { rid: mid, type: '1' } : null;
      },
    },
    // 微博版权投诉指引: Weibo's help page on copyright complaints.
    { kind: 'guide', url: 'https://kefu.weibo.com/faqdetail?id=21692' },
  ],
  aiLabels: ['内容由AI生成'],
});

/** The report form wants the numeric mid; weibo.com post ids are its base62 mblogid. */
function weiboMid(postId: string): string | null {
  if (/^\d{10,}$/.test(postId)) return postId;
  try {
    return mblogidToMid(postId);
  } catch {
    return null;
  }
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Weibo's scheme, as public tools implement it: the mid's decimal digits in groups of 7 from the right, each
 * group written as 4 base62 characters (the leading group unpadded). So the mblogid is read from the end in
 * groups of 4, and every group but the leading one restores its 7 digits.
 */
export function mblogidToMid(mblogid: string): string {
  if (!/^[0-9A-Za-z]{1,16}$/.test(mblogid)) throw new Error(`not a Weibo mblogid: ${mblogid.slice(0, 40)}`);
  let mid = '';
  for (let end = mblogid.length; end > 0; end -= 4) {
    const start = Math.max(0, end - 4);
    let n = 0;
    for (const c of mblogid.slice(start, end)) n = n * 62 + BASE62.indexOf(c);
    // Four base62 characters hold up to 62^4 - 1; a group over 7 digits cannot come from a mid.
    if (n > 9_999_999) throw new Error(`not a Weibo mblogid: ${mblogid}`);
    mid = (start > 0 ? String(n).padStart(7, '0') : String(n)) + mid;
  }
  return mid;
}
