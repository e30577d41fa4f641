// Tells the content scripts that decisions or cases changed, so their badges ask again (a dismissed badge goes,
// an undone one comes back, a case shows "reported"). Only the tab where a decision was made shows its Undo.
import browser from 'webextension-polyfill';
import { sendToTab } from '../shared/messaging';
import type { Decision } from '../shared/types';

export async function notifyTabs(decidedIn: number | undefined, decision?: Decision): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => tab.id === undefined ? undefined
    : sendToTab(tab.id, 'content/changed', tab.id === decidedIn && decision ? { undoable: decision } : {}).catch(() => undefined)));
}
