// What the gallery benchmark reads from the browser: when the Gallery page's tiles show their pictures (a frame
// loop in the page), the import's progress as it moves, and JS heaps through the DevTools protocol.
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Added before the Gallery page's own scripts. `__bench.open` records, in ms since navigation began, the first
 * frame with a tile, with a tile's picture decoded, with every tile on screen showing its picture, and with the
 * search box enabled (the whole list here);
 * `__bench.settle()` waits for that last state again after a scroll or a search. `__imports` logs every change
 * of the import's "N of M".
 */
export const INSTRUMENT = `(() => {
  const onScreen = () => [...document.querySelectorAll('[data-testid=work]')].filter((li) => {
    const r = li.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
  });
  const shows = (li) => { const img = li.querySelector('img'); return !!img && img.complete && img.naturalWidth > 0; };
  const allShown = () => { const tiles = onScreen(); return tiles.length > 0 && tiles.every(shows); };
  const frames = (test, timeoutMs = 120000) => new Promise((resolve) => {
    const start = performance.now();
    const tick = () => {
      const v = test();
      if (v !== undefined) resolve(v);
      else if (performance.now() - start > timeoutMs) resolve(-1);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const open = {};
  const settle = () => frames(() => (allShown() ? performance.now() : undefined));
  window.__bench = { open, frames, settle, onScreen };
  frames(() => {
    const tiles = onScreen();
    if (open.firstTile === undefined && tiles.length) open.firstTile = performance.now();
    if (open.firstPicture === undefined && tiles.some(shows)) open.firstPicture = performance.now();
    return allShown() ? performance.now() : undefined;
  }).then((t) => { open.allPictures = t; open.tiles = onScreen().length; });
  // A large gallery arrives in two parts (use-works.ts): search, filters and sort work once the whole list is here.
  frames(() => (document.querySelector('[data-testid=gallery-search]')?.disabled === false ? performance.now() : undefined))
    .then((t) => { open.searchable = t; });

  window.__imports = [];
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid=import-progress]');
    if (!el) return;
    const e = { done: Number(el.dataset.done), total: Number(el.dataset.total), state: el.dataset.state };
    const last = window.__imports[window.__imports.length - 1];
    if (!last || last.done !== e.done || last.state !== e.state || last.total !== e.total) window.__imports.push({ ...e, t: performance.now() });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-done', 'data-state', 'data-total'] });
})();`;

export interface ImportEntry { done: number; total: number; state: string; t: number }

/** The time each work finished, from the progress log (a new import restarts "done" at 0), and when it began. */
export function completions(log: ImportEntry[]): { start: number; at: number[] } {
  const at: number[] = [];
  let prev = 0;
  for (const e of log) {
    if (e.done < prev) prev = 0;
    for (; prev < e.done; prev++) at.push(e.t);
  }
  return { start: log[0]?.t ?? 0, at };
}

const MB = 2 ** 20;

/**
 * JS heap after a full collection, in MB, with ArrayBuffer backing stores (typed arrays' contents: the matcher's
 * vectors, a page's decoded data) counted separately: V8's used size leaves them out.
 */
export interface Heap { js: number; buffers: number }

const heapOf = (u: { usedSize: number; backingStorageSize?: number }): Heap => ({ js: u.usedSize / MB, buffers: (u.backingStorageSize ?? 0) / MB });

export async function pageHeap(context: BrowserContext, page: Page): Promise<Heap> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return heapOf(await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number });
  } finally {
    await cdp.detach();
  }
}

/**
 * The service worker's heap, as pageHeap. Workers have no performance.memory and Playwright
 * opens no CDP session on them, so the browser session attaches to the worker's target and talks through it.
 */
export async function workerHeap(context: BrowserContext, extensionId: string): Promise<Heap> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!sw) throw new Error('the background is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let next = 0;
    const call = (method: string) => new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++next;
      const listener = (e: { sessionId?: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return heapOf(usage as unknown as { usedSize: number; backingStorageSize?: number });
  } finally {
    await cdp.detach();
  }
}
