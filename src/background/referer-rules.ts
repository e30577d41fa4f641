// Weibo's picture CDN answers 403 to a foreign Referer. The model host fetches with no referrer; this
// declarativeNetRequest session rule gives the extension's own requests (tabId -1: not from any tab) to
// sinaimg.cn the Referer the CDN expects, and touches nothing the artist's pages load.
import browser from 'webextension-polyfill';

const RULE_ID = 1;

export async function installRefererRules(): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [RULE_ID],
    addRules: [{
      id: RULE_ID,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [{ header: 'referer', operation: 'set', value: 'https://weibo.com/' }],
      },
      condition: { requestDomains: ['sinaimg.cn'], tabIds: [-1], resourceTypes: ['xmlhttprequest', 'other'] },
    }],
  });
}
