// The profile import's progress bar: fixed at the top of the page, above it, in a CLOSED shadow root like the
// other overlays. Its button (Stop, then Close) has a host of its own, slotted into the bar, so a person's
// click — and the tests' elementFromPoint check — lands on that host. The hosts carry the import's state and
// counts as data attributes: nothing the page did not already see (the page shows the same words).
import { t } from '../../shared/i18n';

export type ImportState = 'scrolling' | 'paused' | 'importing' | 'done' | 'stopped';

export interface ImportCounts {
  /** Posts found on the profile so far. */
  found: number;
  /** Posts whose pictures were imported (or failed). */
  processed: number;
  /** Pictures: added as works, already in the gallery, failed. */
  added: number;
  duplicates: number;
  failed: number;
}

const BAR_STYLE = `
:host { all: initial; position: fixed; z-index: 2147483647; top: 8px; left: 50%; transform: translateX(-50%);
  width: min(640px, calc(100vw - 16px)); box-sizing: border-box; display: flex; align-items: center; gap: 12px;
  padding: 8px 8px 8px 14px; border-radius: 10px; background: #fff; color: #222; box-shadow: 0 4px 18px rgba(0,0,0,.3);
  font: 13px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.text { flex: 1; min-width: 0; }
.line { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.brand { font-weight: 700; color: #c0392b; margin-right: 6px; }
progress { display: block; width: 100%; height: 4px; margin-top: 4px; accent-color: #c0392b; }
:host([data-state=done]) progress, :host([data-state=stopped]) progress { display: none; }
`;

const BUTTON_STYLE = `
:host { all: initial; display: block; flex: none; }
button { all: unset; cursor: pointer; box-sizing: border-box; padding: 5px 14px; border-radius: 6px; white-space: nowrap;
  font: 600 13px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #fff; background: #c0392b; }
button.secondary { color: #222; background: #e8e8e8; }
button:focus-visible { outline: 2px solid #222; outline-offset: 2px; }
`;

export class ImportBar {
  private readonly host = document.createElement('inkseal-import');
  private readonly buttonHost = document.createElement('inkseal-import-button');
  private readonly line = document.createElement('span');
  private readonly button = document.createElement('button');
  private readonly progress = document.createElement('progress');

  constructor(private readonly onStop: () => void, private readonly onClose: () => void) {
    const root = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = BAR_STYLE;
    const text = document.createElement('div');
    text.className = 'text';
    const brand = document.createElement('span');
    brand.className = 'brand';
    brand.textContent = t('import_bar_brand');
    this.line.className = 'line';
    this.line.prepend(brand);
    text.append(this.line, this.progress);
    const slot = document.createElement('slot');
    slot.name = 'button';
    root.append(style, text, slot);
    this.host.setAttribute('role', 'status');
    this.host.setAttribute('aria-live', 'polite');

    const buttonRoot = this.buttonHost.attachShadow({ mode: 'closed' });
    const buttonStyle = document.createElement('style');
    buttonStyle.textContent = BUTTON_STYLE;
    buttonRoot.append(buttonStyle, this.button);
    this.buttonHost.slot = 'button';
    this.button.onclick = (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (this.host.dataset.state === 'done' || this.host.dataset.state === 'stopped') this.onClose();
      else this.onStop();
    };
    this.host.append(this.buttonHost);
    // Outside <body>, like the panel: the page's body transforms and overflow do not apply to it.
    document.documentElement.append(this.host);
  }

  show(state: ImportState, c: ImportCounts): void {
    const finished = state === 'done' || state === 'stopped';
    Object.assign(this.host.dataset, {
      state, found: String(c.found), added: String(c.added), duplicates: String(c.duplicates), failed: String(c.failed),
    });
    this.buttonHost.dataset.action = finished ? 'close' : 'stop';
    const words = finished
      ? t(state === 'done' ? 'import_bar_done' : 'import_bar_stopped', c.added, c.duplicates, c.failed)
      : `${t('import_bar_progress', c.found, c.added)}${state === 'paused' ? ` · ${t('import_bar_paused')}` : ''}`;
    if (this.line.lastChild?.textContent !== words) this.setWords(words);
    // Posts found so far against posts imported: the bar fills as the imports catch up with the scrolling.
    this.progress.max = Math.max(1, c.found);
    this.progress.value = c.processed;
    this.button.textContent = t(finished ? 'import_bar_close' : 'import_bar_stop');
    this.button.className = finished ? 'secondary' : '';
  }

  remove(): void {
    this.host.remove();
  }

  private setWords(words: string): void {
    const brand = this.line.firstChild!;
    this.line.replaceChildren(brand, document.createTextNode(words));
  }
}
