// Each tab's report — images scanned, findings, failures — in storage.session, so it survives service-worker
// restarts but not the browser. Stored as one small entry per scanned picture (`tab:<id>:<imageKey>`), written
// the moment the picture is scanned: rewriting a whole report per picture grew with the feed (hundreds of
// findings re-serialised for every new picture) and cost more than scanning it.
import browser from 'webextension-polyfill';
import type { FailedScan, Finding, TabReport } from '../shared/types';
import { gallery } from './gallery';

/** What one scanned picture contributed to its tab's report. */
interface Entry { findings: Finding[]; failed?: FailedScan }

const PREFIX = 'tab:';
const tabPrefix = (tabId: number) => `${PREFIX}${tabId}:`;
const entryKey = (tabId: number, imageKey: string) => `${tabPrefix(tabId)}${imageKey}`;

/** This worker's copy of each tab's entries: storage is read once per tab and worker life, then only written. */
const tabs = new Map<number, Promise<Map<string, Entry>>>();
const badgeCounts = new Map<number, number>();

function entries(tabId: number): Promise<Map<string, Entry>> {
  let got = tabs.get(tabId);
  if (!got) {
    got = browser.storage.session.get(null).then((all) => {
      const prefix = tabPrefix(tabId);
      return new Map(Object.entries(all).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v as Entry]));
    });
    tabs.set(tabId, got);
    got.catch(() => tabs.delete(tabId));
  }
  return got;
}

// An AI label belongs to the post (every picture of it reports it); a match belongs to one picture.
const postLevel = (f: Finding) => f.kind === 'ai-labelled';

function summarise(map: Map<string, Entry>): TabReport {
  const findings: Finding[] = [];
  const labelled = new Set<string>();
  const failed: FailedScan[] = [];
  for (const e of map.values()) {
    for (const f of e.findings) {
      if (postLevel(f)) {
        if (labelled.has(f.post.postId)) continue;
        labelled.add(f.post.postId);
      }
      findings.push(f);
    }
    if (e.failed) failed.push(e.failed);
  }
  return { scanned: map.size, findings, failed };
}

export async function tabReport(tabId: number): Promise<TabReport> {
  const report = structuredClone(summarise(await entries(tabId)));
  // Thumbnails are not stored with each finding; the gallery has them.
  const { works } = await gallery();
  for (const f of report.findings) f.workThumbnail = (f.verdict?.workId && works.get(f.verdict.workId)?.thumbnail) || '';
  return report;
}

async function save(tabId: number, imageKey: string, entry: Entry): Promise<void> {
  const map = await entries(tabId);
  map.set(imageKey, entry);
  await browser.storage.session.set({ [entryKey(tabId, imageKey)]: entry });
  const count = summarise(map).findings.filter((f) => !postLevel(f)).length;
  // The toolbar count changes rarely; skipping unchanged updates saves two browser calls per picture.
  if (badgeCounts.get(tabId) !== count) {
    badgeCounts.set(tabId, count);
    await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#c0392b' });
  }
}

/** Records one scanned image: its findings (none, a match, an AI label) or its failure. */
export function recordScan(tabId: number, imageKey: string, findings: Finding[], failed?: FailedScan): Promise<void> {
  return save(tabId, imageKey, { findings: findings.map((f) => ({ ...f, workThumbnail: '' })), ...(failed ? { failed } : {}) });
}

/** Drops findings the artist dismissed, in every tab. */
export async function dropFindings(match: (f: Finding) => boolean): Promise<void> {
  // Tabs this worker knows plus tabs an earlier worker left in storage.
  const stored = Object.keys(await browser.storage.session.get(null)).filter((k) => k.startsWith(PREFIX))
    .map((k) => Number(k.slice(PREFIX.length, k.indexOf(':', PREFIX.length))));
  for (const tabId of new Set([...tabs.keys(), ...stored])) {
    for (const [imageKey, e] of await entries(tabId)) {
      const kept = e.findings.filter((f) => !match(f));
      if (kept.length !== e.findings.length) await save(tabId, imageKey, { ...e, findings: kept });
    }
  }
}

export async function clearTab(tabId: number): Promise<void> {
  tabs.delete(tabId);
  badgeCounts.delete(tabId);
  const prefix = tabPrefix(tabId);
  const keys = Object.keys(await browser.storage.session.get(null)).filter((k) => k.startsWith(prefix));
  if (keys.length) await browser.storage.session.remove(keys);
}
