// Some picture CDNs answer 403 to a foreign Referer (Weibo's sinaimg.cn). The site records say which and what
// they expect; these declarativeNetRequest session rules give the extension's own requests that Referer.
import browser from 'webextension-polyfill';
import { refererRules } from '../sites';

export async function installRefererRules(): Promise<void> {
  const rules = refererRules();
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: rules.map((r) => r.id), addRules: rules });
}
