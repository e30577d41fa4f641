// The page's words for a platform and its posts. One literal key per branch, so the locale test sees each.
import { t } from '../shared/i18n';
import { hostOf } from './facts';

/** The platform's name in the UI language. */
export function siteName(site: string, postUrl: string): string {
  switch (site) {
    case 'xiaohongshu': return t('site_xiaohongshu');
    case 'weibo': return t('site_weibo');
    default: return hostOf(postUrl);
  }
}

/** "This Xiaohongshu post" / 「这篇小红书笔记」: the subject of the verdict sentence. */
export function thisPost(site: string, postUrl: string): string {
  switch (site) {
    case 'xiaohongshu': return t('report_this_post_xiaohongshu');
    case 'weibo': return t('report_this_post_weibo');
    default: return t('report_this_post_generic', hostOf(postUrl));
  }
}

/** What a post is called there: a note (笔记) on Xiaohongshu, a weibo on Weibo. */
export function postNoun(site: string): string {
  switch (site) {
    case 'xiaohongshu': return t('report_noun_xiaohongshu');
    case 'weibo': return t('report_noun_weibo');
    default: return t('report_noun_generic');
  }
}
