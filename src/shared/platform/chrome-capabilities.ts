// What Chrome allows, for the extension's pages (no code: pages must not pull in the model host that
// chrome.ts may import). Identical exports in chrome-capabilities.ts and firefox-capabilities.ts, chosen at build time.

/** Chrome: captureVisibleTab needs activeTab (a toolbar click) or access to all sites, which the report page can ask for. */
export const SCREENSHOT_GRANT: 'permission' | 'toolbar' = 'permission';
