// Where the artist complains about a post, per platform. Pure. Every URL handed out is https: the report page
// links them, and post URLs come from hostile pages (a javascript: or http: URL there is refused, not linked).
// The pages themselves are facts of each site (src/sites).
import { generic, siteById, type ComplaintKind } from '../sites';

export interface ComplaintTarget {
  kind: ComplaintKind;
  url: string;
}

/** The site record's complaint pages for this post; a site Inkseal has no record of gets the post itself. */
export function complaintTargets(site: string, post: { postId: string; postUrl: string }): ComplaintTarget[] {
  const out: ComplaintTarget[] = [];
  for (const page of (siteById(site) ?? generic).complaints) {
    const url = page.url ? withQuery(page.url, page.query?.(post.postId)) : post.postUrl;
    const safe = httpsOnly(url);
    if (safe) out.push({ kind: page.kind, url: safe });
  }
  return out;
}

/** The page with the post's parameters (set, so an id cannot add parameters of its own); null drops the page. */
function withQuery(page: string, query: Record<string, string> | null | undefined): string | null {
  if (query === null) return null;
  const url = new URL(page);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url.href;
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
