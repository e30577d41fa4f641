// Where the artist complains about a post, per platform. Pure. Every URL handed out is https: the report page
// links them, and post URLs come from hostile pages (a javascript: or http: URL there is refused, not linked).

export interface ComplaintTarget {
  /** ip-center: the platform's rights-holder portal; in-post: the post's own 「举报」; report-page: a report form. */
  kind: 'ip-center' | 'in-post' | 'report-page' | 'guide';
  url: string;
}

const XHS_IP_CENTER = 'https://ipp.xiaohongshu.com/';
const WEIBO_REPORT = 'https://service.account.weibo.com/reportspam';
/** Weibo's help page on copyright complaints (微博版权投诉指引). */
const WEIBO_GUIDE = 'https://kefu.weibo.com/faqdetail?id=21692';

export function complaintTargets(site: string, post: { postId: string; postUrl: string }): ComplaintTarget[] {
  const out: ComplaintTarget[] = [];
  const add = (kind: ComplaintTarget['kind'], url: string | null) => {
    const safe = httpsOnly(url);
    if (safe) out.push({ kind, url: safe });
  };
  switch (site) {
    case 'xiaohongshu': {
      // The noteId lets the portal's form (and the artist) see which note the complaint is about.
      const ipp = new URL(XHS_IP_CENTER);
      ipp.searchParams.set('noteId', post.postId);
      add('ip-center', ipp.href);
      // The note keeps its xsec_token: without it Xiaohongshu shows a "note unavailable" page, not 「举报」.
      add('in-post', post.postUrl);
      break;
    }
    case 'weibo': {
      const mid = weiboMid(post.postId);
      if (mid) add('report-page', `${WEIBO_REPORT}?rid=${mid}&type=1`);
      add('guide', WEIBO_GUIDE);
      break;
    }
    default:
      add('in-post', post.postUrl);
  }
  return out;
}

function httpsOnly(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** m.weibo.cn names posts by the numeric mid, weibo.com by its base62 mblogid; the report form wants the mid. */
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
