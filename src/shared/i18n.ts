// Every UI string comes from _locales (zh_CN and en); a missing key shows the key, which a test catches.
import browser from 'webextension-polyfill';

export function t(key: string, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}
