// Background entry (service worker on Chrome, event page on Firefox): wiring only.
import browser from 'webextension-polyfill';
import { handle } from '../shared/messaging';
import { clearTab } from './findings';
import { installRefererRules } from './referer-rules';
import { backgroundHandlers } from './router';
import { resumeScans } from './scan';

handle('background', backgroundHandlers);
void installRefererRules().catch((err: unknown) => console.warn('[inkseal] referer rule not installed', err));
void resumeScans();

browser.tabs.onRemoved.addListener((tabId) => void clearTab(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  // A full page load starts a fresh feed; SPA navigations keep their findings.
  if (change.status === 'loading' && change.url) void clearTab(tabId);
});
