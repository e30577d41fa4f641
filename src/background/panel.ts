// The in-page panel is an extension frame; the page only ever sees ids. A badge click gets a one-time token
// naming the finding, so a page cannot frame the panel for a finding of its choosing (nor replay a token it
// glimpsed): the frame trades the token for the finding's details once.
import browser from 'webextension-polyfill';
import type { PanelData } from '../shared/types';
import { accountKey } from './decisions';
import { findingId, getFinding, view } from './finding-store';
import { filesOf, workOf } from './gallery';

const key = (token: string) => `panel:${token}`;
/** A panel not opened within this long was never going to be. */
const TOKEN_MS = 60_000;

export async function openPanel(site: string, imageKey: string, postId: string, tabId: number | undefined): Promise<{ token: string }> {
  if (tabId === undefined) throw new Error('panels open in tabs');
  // A badge without a match is the post's AI declaration (the platform's label or the picture's metadata).
  const match = findingId(site, 'match', imageKey);
  const id = (await getFinding(match)) ? match : findingId(site, 'ai-labelled', postId);
  const token = crypto.randomUUID();
  // storage.session: the token must outlive a service-worker restart between the click and the frame's load.
  await browser.storage.session.set({ [key(token)]: { findingId: id, tabId, at: Date.now() } });
  return { token };
}

export async function panelData(token: string, tabId: number | undefined): Promise<PanelData> {
  if (typeof token !== 'string' || token.length > 64) throw new Error('bad token');
  const got = (await browser.storage.session.get(key(token)))[key(token)] as { findingId: string; tabId: number; at: number } | undefined;
  await browser.storage.session.remove(key(token));
  if (!got || got.tabId !== tabId || Date.now() - got.at > TOKEN_MS) throw new Error('this panel has expired; click the badge again');
  const f = await getFinding(got.findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  const v = await view(f);
  const work = f.verdict?.workId ? await workOf(f.verdict.workId) : undefined;
  const files = work ? await filesOf(work.id) : undefined;
  return {
    finding: v,
    workName: work?.name ?? f.verdict?.workName ?? '',
    workThumbnail: files?.thumbnail ?? '',
    canAuthorise: accountKey(f.site, { author: f.author, authorUrl: f.authorId }) !== null,
  };
}
