// Verdict badges drawn in a shadow root (page CSS cannot reach them), absolutely positioned so the page layout never moves.
import browser from 'webextension-polyfill';
import type { Verdict } from '../../shared/types';

const HOST_ATTR = 'data-inkseal-badge';

const STYLE = `
:host { all: initial; position: absolute; top: 8px; left: 8px; z-index: 2147483000; pointer-events: none; }
.badge { font: 600 12px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; color: #fff;
  background: #c0392b; border-radius: 6px; padding: 3px 8px; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
`;

function label(verdict: Verdict): string {
  const pct = Math.round(verdict.score * 100);
  return browser.i18n.getMessage(`badge_${verdict.kind}`, [String(pct)]);
}

export function showBadge(anchor: HTMLElement, postId: string, verdict: Verdict): void {
  let host = anchor.querySelector<HTMLElement>(`:scope > [${HOST_ATTR}]`);
  if (!host) {
    // Positioning context for the absolute host; `relative` without offsets does not move anything.
    if (getComputedStyle(anchor).position === 'static') anchor.style.position = 'relative';
    host = document.createElement('inkseal-badge');
    host.setAttribute(HOST_ATTR, '');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const badge = document.createElement('div');
    badge.className = 'badge';
    shadow.append(style, badge);
    anchor.append(host);
  }
  host.dataset.postId = postId;
  host.dataset.verdict = verdict.kind;
  host.shadowRoot!.querySelector('.badge')!.textContent = label(verdict);
}

export function removeBadge(anchor: HTMLElement): void {
  anchor.querySelector(`:scope > [${HOST_ATTR}]`)?.remove();
}
