// Content script: wiring only. Picks the site adapter, watches for candidate images as the feed changes, asks
// the background for verdicts and draws badges. Small and tfjs-free: it sends URLs, never pixels.
import { send } from '../shared/messaging';
import { adapterFor } from './adapters';
import type { Candidate, SiteAdapter } from './adapters/types';
import { showBadge } from './overlay/badge';

/** Images smaller than this are avatars, emoji or UI art (design brief: ≥ 120 px). */
const MIN_SIZE = 120;

const requested = new Map<HTMLImageElement, string>();

function imageUrl(img: HTMLImageElement): string | null {
  const url = img.currentSrc || img.src;
  return url.startsWith('https://') ? url : null;
}

function bigEnough(img: HTMLImageElement): boolean {
  const r = img.getBoundingClientRect();
  return Math.max(r.width, img.naturalWidth) >= MIN_SIZE && Math.max(r.height, img.naturalHeight) >= MIN_SIZE;
}

async function scan(adapter: SiteAdapter, c: Candidate): Promise<void> {
  const url = imageUrl(c.img);
  if (!url || requested.get(c.img) === url || !c.img.complete || !bigEnough(c.img)) return;
  requested.set(c.img, url);
  try {
    const verdict = await send('scan/image', { url, postUrl: c.post.postUrl, postId: c.post.postId, site: adapter.id });
    if (verdict.kind !== 'none' && imageUrl(c.img) === url) showBadge(c.anchor, c.post.postId, verdict);
  } catch (err) {
    requested.delete(c.img);
    console.debug('[inkseal] scan failed', err);
  }
}

function start(adapter: SiteAdapter): void {
  const visible = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) rescan([e.target]);
  }, { rootMargin: '400px 0px' });
  const observed = new WeakSet<Element>();

  function rescan(only?: Element[]): void {
    for (const c of adapter.candidates(document)) {
      if (only && !only.includes(c.img)) continue;
      if (!observed.has(c.img)) {
        observed.add(c.img);
        visible.observe(c.img);
        c.img.addEventListener('load', () => rescan([c.img]));
        continue;
      }
      void scan(adapter, c);
    }
  }

  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; rescan(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
  rescan();
}

const adapter = adapterFor(new URL(location.href));
if (adapter) start(adapter);
