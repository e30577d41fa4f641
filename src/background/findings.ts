// Each tab's report — images scanned, findings, failures — in storage.session, so it survives service-worker
// restarts but not the browser. Updates per tab are chained so concurrent scans never overwrite each other.
import browser from 'webextension-polyfill';
import type { FailedScan, Finding, TabReport } from '../shared/types';

const key = (tabId: number) => `tab:${tabId}`;
const chains = new Map<number, Promise<unknown>>();
const badgeCounts = new Map<number, number>();
/** This worker's copy of each report: storage is read once per tab and worker life, then only written. */
const reports = new Map<number, TabReport>();

export async function tabReport(tabId: number): Promise<TabReport> {
  const mine = reports.get(tabId);
  if (mine) return structuredClone(mine);
  const got = (await browser.storage.session.get(key(tabId)))[key(tabId)] as Partial<TabReport> | undefined;
  return { scanned: got?.scanned ?? 0, findings: got?.findings ?? [], failed: got?.failed ?? [] };
}

export function updateTab(tabId: number, change: (r: TabReport) => void): Promise<TabReport> {
  const next = (chains.get(tabId) ?? Promise.resolve()).then(async () => {
    const report = reports.get(tabId) ?? (await tabReport(tabId));
    change(report);
    reports.set(tabId, report);
    // Written at once, not coalesced: a worker stopped a moment later must not lose what the popup counts.
    await browser.storage.session.set({ [key(tabId)]: report });
    const count = report.findings.filter((f) => f.kind !== 'ai-labelled').length;
    // The toolbar count changes rarely; skipping unchanged updates saves two browser calls per picture.
    if (badgeCounts.get(tabId) !== count) {
      badgeCounts.set(tabId, count);
      await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#c0392b' });
    }
    return report;
  });
  chains.set(tabId, next.catch(() => undefined));
  return next;
}

// An AI label belongs to the post; a match belongs to one picture of it.
const same = (a: Finding, b: Finding) =>
  a.kind === b.kind && a.post.postId === b.post.postId && (a.kind === 'ai-labelled' || a.imageKey === b.imageKey);

/** Records one scanned image: its findings (none, a match, an AI label) or its failure. */
export function recordScan(tabId: number, imageKey: string, findings: Finding[], failed?: FailedScan): Promise<TabReport> {
  return updateTab(tabId, (r) => {
    r.scanned++;
    r.findings = r.findings.filter((f) => !findings.some((n) => same(f, n))).concat(findings);
    r.failed = r.failed.filter((f) => f.imageKey !== imageKey);
    if (failed) r.failed.push(failed);
  });
}

/** Drops findings the artist dismissed, in every tab. */
export async function dropFindings(match: (f: Finding) => boolean): Promise<void> {
  // Tabs this worker knows plus tabs an earlier worker left in storage.
  const stored = Object.keys(await browser.storage.session.get(null)).filter((k) => k.startsWith('tab:')).map((k) => Number(k.slice(4)));
  for (const tabId of new Set([...reports.keys(), ...stored])) {
    await updateTab(tabId, (r) => { r.findings = r.findings.filter((f) => !match(f)); });
  }
}

export async function clearTab(tabId: number): Promise<void> {
  chains.delete(tabId);
  badgeCounts.delete(tabId);
  reports.delete(tabId);
  await browser.storage.session.remove(key(tabId));
}
