// What the artist dismissed from a badge: "Not my work" suppresses one picture; "Authorised account"
// allow-lists an author on one site. Kept in storage.local: these are the artist's decisions, not a cache.
import browser from 'webextension-polyfill';
import type { PostInfo } from '../shared/types';

const KEY = 'dismissals';

interface Dismissals { images: string[]; accounts: string[] }

/** Read once per worker life: every flagged picture asks, and only this module writes the key. */
let cached: Promise<Dismissals> | undefined;

function load(): Promise<Dismissals> {
  cached ??= browser.storage.local.get(KEY).then((all) => {
    const got = all[KEY] as Partial<Dismissals> | undefined;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { images: list(got?.images), accounts: list(got?.accounts) };
  });
  cached.catch(() => { cached = undefined; });
  return cached;
}

/** An account is its profile URL when the site shows one, else its display name, scoped to the site. */
export function accountKey(site: string, post: Pick<PostInfo, 'author' | 'authorUrl'>): string | null {
  const who = post.authorUrl ?? post.author;
  return who ? `${site}|${who}` : null;
}

export async function dismissImage(imageKey: string): Promise<void> {
  const d = await load();
  if (!d.images.includes(imageKey)) d.images.push(imageKey);
  await browser.storage.local.set({ [KEY]: d });
}

export async function authoriseAccount(account: string): Promise<void> {
  const d = await load();
  if (!d.accounts.includes(account)) d.accounts.push(account);
  await browser.storage.local.set({ [KEY]: d });
}

export async function dismissalFor(imageKey: string, account: string | null): Promise<'not-mine' | 'authorised' | undefined> {
  const d = await load();
  if (d.images.includes(imageKey)) return 'not-mine';
  if (account && d.accounts.includes(account)) return 'authorised';
  return undefined;
}
