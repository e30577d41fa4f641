// Report pressed (panel, popup or Findings page): capture the evidence, open the report page next to the post.
// Nothing is ever submitted for the artist; the report page gathers, writes and opens — they send.
import browser from 'webextension-polyfill';
import type { ReportData } from '../shared/types';
import { captureEvidence, evidenceOf, recapture } from './evidence';
import { getFinding, view } from './finding-store';
import { filesOf, workOf } from './gallery';

export const reportUrl = (findingId: string) => browser.runtime.getURL(`src/report/index.html?finding=${encodeURIComponent(findingId)}`);

export async function startReport(findingId: string, tabId: number | undefined): Promise<{ url: string }> {
  const f = await getFinding(findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  await captureEvidence(f, tabId);
  const url = reportUrl(findingId);
  const source = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
  if (source) {
    await browser.storage.session.set({ [`report-tab:${findingId}`]: tabId });
    await browser.tabs.create({ url, index: source.index + 1, windowId: source.windowId, openerTabId: tabId });
  }
  return { url };
}

export async function reportData(findingId: string): Promise<ReportData> {
  const f = await getFinding(findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  const work = f.verdict?.workId ? await workOf(f.verdict.workId) : undefined;
  const files = work ? await filesOf(work.id) : undefined;
  return {
    finding: await view(f),
    evidence: (await evidenceOf(findingId)) ?? null,
    work: work && files ? {
      id: work.id, name: work.name, addedAt: work.addedAt, dataUrl: files.image, title: work.title,
      // What the artist recorded in the gallery fills the notice's facts; the report page can still change them.
      facts: Object.fromEntries(Object.entries({ created: work.createdOn, firstPublishedUrl: work.publishedUrl, firstPublishedAt: work.publishedOn })
        .filter(([, v]) => v !== undefined)),
    } : null,
  };
}

/**
 * A screenshot taken from the report page (after the artist granted the permission there): the post's tab is
 * brought to the front for the capture, then the report page again.
 */
export async function screenshotFromReport(findingId: string, reportTabId: number | undefined) {
  const f = await getFinding(findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  const source = (await browser.storage.session.get(`report-tab:${findingId}`))[`report-tab:${findingId}`] as number | undefined;
  const tab = source === undefined ? undefined : await browser.tabs.get(source).catch(() => undefined);
  if (!tab) throw new Error('the post’s tab is closed: open the post again and press Report there');
  await browser.tabs.update(tab.id!, { active: true });
  try {
    return await recapture(f, tab.id!);
  } finally {
    if (reportTabId !== undefined) await browser.tabs.update(reportTabId, { active: true }).catch(() => undefined);
  }
}
