// The page's words for a platform and its posts, from the site record's message keys (src/sites; a meta-test
// checks each key exists in every locale). A generic site, or one without a record, is named by the post's host.
import { t } from '../shared/i18n';
import { generic, siteById, type SiteRecord } from '../sites';
import { hostOf } from './facts';

function platform(site: string): SiteRecord | null {
  const record = siteById(site);
  return record && record.id !== generic.id ? record : null;
}

/** The platform's name in the UI language. */
export function siteName(site: string, postUrl: string): string {
  const p = platform(site);
  return p ? t(p.words.name) : hostOf(postUrl);
}

/** "This Xiaohongshu post" / 「这篇小红书笔记」: the subject of the verdict sentence. */
export function thisPost(site: string, postUrl: string): string {
  const p = platform(site);
  return p ? t(p.words.thisPost) : t(generic.words.thisPost, hostOf(postUrl));
}

/** What a post is called there: a note (笔记) on Xiaohongshu, a weibo on Weibo. */
export function postNoun(site: string): string {
  return t((platform(site) ?? generic).words.postNoun);
}
