// This tab's findings and scan count. Kept in storage.session so they survive service-worker restarts but not
// the browser. Updates per tab are chained so concurrent scans never overwrite each other.
import browser from 'webextension-polyfill';
import type { Finding, TabReport } from '../shared/types';

const key = (tabId: number) => `tab:${tabId}`;
const chains = new Map<number, Promise<unknown>>();

export async function tabReport(tabId: number): Promise<TabReport> {
  const got = await browser.storage.session.get(key(tabId));
  return (got[key(tabId)] as TabReport | undefined) ?? { scanned: 0, findings: [] };
}

function update(tabId: number, change: (r: TabReport) => void): Promise<TabReport> {
  const next = (chains.get(tabId) ?? Promise.resolve()).then(async () => {
    const report = await tabReport(tabId);
    change(report);
    await browser.storage.session.set({ [key(tabId)]: report });
    return report;
  });
  chains.set(tabId, next.catch(() => undefined));
  return next;
}

export async function recordScan(tabId: number, finding: Finding | null): Promise<void> {
  const report = await update(tabId, (r) => {
    r.scanned++;
    if (!finding) return;
    r.findings = r.findings.filter((f) => !(f.postId === finding.postId && f.imageUrl === finding.imageUrl));
    r.findings.push(finding);
  });
  if (finding) {
    await browser.action.setBadgeText({ tabId, text: String(report.findings.length) });
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#c0392b' });
  }
}

export async function clearTab(tabId: number): Promise<void> {
  chains.delete(tabId);
  await browser.storage.session.remove(key(tabId));
}
