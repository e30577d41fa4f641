// Builds Xiaohongshu feed fixtures from image bytes, and helpers to read what the extension did with them.
import { createHash } from 'node:crypto';
import type { Page, Worker } from 'playwright-core';
import type { XhsCard } from '../fixtures/sites/xiaohongshu/explore';
import type { FixtureServer, StoredImage } from './fixture-server';
import type { TabReport } from '../../src/shared/types';

export interface FeedItem { image: StoredImage; width: number; height: number; title: string }

const hex = (s: string, n: number) => createHash('sha1').update(s).digest('hex').slice(0, n);

/** Registers every image on the CDN and returns cards with real-looking note ids and xsec tokens. */
export function xhsCards(server: FixtureServer, items: FeedItem[]): XhsCard[] {
  return items.map((item, i) => {
    const token = `1040g008${hex(`token${i}${item.title}`, 24)}`;
    return {
      noteId: hex(`note${i}${item.title}`, 24),
      xsecToken: `AB${hex(`xsec${i}`, 30)}=`,
      title: item.title,
      author: `画师${i}`,
      imageUrl: server.addImage(token, item.image),
      width: item.width,
      height: item.height,
    };
  });
}

export async function tabIdOf(worker: Worker, urlPattern: string): Promise<number> {
  return worker.evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    if (!tab?.id) throw new Error(`no tab matches ${pattern}`);
    return tab.id;
  }, urlPattern);
}

/** Waits until the extension has a verdict for `count` images of the tab (asked through an extension page). */
export function waitForScans(page: Page, tabId: number, count: number, timeoutMs = 120_000): Promise<TabReport> {
  return until(() => reportVia(page, tabId), (r) => r.scanned >= count, timeoutMs);
}

export function badgedPostIds(page: Page): Promise<string[]> {
  return page.$$eval('inkseal-badge', (els) => els.map((e) => (e as HTMLElement).dataset.postId ?? ''));
}

/**
 * Reads a tab's report through an extension page's runtime message: unlike a handle on the worker, this keeps
 * working after the worker is stopped (the message wakes a new one).
 */
export async function reportVia(page: Page, tabId: number): Promise<TabReport> {
  return page.evaluate(async (id) => {
    const reply = await chrome.runtime.sendMessage({ type: 'tab/report', to: 'background', payload: { tabId: id } });
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    return reply.value as TabReport;
  }, tabId);
}

/** Polls `read` until `done` holds, failing with the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
