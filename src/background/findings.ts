// Each tab's report — images scanned, findings, failures — in storage.session, so it survives service-worker
// restarts but not the browser. Stored as one small entry per scanned picture (`tab:<id>:<imageKey>`), written
// the moment the picture is scanned: rewriting a whole report per picture grew with the feed (hundreds of
// findings re-serialised for every new picture) and cost more than scanning it.
import browser from 'webextension-polyfill';
import type { FailedScan, Finding, TabReport } from '../shared/types';
import { mergeDeclarations } from '../engine/ai-declaration';
import { casesOf } from './finding-store';
import { thumbnails } from './gallery';
import { storageFull, writeNow } from './session-writes';

/** What one scanned picture contributed to its tab's report. */
interface Entry { findings: Finding[]; failed?: FailedScan }

const tabPrefix = (tabId: number) => `tab:${tabId}:`;
const entryKey = (tabId: number, imageKey: string) => `${tabPrefix(tabId)}${imageKey}`;

/** This worker's copy of each tab's entries: storage is read once per tab and worker life, then only written. */
const tabs = new Map<number, Promise<Map<string, Entry>>>();
/** Each tab's match count, kept as entries change: recounting every entry per picture grows with the feed. */
const matchCounts = new Map<number, number>();
/** The count the toolbar shows now, so an unchanged count costs no browser call. */
const badgeCounts = new Map<number, number>();

/**
 * Which tabs have entries in storage, kept under one small key that changes only when a tab gets its first
 * entry or is cleared: every page load in every tab clears its tab, and most never had a report, so that
 * must not cost a read of the whole session store.
 */
const TABS_KEY = 'report-tabs';
let withEntries: Promise<Set<number>> | undefined;

function tabsWithEntries(): Promise<Set<number>> {
  withEntries ??= browser.storage.session.get(TABS_KEY).then((got) => {
    const ids: unknown = got[TABS_KEY];
    return new Set(Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : []);
  });
  withEntries.catch(() => { withEntries = undefined; });
  return withEntries;
}

async function markTab(tabId: number, has: boolean): Promise<void> {
  const ids = await tabsWithEntries();
  if (ids.has(tabId) === has) return;
  if (has) ids.add(tabId);
  else ids.delete(tabId);
  await writeNow({ [TABS_KEY]: [...ids] });
}

function entries(tabId: number): Promise<Map<string, Entry>> {
  let got = tabs.get(tabId);
  if (!got) {
    got = tabsWithEntries().then(async (ids) => {
      if (!ids.has(tabId)) return new Map<string, Entry>();
      // Left by an earlier worker: the one full read for this tab in this worker's life.
      const all = await browser.storage.session.get(null);
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
const matchesIn = (e: Entry | undefined) => e?.findings.filter((f) => !postLevel(f)).length ?? 0;

function summarise(map: Map<string, Entry>): TabReport {
  const findings: Finding[] = [];
  const labelled = new Map<string, Finding>();
  const failed: FailedScan[] = [];
  for (const e of map.values()) {
    for (const f of e.findings) {
      if (postLevel(f)) {
        // One finding per post, with what every picture of it declared (the label, each file's metadata).
        const first = labelled.get(f.post.postId);
        if (first) {
          first.ai = mergeDeclarations(first.ai, f.ai) ?? undefined;
          continue;
        }
        const own = structuredClone(f);
        labelled.set(f.post.postId, own);
        findings.push(own);
        continue;
      }
      findings.push(f);
    }
    if (e.failed) failed.push(e.failed);
  }
  return { scanned: map.size, findings, failed };
}

export async function tabReport(tabId: number): Promise<TabReport> {
  const report = structuredClone(summarise(await entries(tabId)));
  if (await storageFull()) report.storageFull = true;
  // Thumbnails are not stored with each finding; the gallery has them.
  const thumbs = await thumbnails([...new Set(report.findings.flatMap((f) => (f.verdict?.workId ? [f.verdict.workId] : [])))]);
  // One read for every finding's case: one each kept a long scroll's report (hundreds of findings) waiting
  // seconds on a busy machine. Findings recorded before they had lasting ids have no case to look up.
  const withIds = report.findings.filter((f) => f.id);
  const cases = await casesOf(withIds.map((f) => f.id!)).catch(() => [] as undefined[]);
  const statusOf = new Map(withIds.map((f, i) => [f.id!, cases[i]?.status]));
  for (const f of report.findings) {
    f.workThumbnail = (f.verdict?.workId && thumbs[f.verdict.workId]) || '';
    f.status = (f.id ? statusOf.get(f.id) : undefined) ?? 'new';
  }
  return report;
}

async function save(tabId: number, imageKey: string, entry: Entry): Promise<void> {
  const map = await entries(tabId);
  let count = matchCounts.get(tabId) ?? [...map.values()].reduce((n, e) => n + matchesIn(e), 0);
  count += matchesIn(entry) - matchesIn(map.get(imageKey));
  matchCounts.set(tabId, count);
  map.set(imageKey, entry);
  await markTab(tabId, true);
  // Kept in memory whatever storage says: this worker's report stays whole, and a failed write shows in the popup.
  await writeNow({ [entryKey(tabId, imageKey)]: entry });
  // The toolbar count changes rarely; skipping unchanged updates saves two browser calls per picture.
  if (badgeCounts.get(tabId) !== count) {
    badgeCounts.set(tabId, count);
    await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#c0392b' });
  }
}

/** Records one scanned image: its findings (none, a match, an AI label) or its failure. */
export function recordScan(tabId: number, imageKey: string, findings: Finding[], failed?: FailedScan): Promise<void> {
  return save(tabId, imageKey, { findings, ...(failed ? { failed } : {}) });
}

/** Drops findings the artist dismissed, in every tab. */
export async function dropFindings(match: (f: Finding) => boolean): Promise<void> {
  for (const tabId of [...(await tabsWithEntries())]) {
    for (const [imageKey, e] of await entries(tabId)) {
      const kept = e.findings.filter((f) => !match(f));
      if (kept.length !== e.findings.length) await save(tabId, imageKey, { ...e, findings: kept });
    }
  }
}

export async function clearTab(tabId: number): Promise<void> {
  const forget = () => {
    tabs.delete(tabId);
    matchCounts.delete(tabId);
    badgeCounts.delete(tabId);
  };
  if (!(await tabsWithEntries()).has(tabId)) return forget();
  const keys = [...(await entries(tabId)).keys()].map((imageKey) => entryKey(tabId, imageKey));
  forget();
  await markTab(tabId, false);
  await browser.storage.session.remove(keys);
}
