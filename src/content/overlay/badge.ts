// Verdict badges: a button in a CLOSED shadow root, absolutely positioned inside the picture's frame (the
// candidate's anchor) at its own picture's corner, so it follows layout changes and never moves the page. One
// badge per picture, not per frame: a generic page often puts several pictures in one container. The page's DOM
// holds ids only (post id, verdict kind): the work's name and picture are never written where a page script
// could read them — the panel is an extension frame that fetches them itself (overlay/frames.ts).
import browser from 'webextension-polyfill';
import type { ImageVerdict } from '../../shared/types';
import type { Candidate } from '../adapters/types';
import { whenKey } from '../../shared/words';
import { STYLE } from './style';

const t = (key: string, ...subs: (string | number)[]) => browser.i18n.getMessage(key, subs.map(String)) || key;

export interface BadgeActions {
  /** The badge was activated: open the panel next to it. */
  open(c: Candidate, badge: HTMLElement): void;
}

interface Shown { c: Candidate; v: ImageVerdict; label: string; button: HTMLButtonElement }
/** What each host shows, kept in the content script's world: expandos and closed roots are invisible to pages. */
const shown = new WeakMap<HTMLElement, Shown>();

/** The badge host for this picture in its anchor, if one is shown. */
function hostOf(c: Pick<Candidate, 'anchor' | 'img'>): HTMLElement | null {
  for (const host of c.anchor.querySelectorAll<HTMLElement>(':scope > inkseal-badge')) if (shown.get(host)?.c.img === c.img) return host;
  return null;
}

export interface BadgeFacts { img: HTMLImageElement; postId: string; imageKey: string; button: HTMLElement }

/** What a badge host shows (null for a host this content script did not make, e.g. one a page planted). */
export function badgeFacts(host: HTMLElement): BadgeFacts | null {
  const s = shown.get(host);
  return s ? { img: s.c.img, postId: s.c.post.postId, imageKey: s.c.imageKey, button: s.button } : null;
}

export function badgeOf(c: Pick<Candidate, 'anchor' | 'img'>): BadgeFacts | null {
  const host = hostOf(c);
  return host && badgeFacts(host);
}

export function removeBadge(c: Pick<Candidate, 'anchor' | 'img'>): void {
  hostOf(c)?.remove();
}

/** The stylesheet's 8 px inset, kept from the picture's corner rather than the frame's. */
const INSET = 8;

/**
 * Puts the badge over its own picture's top-left corner, measured from the anchor's padding box (where an
 * absolute child's offsets start). Called on every pass, since the page's layout moves without telling anyone.
 */
export function placeBadge(c: Pick<Candidate, 'anchor' | 'img'>): void {
  const host = hostOf(c);
  if (!host) return;
  const a = c.anchor.getBoundingClientRect();
  const p = c.img.getBoundingClientRect();
  const left = p.left - a.left - c.anchor.clientLeft + c.anchor.scrollLeft + INSET;
  const top = p.top - a.top - c.anchor.clientTop + c.anchor.scrollTop + INSET;
  const px = (n: number) => `${Math.round(n)}px`;
  // `important`: page CSS aimed at the host cannot move a badge off its picture.
  if (host.style.left !== px(left)) host.style.setProperty('left', px(left), 'important');
  if (host.style.top !== px(top)) host.style.setProperty('top', px(top), 'important');
  const width = px(Math.max(p.width - 2 * INSET, 0));
  if (host.style.maxWidth !== width) host.style.setProperty('max-width', width, 'important');
}

/** Who declared the picture AI: the platform's label in the post, or the file's own metadata (read by the extension). */
export function aiSaidBy(c: Candidate, v: ImageVerdict): 'platform' | 'metadata' | 'both' | null {
  const platform = Boolean(c.post.aiLabel);
  const metadata = Boolean(v.provenance?.ai);
  return platform && metadata ? 'both' : platform ? 'platform' : metadata ? 'metadata' : null;
}

function label(v: ImageVerdict, ai: ReturnType<typeof aiSaidBy>): string {
  const pct = Math.round(v.score * 100);
  const match = v.kind !== 'none' && !v.dismissed && !v.error;
  let text = t(ai === 'metadata' ? 'badge_ai_metadata' : 'badge_ai');
  if (match && ai && v.kind === 'style') text = t('badge_ai_style', pct);
  else if (match) text = t(`badge_${v.kind}`, pct);
  if (match && v.caseStatus && v.caseAt) {
    const [when, n] = whenKey(v.caseAt);
    text += ` · ${t(`badge_case_${v.caseStatus}`, t(when, n))}`;
  }
  return text;
}

export function showBadge(c: Candidate, v: ImageVerdict, actions: BadgeActions): void {
  const anchor = c.anchor;
  let host = hostOf(c);
  const ai = aiSaidBy(c, v);
  const text = label(v, ai);
  const was = host ? shown.get(host) : undefined;
  if (was && was.c.imageKey === c.imageKey && was.label === text) return;
  let button = was?.button;
  if (!host || !button) {
    host?.remove();
    // Positioning context for the absolute host; `relative` without offsets does not move anything.
    if (getComputedStyle(anchor).position === 'static') anchor.style.position = 'relative';
    host = document.createElement('inkseal-badge');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    button = document.createElement('button');
    button.className = 'badge';
    button.setAttribute('aria-haspopup', 'dialog');
    root.append(style, button);
    // Recorded before it is placed: placing finds the host by its picture.
    shown.set(host, { c, v, label: text, button });
    anchor.append(host);
  }
  const verdict = v.kind !== 'none' && !v.dismissed ? v.kind : 'ai-labelled';
  host.dataset.postId = c.post.postId;
  host.dataset.verdict = verdict;
  // Which evidence declared AI (never what it said): tests and the page's own label agree on it.
  if (ai) host.dataset.ai = ai;
  else delete host.dataset.ai;
  button.textContent = text;
  button.classList.toggle('info', verdict === 'ai-labelled');
  shown.set(host, { c, v, label: text, button });
  placeBadge(c);
  const b = button;
  b.onclick = (e) => {
    // The badge sits inside the post's link: a click must not open the post.
    e.preventDefault();
    e.stopPropagation();
    // Only a person's click (or Enter) opens it: a page script's synthetic click() is not trusted.
    if (!e.isTrusted) return;
    actions.open(shown.get(host)!.c, b);
  };
}
