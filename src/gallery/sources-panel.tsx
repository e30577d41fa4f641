// Synced sources on the Gallery page: the artist adds the feed or list where they publish; each source shows
// when it last synced, what it added and what went wrong, and can be synced now, paused, or removed — keeping
// its works or removing them too, as the artist chooses.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';
import type { SourceView } from '../shared/types';
import { fetchRefusal } from '../shared/address';

const when = (ms: number | undefined) => (ms ? new Date(ms).toLocaleString() : t('sources_never'));

function SourceRow({ s, onChange }: { s: SourceView; onChange: () => void }) {
  const [removing, setRemoving] = useState(false);
  const act = async (f: () => Promise<unknown>) => { await f(); onChange(); };
  return (
    <li data-testid="source" data-url={s.url} data-state={s.syncing ? 'syncing' : s.paused ? 'paused' : s.lastError ? 'error' : 'ok'}>
      <div class="source-head">
        <strong class="label" title={s.url}>{s.label}</strong>
        {s.paused && <span class="chip">{t('sources_paused')}</span>}
      </div>
      <p class="muted" data-testid="source-status">
        {s.syncing ? t('sources_syncing') : t('sources_last', when(s.lastSync), s.lastAdded ?? 0)} · {t('sources_works', s.works)}
      </p>
      {s.lastError && !s.syncing && <p class="error" data-testid="source-error">{t('sources_error', s.lastError)}</p>}
      {removing ? (
        <div class="row">
          <span>{t('sources_remove_ask', s.works)}</span>
          <button type="button" data-testid="source-remove-keep" onClick={() => void act(() => send('sources/remove', { id: s.id, removeWorks: false }))}>{t('sources_remove_keep')}</button>
          <button type="button" data-testid="source-remove-works" onClick={() => void act(() => send('sources/remove', { id: s.id, removeWorks: true }))}>{t('sources_remove_works')}</button>
          <button type="button" onClick={() => setRemoving(false)}>{t('gallery_edit_cancel')}</button>
        </div>
      ) : (
        <div class="row">
          <button type="button" data-testid="source-sync" disabled={s.syncing || s.paused} onClick={() => void act(() => send('sources/sync', { id: s.id }))}>{t('sources_sync_now')}</button>
          <button type="button" data-testid="source-pause" onClick={() => void act(() => send('sources/pause', { id: s.id, paused: !s.paused }))}>
            {s.paused ? t('sources_resume') : t('sources_pause')}
          </button>
          <button type="button" data-testid="source-remove" onClick={() => setRemoving(true)}>{t('sources_remove')}</button>
        </div>
      )}
    </li>
  );
}

/** The background's refusal code in the artist's language; anything else (a storage error) as it came. */
function sourceError(code: string): string {
  const known = ['not-a-link', 'bad-scheme', 'internal-address', 'already-a-source', 'too-many-sources'];
  return known.includes(code) ? t(`sources_error_${code.replaceAll('-', '_')}`) : code;
}

export function SourcesPanel({ onWorksChanged }: { onWorksChanged: () => void }) {
  const [sources, setSources] = useState<SourceView[]>([]);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const refresh = async () => setSources(await send('sources/list', {}));
  useEffect(() => void refresh(), []);
  // While a source syncs, its status and the gallery follow it.
  const syncing = sources.some((s) => s.syncing);
  // A paused source is skipped by syncs: its last error is old news, not a failing sync.
  const failing = sources.filter((s) => s.lastError && !s.syncing && !s.paused).length;
  useEffect(() => {
    if (!syncing) return;
    const timer = setInterval(() => void refresh().then(onWorksChanged), 1500);
    return () => { clearInterval(timer); onWorksChanged(); };
  }, [syncing]);

  async function add() {
    setNote('');
    let origin: string;
    try {
      origin = `${new URL(url.trim()).origin}/*`;
    } catch {
      setNote(t('sources_bad_url'));
      return;
    }
    // Before the browser's permission prompt: there is no point granting access to an address never fetched.
    const refusal = fetchRefusal(url.trim());
    if (refusal) {
      setNote(sourceError(refusal));
      return;
    }
    // Asked inside the click (Firefox honours it only there): the background reads the source and its pictures.
    const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
    if (!granted) {
      setNote(t('gallery_links_denied'));
      return;
    }
    try {
      await send('sources/add', { url: url.trim() });
      setUrl('');
    } catch (err) {
      setNote(sourceError((err as Error).message));
    }
    await refresh();
  }

  return (
    // Folded by default, like the links: the page's first screen belongs to the works. The summary still says how
    // many sources there are and whether one is failing, so a broken sync is seen without opening it.
    <details class="sources" data-testid="sources">
      <summary>
        {t('sources_title')}
        {sources.length > 0 && <span class="muted" data-testid="sources-count"> · {t('sources_count', sources.length)}</span>}
        {failing > 0 && <span class="error" data-testid="sources-failing"> · {t('sources_failing', failing)}</span>}
      </summary>
      <p class="muted">{t('sources_intro')}</p>
      <div class="row">
        <input type="url" data-testid="source-url" placeholder="https://…/feed.xml" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        <button type="button" data-testid="source-add" disabled={!url.trim()} onClick={() => void add()}>{t('sources_add')}</button>
      </div>
      {note && <p class="error" data-testid="source-note">{note}</p>}
      <ul class="source-list">{sources.map((s) => <SourceRow key={s.id} s={s} onChange={() => void refresh().then(onWorksChanged)} />)}</ul>
    </details>
  );
}
