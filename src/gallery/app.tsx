// The gallery page: the artist adds works (file picker or drag-and-drop), sees them, and removes them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { WorkSummary } from '../shared/types';
import { PrepareError, prepare } from './prepare';

interface Status { name: string; state: 'adding' | 'added' | 'error'; detail?: string }

export function App() {
  const [works, setWorks] = useState<WorkSummary[] | null>(null);
  const [status, setStatus] = useState<Status[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const refresh = async () => setWorks(await send('gallery/list', {}));
  useEffect(() => void refresh(), []);

  async function addFiles(files: File[]) {
    // One at a time: the model host serialises anyway, and the status list reads in order.
    for (const file of files) {
      setStatus((s) => [...s, { name: file.name, state: 'adding' }]);
      const update = (next: Status) => setStatus((s) => s.map((x) => (x.name === file.name && x.state === 'adding' ? next : x)));
      try {
        const { dataUrl, thumbnail } = await prepare(file);
        await send('gallery/add', { name: file.name, dataUrl, thumbnail });
        update({ name: file.name, state: 'added' });
        await refresh();
      } catch (err) {
        const detail = err instanceof PrepareError ? t(err.key) : (err as Error).message;
        update({ name: file.name, state: 'error', detail });
      }
    }
  }

  async function remove(w: WorkSummary) {
    if (!confirm(t('gallery_delete_confirm', w.name))) return;
    await send('gallery/delete', { id: w.id });
    await refresh();
  }

  return (
    <main>
      <h1>{t('gallery_title')}</h1>
      <p class="muted">{t('gallery_intro')}</p>
      <div
        class={`drop${over ? ' over' : ''}`}
        data-testid="drop"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void addFiles([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <button class="primary" type="button" onClick={() => input.current?.click()}>{t('gallery_pick')}</button>
        <input
          ref={input} type="file" accept="image/*" multiple hidden data-testid="file-input"
          onChange={(e) => {
            const el = e.currentTarget;
            void addFiles([...(el.files ?? [])]).then(() => { el.value = ''; });
          }}
        />
        <p class="muted">{t('gallery_drop')}</p>
      </div>
      <ul class="status" data-testid="status">
        {status.map((s, i) => (
          <li key={i} class={s.state} data-state={s.state}>
            {s.state === 'adding' && t('gallery_adding', s.name)}
            {s.state === 'added' && t('gallery_added', s.name)}
            {s.state === 'error' && t('gallery_error', s.name, s.detail ?? '')}
          </li>
        ))}
      </ul>
      {works && <p class="muted">{works.length ? t('gallery_count', works.length) : t('gallery_empty')}</p>}
      <ul class="works" data-testid="works">
        {works?.map((w) => (
          <li key={w.id} data-testid="work">
            <img src={w.thumbnail} alt={w.name} />
            <div class="row">
              <span class="name" title={w.name}>{w.name}</span>
              <button onClick={() => void remove(w)}>{t('gallery_delete')}</button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
