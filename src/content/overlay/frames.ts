// The panel and the Undo toast are extension frames in one top-level host each (closed shadow root, fixed to the
// viewport): a feed card's `overflow: hidden` cannot clip them, page scripts cannot read or click inside them
// (cross-origin), and the work's name and picture reach only the frame. The panel sits beside its badge, stays
// inside the viewport, follows the badge as the page scrolls, and closes with Esc or a click elsewhere.
import browser from 'webextension-polyfill';
import { MARGIN, placeBeside } from './place';
import { FRAME_STYLE } from './style';

export const PANEL_SIZE = { width: 320, height: 380 };
const TOAST_SIZE = { width: 380, height: 64 };
/** How long the Undo toast stays (the decision is already made; Undo stays on the Findings page). */
const TOAST_MS = 12_000;

interface Frame { host: HTMLElement; iframe: HTMLIFrameElement }

function frame(tag: string, src: string, label: string): Frame {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = FRAME_STYLE;
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = label;
  root.append(style, iframe);
  // Outside <body>: body transforms and overflow of a hostile or odd page do not apply to it.
  document.documentElement.append(host);
  return { host, iframe };
}

export class Frames {
  private panel?: Frame & { badge: HTMLElement; follow: number };
  private toast?: Frame & { timer: number };

  constructor() {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.panel) this.closePanel(true);
    }, true);
    document.addEventListener('pointerdown', (e) => {
      // A press anywhere on the page outside the panel closes it (presses inside the frame never reach the page).
      if (this.panel && !e.composedPath().includes(this.panel.host) && !e.composedPath().includes(this.panel.badge)) this.closePanel(false);
    }, true);
  }

  get panelOpen(): boolean {
    return this.panel !== undefined;
  }

  openPanel(token: string, badge: HTMLElement): void {
    this.closePanel(false);
    const f = frame('inkseal-panel', `${browser.runtime.getURL('src/panel/index.html')}#${token}`, browser.i18n.getMessage('panel_title') || 'Inkseal');
    f.host.style.width = `${PANEL_SIZE.width}px`;
    f.host.style.height = `${Math.min(PANEL_SIZE.height, innerHeight - 2 * MARGIN)}px`;
    const place = () => {
      if (!badge.isConnected) {
        // The feed recycled the card: the panel no longer has a post beside it.
        this.closePanel(false);
        return;
      }
      const at = placeBeside(badge.getBoundingClientRect(), { width: PANEL_SIZE.width, height: f.host.offsetHeight }, { width: innerWidth, height: innerHeight });
      f.host.style.left = `${at.left}px`;
      f.host.style.top = `${at.top}px`;
      if (this.panel) this.panel.follow = requestAnimationFrame(place);
    };
    this.panel = { ...f, badge, follow: 0 };
    place();
    // Keyboard users land in the panel; the frame focuses its first button when it has loaded.
    f.iframe.addEventListener('load', () => f.iframe.focus(), { once: true });
  }

  /** The frame's content is this tall: the host fits it, within the viewport (the frame scrolls beyond). */
  fitPanel(height: number): void {
    if (!this.panel || !(height > 0)) return;
    this.panel.host.style.height = `${Math.round(Math.min(Math.max(height, 80), PANEL_SIZE.height, innerHeight - 2 * MARGIN))}px`;
  }

  closePanel(returnFocus: boolean): void {
    if (!this.panel) return;
    cancelAnimationFrame(this.panel.follow);
    this.panel.host.remove();
    if (returnFocus && this.panel.badge.isConnected) this.panel.badge.focus();
    this.panel = undefined;
  }

  showToast(decisionId: string, kind: string): void {
    this.closeToast();
    const f = frame('inkseal-toast', `${browser.runtime.getURL('src/panel/index.html')}?toast=${encodeURIComponent(decisionId)}&kind=${encodeURIComponent(kind)}`,
      browser.i18n.getMessage('panel_title') || 'Inkseal');
    const width = Math.min(TOAST_SIZE.width, innerWidth - 2 * MARGIN);
    Object.assign(f.host.style, {
      width: `${width}px`, height: `${TOAST_SIZE.height}px`,
      left: `${Math.round((innerWidth - width) / 2)}px`, top: `${innerHeight - TOAST_SIZE.height - 24}px`,
    });
    this.toast = { ...f, timer: window.setTimeout(() => this.closeToast(), TOAST_MS) };
    // It waits while the pointer is over it: nobody should lose the Undo they are reaching for.
    f.host.addEventListener('pointerenter', () => { if (this.toast) clearTimeout(this.toast.timer); });
    f.host.addEventListener('pointerleave', () => {
      if (this.toast) this.toast.timer = window.setTimeout(() => this.closeToast(), TOAST_MS);
    });
  }

  closeToast(): void {
    if (!this.toast) return;
    clearTimeout(this.toast.timer);
    this.toast.host.remove();
    this.toast = undefined;
  }

  closeAll(): void {
    this.closePanel(false);
    this.closeToast();
  }
}
