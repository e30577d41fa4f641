// What Firefox allows, for the extension's pages (no code: pages must not pull in the model host that
// firefox.ts may import). Identical exports in chrome-capabilities.ts and firefox-capabilities.ts, chosen at build time.

/** Firefox (MV3): captureVisibleTab needs activeTab; `<all_urls>` host access does not count, so only a toolbar click helps. */
export const SCREENSHOT_GRANT: 'permission' | 'toolbar' = 'toolbar';
