// Builds Xiaohongshu feed fixtures from image bytes, and helpers to read what the extension did with them.
import { createHash } from 'node:crypto';
import type { XhsCard } from '../../src/dev/stand-ins/sites/xiaohongshu/explore';
import type { FixtureServer, StoredImage } from '../../src/dev/stand-ins/server';
import type { TabReport } from '../../src/shared/types';
import type { ExtensionSession, TabPage } from './driver';
import { until } from '../../src/dev/until';

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

/** The id the browser gave the one tab whose URL matches `urlPattern` (a match pattern). */
export async function tabIdOf(ext: ExtensionSession, urlPattern: string): Promise<number> {
  return until(() => ext.extensionEval(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    return tab?.id ?? -1;
  }, urlPattern), (id) => id >= 0, 30_000);
}

/** Waits until the extension has a verdict for `count` images of the tab. */
export function waitForScans(ext: ExtensionSession, tabId: number, count: number, timeoutMs?: number): Promise<TabReport> {
  return until(() => reportVia(ext, tabId), (r) => r.scanned >= count, timeoutMs);
}

export function badgedPostIds(page: TabPage): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('inkseal-badge')].map((e) => (e as HTMLElement).dataset.postId ?? ''));
}

/**
 * Each badge on the page: its post, verdict, and whether a click at its centre would reach it inside the window
 * (a clipped or covered badge passes a Playwright click, not this).
 */
export function badgesOn(page: TabPage): Promise<{ post: string; verdict: string; reachable: boolean }[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('inkseal-badge')].map((b) => {
    const r = b.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const inView = r.width > 0 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    return { post: b.dataset.postId ?? '', verdict: b.dataset.verdict ?? '', reachable: inView && document.elementFromPoint(x, y) === b };
  }));
}

export function count(page: TabPage, selector: string): Promise<number> {
  return page.evaluate((s) => document.querySelectorAll(s).length, selector);
}

/**
 * Reads a tab's report the way the popup does, by a runtime message from an extension page: this keeps
 * working after the background is stopped (the message wakes a new one).
 */
export async function reportVia(ext: ExtensionSession, tabId: number): Promise<TabReport> {
  return ask<TabReport>(ext, 'tab/report', { tabId });
}

/**
 * Opens one of the Gallery page's folded sections (`sources`, `backup`) as a person does, by clicking its summary;
 * a control inside a folded section cannot be clicked.
 */
export async function openSection(page: TabPage, testId: string): Promise<void> {
  await page.click(`[data-testid=${testId}] > summary`);
  await until(() => page.evaluate((id) => document.querySelector<HTMLDetailsElement>(`[data-testid=${id}]`)!.open, testId), Boolean);
}

/** The default timeout (60 s) stays well inside the browser tests' own (vite.config.ts). */
export { until } from '../../src/dev/until';

/**
 * Asks the background what an extension page would (a typed-contract message), from the control page. Chromium
 * can drop a message sent while its service worker is stopping (idle or told to), leaving the reply pending for
 * ever; each attempt is therefore bounded and a lost one sent again — the messages the tests send are reads or
 * idempotent writes.
 */
export async function ask<T>(ext: ExtensionSession, type: string, payload: unknown = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const reply = await ext.extensionEval(async ([t, p]) => {
      const lost = new Promise<{ ok: false; error: string; lost: true }>((done) =>
        setTimeout(() => done({ ok: false, error: 'no answer in 20 s', lost: true }), 20_000));
      try {
        return await Promise.race([
          chrome.runtime.sendMessage({ type: t, to: 'background', payload: p }) as
            Promise<{ ok: boolean; value?: unknown; error?: string; lost?: boolean } | undefined>,
          lost,
        ]);
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    }, [type, payload] as const);
    if (reply?.lost && attempt < 3) continue;
    if (!reply?.ok) throw new Error(`${type}: ${reply?.error ?? 'no reply'}`);
    return reply.value as T;
  }
}
