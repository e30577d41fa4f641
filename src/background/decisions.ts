// What the artist decided from a badge: "Not my work" suppresses one picture; "This account is authorised"
// allow-lists an author on one site. Every decision is listed on the Findings page and can be undone there or
// from the page's toast. Kept in storage.local: these are the artist's choices, not a cache.
import browser from 'webextension-polyfill';
import type { Decision, PostInfo } from '../shared/types';
import { migrateLegacy } from './decisions-migrate';

const KEY = 'decisions';
/** Before decisions had ids and dates: plain lists of image keys and account keys. */
const LEGACY_KEY = 'dismissals';

/** Read once per worker life: every flagged picture asks, and only this module writes the key. */
let cached: Promise<Decision[]> | undefined;

function isDecision(d: unknown): d is Decision {
  const r = d as Decision;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && (r.kind === 'not-mine' || r.kind === 'authorised')
    && typeof r.key === 'string' && typeof r.at === 'number';
}

function load(): Promise<Decision[]> {
  cached ??= browser.storage.local.get([KEY, LEGACY_KEY]).then(async (all) => {
    if (Array.isArray(all[KEY])) return (all[KEY] as unknown[]).filter(isDecision);
    const migrated = migrateLegacy(all[LEGACY_KEY], Date.now());
    await browser.storage.local.set({ [KEY]: migrated });
    await browser.storage.local.remove(LEGACY_KEY);
    return migrated;
  });
  cached.catch(() => { cached = undefined; });
  return cached;
}

async function save(list: Decision[]): Promise<void> {
  cached = Promise.resolve(list);
  await browser.storage.local.set({ [KEY]: list });
}

/** An account is its profile URL when the site shows one, else its display name, scoped to the site. */
export function accountKey(site: string, post: Pick<PostInfo, 'author' | 'authorUrl'>): string | null {
  const who = post.authorUrl ?? post.author;
  return who ? `${site}|${who}` : null;
}

/** Records a decision; the same decision made twice is one entry (its date refreshed). */
export async function decide(d: Omit<Decision, 'id' | 'at'>): Promise<Decision> {
  const list = await load();
  const same = list.find((x) => x.kind === d.kind && x.key === d.key);
  const made: Decision = { ...d, id: same?.id ?? crypto.randomUUID(), at: Date.now() };
  await save([...list.filter((x) => x !== same), made]);
  return made;
}

export async function undo(id: string): Promise<Decision | undefined> {
  const list = await load();
  const gone = list.find((x) => x.id === id);
  if (gone) await save(list.filter((x) => x !== gone));
  return gone;
}

export async function listDecisions(): Promise<Decision[]> {
  return [...(await load())].sort((a, b) => b.at - a.at);
}

export async function dismissalFor(imageKey: string, account: string | null): Promise<'not-mine' | 'authorised' | undefined> {
  const list = await load();
  if (list.some((d) => d.kind === 'not-mine' && d.key === imageKey)) return 'not-mine';
  if (account && list.some((d) => d.kind === 'authorised' && d.key === account)) return 'authorised';
  return undefined;
}
