// Verdict badges in a shadow root (page CSS cannot reach them), absolutely positioned inside the picture's
// frame so they follow it through layout changes and never move the page. Each badge opens a small panel.
import browser from 'webextension-polyfill';
import type { ImageVerdict } from '../../shared/types';
import { pictureUrl, type Candidate } from '../adapters/types';
import { STYLE } from './style';

const t = (key: string, ...subs: (string | number)[]) => browser.i18n.getMessage(key, subs.map(String)) || key;

export interface BadgeActions {
  notMine(c: Candidate): Promise<void>;
  authorise(c: Candidate): Promise<void>;
}

interface Host extends HTMLElement { inkseal?: { c: Candidate; v: ImageVerdict } }

export function badgeOf(anchor: HTMLElement): { postId: string; imageKey: string } | null {
  const host = anchor.querySelector<Host>(':scope > inkseal-badge');
  return host?.inkseal ? { postId: host.inkseal.c.post.postId, imageKey: host.inkseal.c.imageKey } : null;
}

export function removeBadge(anchor: HTMLElement): void {
  anchor.querySelector(':scope > inkseal-badge')?.remove();
}

function label(v: ImageVerdict, aiLabel: boolean): string {
  const pct = Math.round(v.score * 100);
  const match = v.kind !== 'none' && !v.dismissed && !v.error;
  if (match && aiLabel && v.kind === 'style') return t('badge_ai_style', pct);
  if (match) return t(`badge_${v.kind}`, pct);
  return t('badge_ai');
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function panel(root: ShadowRoot, c: Candidate, v: ImageVerdict, actions: BadgeActions): HTMLElement {
  const p = el('div', 'panel');
  const match = v.kind !== 'none' && !v.dismissed;
  if (match) {
    const pair = el('div', 'pair');
    const post = el('img', 'thumb');
    post.src = pictureUrl(c.img);
    post.referrerPolicy = 'no-referrer';
    post.alt = t('popup_post_image');
    const work = el('img', 'thumb');
    work.src = v.workThumbnail ?? '';
    work.alt = v.workName ?? '';
    pair.append(post, work);
    p.append(pair, el('div', 'line strong', `${t(`verdict_${v.kind}`)} · ${t('popup_score', Math.round(v.score * 100))}`));
    if (v.workName) p.append(el('div', 'line', t('popup_your_work', v.workName)));
  }
  if (c.post.aiLabel) p.append(el('div', 'line', t('panel_ai_label', c.post.aiLabel)));
  const row = el('div', 'row');
  const button = (key: string, run: () => Promise<void>, testid: string) => {
    const b = el('button', 'btn', t(key));
    b.dataset.testid = testid;
    b.addEventListener('click', (e) => { e.preventDefault(); e.stopPropagation(); void run(); });
    row.append(b);
    return b;
  };
  if (match) {
    button('panel_not_mine', () => actions.notMine(c), 'not-mine');
    if (c.post.author || c.post.authorUrl) button('panel_authorise', () => actions.authorise(c), 'authorise');
    const report = button('panel_report', async () => undefined, 'report');
    // Reporting (evidence + notice + complaint page) is its own feature; until it lands the button says so.
    report.disabled = true;
    report.title = t('panel_report_soon');
  }
  button('panel_close', async () => { p.remove(); }, 'close');
  p.append(row);
  root.append(p);
  return p;
}

export function showBadge(anchor: HTMLElement, c: Candidate, v: ImageVerdict, actions: BadgeActions): void {
  let host = anchor.querySelector<Host>(':scope > inkseal-badge');
  const text = label(v, Boolean(c.post.aiLabel));
  if (host?.inkseal && host.inkseal.c.imageKey === c.imageKey && host.dataset.label === text) return;
  if (!host) {
    // Positioning context for the absolute host; `relative` without offsets does not move anything.
    if (getComputedStyle(anchor).position === 'static') anchor.style.position = 'relative';
    host = document.createElement('inkseal-badge') as Host;
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style, el('button', 'badge'));
    anchor.append(host);
  }
  const root = host.shadowRoot!;
  host.inkseal = { c, v };
  host.dataset.postId = c.post.postId;
  host.dataset.verdict = v.kind !== 'none' && !v.dismissed ? v.kind : 'ai-labelled';
  host.dataset.label = text;
  const badge = root.querySelector<HTMLButtonElement>('.badge')!;
  badge.textContent = text;
  badge.classList.toggle('info', host.dataset.verdict === 'ai-labelled');
  badge.onclick = (e) => {
    // The badge sits inside the post's link: a click must not open the post.
    e.preventDefault();
    e.stopPropagation();
    const open = root.querySelector('.panel');
    if (open) open.remove();
    else panel(root, c, host!.inkseal!.v, actions);
  };
}
