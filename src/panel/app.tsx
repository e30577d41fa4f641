// The in-page panel and the Undo toast: an extension frame the content script puts beside a badge (overlay/
// frames.ts). Being an extension page, it alone holds the work's name and picture, and its buttons cannot be
// read or clicked by the page around it. `#<token>` opens a finding's panel; `?toast=<decision id>` the toast.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import { AiEvidence, kindWords } from '../shared/ai-evidence';
import type { Decision, PanelData } from '../shared/types';
import { transformKey, whenKey } from '../shared/words';

/** Asks the tab to close this frame; once more if the background was restarting (else the panel would stay). */
const close = (which: 'panel' | 'toast') => void send('panel/close', { which })
  .catch(() => new Promise((r) => setTimeout(r, 300)).then(() => send('panel/close', { which })))
  .catch(() => undefined);

/**
 * Esc closes on its release, not its press: the frame is removed while the key is down otherwise, and the release
 * then goes to a frame that no longer exists (Chromium can leave that key event unanswered for good).
 */
function onEscape(which: 'panel' | 'toast') {
  useEffect(() => {
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape') close(which); };
    addEventListener('keyup', key);
    return () => removeEventListener('keyup', key);
  }, []);
}

function Panel({ token }: { token: string }) {
  const [data, setData] = useState<PanelData | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  onEscape('panel');
  useEffect(() => {
    send('panel/get', { token }).then(setData, (err: Error) => setError(err.message));
  }, []);
  useEffect(() => { if (data) first.current?.focus(); }, [data]);
  // The host is sized by the page's content script, which cannot measure this frame: tell it.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    const report = () => void send('panel/size', { height: el.scrollHeight }).catch(() => undefined);
    const ro = new ResizeObserver(report);
    ro.observe(el);
    return () => ro.disconnect();
  }, [data, error]);

  if (error) {
    return (
      <main class="panel" data-testid="panel" ref={main}>
        <p class="error" data-testid="panel-error">{t('panel_expired')}</p>
        <button data-testid="close" onClick={() => close('panel')}>{t('panel_close')}</button>
      </main>
    );
  }
  if (!data) return <main class="panel" aria-busy="true" />;
  const f = data.finding;
  const v = f.verdict;
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const transform = v?.transform ? t(transformKey(v.transform)) : '';
  const [when, n] = whenKey(f.case?.history.at(-1)?.at ?? Date.now());
  return (
    <main class="panel" data-testid="panel" data-finding-id={f.id} ref={main}>
      <header>
        <strong class="verdict" data-testid="panel-verdict">
          {v ? `${kindWords(f.kind, f.ai)} · ${t('popup_score', Math.round(v.score * 100))}` : t('verdict_ai_labelled')}
        </strong>
        <button class="x" aria-label={t('panel_close')} data-testid="close" onClick={() => close('panel')}>×</button>
      </header>
      {v && (
        <div class="pair">
          <figure>
            <img src={f.displayUrl} referrerpolicy="no-referrer" alt={t('popup_post_image')} />
            <figcaption>{t('popup_post_image')}</figcaption>
          </figure>
          <figure>
            <img src={data.workThumbnail} alt={data.workName} data-testid="panel-work-thumb" />
            <figcaption data-testid="panel-work-name">{t('popup_your_work', data.workName)}</figcaption>
          </figure>
        </div>
      )}
      {transform && <p class="line">{transform}</p>}
      <AiEvidence ai={f.ai} platformLabel={f.aiLabel} />
      {f.case && <p class="line case" data-testid="panel-case">{t(`badge_case_${f.case.status}`, t(when, n))}</p>}
      <div class="actions">
        {v && (
          <button ref={first} class="primary" data-testid="report" disabled={busy}
            onClick={() => act(async () => { await send('report/start', { findingId: f.id }); close('panel'); })}>
            {f.case ? t('panel_report_again') : t('panel_report')}
          </button>
        )}
        {v && (
          <button data-testid="not-mine" disabled={busy}
            onClick={() => act(() => send('decision/make', { findingId: f.id, kind: 'not-mine' }))}>
            {t('panel_not_mine')}
          </button>
        )}
        {v && data.canAuthorise && (
          <button data-testid="authorise" disabled={busy}
            onClick={() => act(() => send('decision/make', { findingId: f.id, kind: 'authorised' }))}>
            {t('panel_authorise')}
          </button>
        )}
        <button class="link" data-testid="all-findings"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/findings/index.html') })}>
          {t('panel_all_findings')}
        </button>
      </div>
    </main>
  );
}

function Toast({ id, kind }: { id: string; kind: Decision['kind'] }) {
  const [error, setError] = useState('');
  onEscape('toast');
  return (
    <main class="toast" data-testid="toast" aria-live="polite">
      <span>{error || t(kind === 'authorised' ? 'toast_authorised' : 'toast_not_mine')}</span>
      <button class="primary" data-testid="undo"
        onClick={() => send('decision/undo', { id }).then(() => close('toast'), (err: Error) => setError(err.message))}>
        {t('toast_undo')}
      </button>
    </main>
  );
}

export function App() {
  const query = new URLSearchParams(location.search);
  const toast = query.get('toast');
  if (toast) return <Toast id={toast} kind={query.get('kind') === 'authorised' ? 'authorised' : 'not-mine'} />;
  return <Panel token={location.hash.slice(1)} />;
}
