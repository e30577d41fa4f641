// Evidence captured when the artist presses Report: the post's tab as they saw it (when the browser lets the
// extension capture it), the post picture's bytes and sha256, and the stored work's. Kept in IndexedDB with the
// finding, so the report page, the bundle and a later complaint all state the same facts.
import browser from 'webextension-polyfill';
import { get, put } from '../shared/db';
import { sendToTab } from '../shared/messaging';
import { fetchPicture } from '../shared/picture-fetch';
import { detailOf } from '../shared/refusal';
import type { EvidenceRecord, FindingRecord } from '../shared/types';
import { filesOf, workOf } from './gallery';

/** Evidence is fetched once, with the artist waiting on purpose: a slow CDN gets longer than a feed scan's. */
const FETCH_MS = 20_000;

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromDataUrl(dataUrl: string): { bytes: Uint8Array; mime: string } {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!m) throw new Error('not a data URL');
  const raw = m[2] ? atob(m[3]!) : decodeURIComponent(m[3]!);
  return { bytes: Uint8Array.from(raw, (c) => c.charCodeAt(0)), mime: m[1]! };
}

/**
 * The post picture as the background fetches it (no cookies; Weibo's Referer rule applies), bounded like a
 * scan's fetch: never an internal address, never a redirect, never more than 40 MB.
 */
async function postPicture(url: string): Promise<EvidenceRecord['post']> {
  try {
    const { bytes, mime: type } = await fetchPicture(url, { timeoutMs: FETCH_MS });
    const mime = type || 'application/octet-stream';
    return { url, dataUrl: `data:${mime};base64,${toBase64(bytes)}`, sha256: await sha256(bytes), mime, bytes: bytes.length };
  } catch (err) {
    return { url, error: detailOf(err instanceof Error ? err.message : String(err)) };
  }
}

/**
 * Why a screenshot is missing, as a code the report page words in the artist's language:
 * `needs-permission` — the browser allows it only after a toolbar click on the tab (activeTab) or with access
 * to all sites; `post-gone` — the picture left the page; `tab-closed`; `away` — Report was pressed elsewhere.
 */
export type ScreenshotMissing = 'needs-permission' | 'post-gone' | 'tab-closed' | 'away';

/** The post's tab, brought to the front with the picture scrolled into view, as PNG. */
export async function screenshot(tabId: number, imageKey: string): Promise<{ screenshot?: string; screenshotError?: string }> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return { screenshotError: 'tab-closed' satisfies ScreenshotMissing };
  try {
    if (!tab.active) await browser.tabs.update(tabId, { active: true });
    // A tab that does not answer (frozen, mid-navigation) must not hold the report: it then has no screenshot.
    const shown = await Promise.race([
      sendToTab(tabId, 'content/scroll-to', { imageKey }),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000)),
    ]);
    if (!shown?.found) return { screenshotError: 'post-gone' satisfies ScreenshotMissing };
    return { screenshot: await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' }) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Chrome: "Either the '<all_urls>' or 'activeTab' permission is required"; Firefox: "Missing activeTab permission".
    if (/activeTab|all_urls|permission/i.test(message)) return { screenshotError: 'needs-permission' satisfies ScreenshotMissing };
    return { screenshotError: message };
  }
}

export async function captureEvidence(f: FindingRecord, tabId: number | undefined): Promise<EvidenceRecord> {
  const work = f.verdict?.workId ? await workOf(f.verdict.workId) : undefined;
  const files = work ? await filesOf(work.id) : undefined;
  const shot = tabId === undefined ? { screenshotError: 'away' satisfies ScreenshotMissing } : await screenshot(tabId, f.imageKey);
  const post = await postPicture(f.stableUrl);
  let workFacts: EvidenceRecord['work'] = { dataUrl: '', sha256: '', mime: '', bytes: 0, name: f.verdict?.workName ?? '', addedAt: 0, workId: f.verdict?.workId ?? '' };
  if (work && files) {
    const { bytes, mime } = fromDataUrl(files.image);
    workFacts = { dataUrl: files.image, sha256: await sha256(bytes), mime, bytes: bytes.length, name: work.name, addedAt: work.addedAt, workId: work.id };
  }
  const record: EvidenceRecord = {
    findingId: f.id, capturedAt: Date.now(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...shot, post, work: workFacts,
  };
  await put('evidence', record);
  return record;
}

/** A screenshot taken later (the artist granted the permission on the report page); the rest is kept. */
export async function recapture(f: FindingRecord, tabId: number): Promise<EvidenceRecord> {
  const old = await get('evidence', f.id);
  if (!old) return captureEvidence(f, tabId);
  const next = { ...old, ...(await screenshot(tabId, f.imageKey)) };
  if (next.screenshot) delete next.screenshotError;
  await put('evidence', next);
  return next;
}

export const evidenceOf = (findingId: string) => get('evidence', findingId);
