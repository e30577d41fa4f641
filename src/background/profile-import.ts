// "Import my works from this page" on the artist's own Xiaohongshu or Weibo profile. The popup starts it for one
// tab (profile/start): the background checks that the tab shows an importable profile and hands the tab's content
// script a token. The content script scrolls the profile where the artist watches it and sends each post it
// finds (profile/import-post); the background checks it (profile-post.ts) and imports the post's pictures one by
// one, each a work whose source and first publication are the post.
import browser from 'webextension-polyfill';
import type { Runtime } from 'webextension-polyfill';
import { sendToTab } from '../shared/messaging';
import type { ProfilePostResult } from '../shared/types';
import { profileAt, siteById, type Site } from '../sites';
import { importRemote } from './import-remote';
import { checkPost } from './profile-post';

/** Tokens outlive a worker restart (storage.session) but not the browser session. */
const tokenKey = (token: string) => `profile-import:${token}`;

interface Grant { tabId: number; site: Site['id']; userId: string }

export async function startProfileImport(tabId: number): Promise<{ ok: true }> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const profile = tab?.url ? profileAt(tab.url) : null;
  if (!profile) throw new Error('not a profile page Inkseal can import from');
  const token = crypto.randomUUID();
  const grant: Grant = { tabId, site: profile.site.id, userId: profile.userId };
  await browser.storage.session.set({ [tokenKey(token)]: grant });
  const answer = await sendToTab(tabId, 'content/profile-import', { token });
  if (!answer) throw new Error('reload the page and try again');
  if (!answer.started) {
    await browser.storage.session.remove(tokenKey(token));
    if (answer.reason === 'running') throw new Error('an import is already running on this page');
    throw new Error('not a profile page Inkseal can import from');
  }
  return { ok: true };
}

/** Imports one post's pictures for the content script holding the tab's token. */
export async function importProfilePost(token: unknown, post: unknown, sender: Runtime.MessageSender): Promise<ProfilePostResult> {
  const grant = typeof token === 'string' && token.length <= 64
    ? (await browser.storage.session.get(tokenKey(token)))[tokenKey(token)] as Grant | undefined
    : undefined;
  if (!grant || grant.tabId !== sender.tab?.id) throw new Error('no import was started on this page');
  const site = siteById(grant.site);
  if (!site) throw new Error('unknown site');
  const p = checkPost(post, site, grant.userId);
  const out: ProfilePostResult = { added: 0, duplicates: 0, failed: [] };
  for (const [i, url] of p.pictures.entries()) {
    const title = p.title && p.pictures.length > 1 ? `${p.title} (${i + 1}/${p.pictures.length})` : p.title;
    try {
      const { duplicate } = await importRemote({
        url,
        source: { kind: 'profile', url: p.postUrl },
        details: { title, publishedUrl: p.postUrl, publishedOn: p.publishedOn },
      });
      if (duplicate) out.duplicates++;
      else out.added++;
    } catch (err) {
      out.failed.push((err as Error).message);
    }
  }
  return out;
}
