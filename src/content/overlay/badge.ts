// Verdict badges: a button in a CLOSED shadow root, absolutely positioned inside the picture's frame so it
// follows layout changes and never moves the page. The page's DOM holds ids only (post id, verdict kind): the
// work's name and picture are never written where a page script could read them — the panel is an extension
// frame that fetches them itself (overlay/frames.ts).
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

const hostOf = (anchor: HTMLElement) => anchor.querySelector<HTMLElement>(':scope > inkseal-badge');

export function badgeOf(anchor: HTMLElement): { postId: string; imageKey: string; button: HTMLElement } | null {
  const host = hostOf(anchor);
  const s = host && shown.get(host);
  return s ? { postId: s.c.post.postId, imageKey: s.c.imageKey, button: s.button } : null;
}

export function removeBadge(anchor: HTMLElement): void {
  hostOf(anchor)?.remove();
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

export function showBadge(anchor: HTMLElement, c: Candidate, v: ImageVerdict, actions: BadgeActions): void {
  let host = hostOf(anchor);
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
