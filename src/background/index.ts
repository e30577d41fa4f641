// Background entry (service worker on Chrome, event page on Firefox): wiring only.
import browser from 'webextension-polyfill';
import { handle } from '../shared/messaging';
import { installContextMenu, onMenuClick } from './context-menu';
import { clearTab } from './findings';
import { resumeSyncs, scheduleSync, syncAll, SYNC_ALARM } from './sources';
import { installRefererRules } from './referer-rules';
import { IMPORT_ALARM, runImports } from './import-jobs';
import { backgroundHandlers } from './router';
import { resumeScans } from './scan';
import { clearAtBrowserStart } from './session-writes';

handle('background', backgroundHandlers);
void installRefererRules().catch((err: unknown) => console.warn('[inkseal] referer rule not installed', err));
void resumeScans();

// First install: the welcome page says what Inkseal does and leads to adding works. Opened in the background
// (not over whatever the artist was doing); updates open nothing.
browser.runtime.onInstalled.addListener(({ reason }) => {
  void installContextMenu().catch((err: unknown) => console.warn('[inkseal] context menu', err));
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html'), active: false });
});

browser.runtime.onStartup.addListener(() => {
  clearAtBrowserStart();
  void installContextMenu().catch(() => undefined);
});
void scheduleSync().catch((err: unknown) => console.warn('[inkseal] sync alarm', err));
void resumeSyncs().catch((err: unknown) => console.warn('[inkseal] resuming syncs', err));
// An import the last worker left unfinished goes on (the page staged its files in IndexedDB).
void runImports();
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void syncAll();
  if (alarm.name === IMPORT_ALARM) void runImports();
});
browser.contextMenus.onClicked.addListener(onMenuClick);

browser.tabs.onRemoved.addListener((tabId) => void clearTab(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  // A full page load starts a fresh feed; SPA navigations keep their findings.
  if (change.status === 'loading' && change.url) void clearTab(tabId);
});
