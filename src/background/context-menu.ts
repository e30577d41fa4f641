// "Add to my Inkseal gallery" in the context menu of any web picture: the click asks for the picture's site
// (while the click still counts as the artist's gesture), then hands the link to the gallery page, which imports
// it as any pasted link — same checks, same progress and summary — and records where it came from.
import browser, { type Menus, type Tabs } from 'webextension-polyfill';

export const MENU_ID = 'inkseal-add-to-gallery';
const GALLERY = 'src/gallery/index.html';

/** (Re)creates the menu item; menus persist in Chrome but not always in Firefox's event page, so both call it. */
export async function installContextMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_ID, title: browser.i18n.getMessage('menu_add_to_gallery'), contexts: ['image'],
    targetUrlPatterns: ['https://*/*', 'http://*/*'],
  });
}

/** The gallery page's address for an import of `src` found on `page`: its hash, so an open gallery hears it. */
export function galleryImportUrl(src: string, page: string | undefined): string {
  const hash = new URLSearchParams({ add: src, ...(page ? { from: page } : {}) });
  return `${browser.runtime.getURL(GALLERY)}#${hash}`;
}

export function onMenuClick(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== MENU_ID || !info.srcUrl || !/^https?:/.test(info.srcUrl)) return;
  const src = info.srcUrl;
  // Asked at once, inside the click: after an await the browser no longer counts it as the artist's gesture.
  // Already granted (Xiaohongshu's and Weibo's CDNs are), it answers true without a prompt.
  const asked = browser.permissions.request({ origins: [`${new URL(src).origin}/*`] })
    .catch(() => browser.permissions.contains({ origins: [`${new URL(src).origin}/*`] }));
  void asked.then(async () => {
    // Granted or not, the gallery page shows the outcome: added, a duplicate, or why it could not be reached.
    const url = galleryImportUrl(src, info.pageUrl ?? tab?.url);
    const [open] = await browser.tabs.query({ url: `${browser.runtime.getURL(GALLERY)}*` });
    if (open?.id !== undefined) {
      await browser.tabs.update(open.id, { url, active: true });
      if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
    } else {
      await browser.tabs.create({ url, index: tab?.index === undefined ? undefined : tab.index + 1 });
    }
  });
}
