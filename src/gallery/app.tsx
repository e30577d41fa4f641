// The gallery page: the artist adds works (files, a folder, or drag-and-drop of either), sees them, and removes
// them. An import runs one work at a time with one progress view (import-queue.ts, import-progress.tsx).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { WorkSummary } from '../shared/types';
import { dropEntries, fromDrop, fromInput, type Picked } from './import-files';
import { ImportProgressView, ImportSummary } from './import-progress';
import { ImportQueue, type ImportProgress, type Outcome } from './import-queue';
import { FORMAT_LABEL } from './import-sniff';
import { prepare } from './prepare';
import { ImportLinks, type LinkItem } from './import-links';
import { fetchLink, nameOf } from './import-urls';
import { BackupPanel } from './backup-panel';

export function App() {
  const [works, setWorks] = useState<WorkSummary[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [nothingFound, setNothingFound] = useState(false);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const refresh = async () => setWorks(await send('gallery/list', {}));
  useEffect(() => void refresh(), []);
  // Preact's JSX types lack webkitdirectory; every browser Inkseal supports has the property.
  useEffect(() => { folderInput.current!.webkitdirectory = true; }, []);

  const queue = useMemo(() => new ImportQueue<Picked | LinkItem>(async (item): Promise<Outcome> => {
    const { label } = item;
    let file: File;
    if ('url' in item) {
      try {
        const got = await fetchLink(item.url);
        file = new File([got.bytes], nameOf(item.url), { type: got.type });
      } catch (err) {
        return { kind: 'failed', label, reason: 'unreachable', detail: (err as Error).message };
      }
    } else {
      file = item.file;
    }
    const p = await prepare(file);
    if (!p.ok) {
      const detail = p.reason === 'unsupported' && p.format ? FORMAT_LABEL[p.format]
        : p.reason === 'too-many-pixels' ? `${p.width} × ${p.height}` : undefined;
      return { kind: 'failed', label, reason: p.reason, detail };
    }
    const { work, duplicate } = await send('gallery/add', { name: file.name, dataUrl: p.dataUrl, thumbnail: p.thumbnail, contentHash: p.contentHash });
    if (duplicate) return { kind: 'duplicate', label, existing: work.name };
    // The new work goes first (the list is newest first) without fetching every thumbnail again.
    setWorks((ws) => [work, ...(ws ?? [])]);
    return { kind: 'added', label };
  }, setProgress), []);

  function add(picked: (Picked | LinkItem)[]) {
    setNothingFound(picked.length === 0);
    queue.add(picked);
  }

  async function remove(w: WorkSummary) {
    if (!confirm(t('gallery_delete_confirm', w.name))) return;
    await send('gallery/delete', { id: w.id });
    await refresh();
  }

  const finished = progress?.state === 'finished' || progress?.state === 'cancelled';
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
          if (e.dataTransfer) void fromDrop(dropEntries(e.dataTransfer)).then(add);
        }}
      >
        <div class="pickers">
          <button class="primary" type="button" onClick={() => input.current?.click()}>{t('gallery_pick')}</button>
          <button type="button" onClick={() => folderInput.current?.click()}>{t('gallery_pick_folder')}</button>
        </div>
        <input
          ref={input} type="file" accept="image/*" multiple hidden data-testid="file-input"
          onChange={(e) => {
            const el = e.currentTarget;
            add(fromInput(el.files ?? [], false));
            el.value = '';
          }}
        />
        <input
          ref={folderInput} type="file" multiple hidden data-testid="folder-input"
          onChange={(e) => {
            const el = e.currentTarget;
            add(fromInput(el.files ?? [], true));
            el.value = '';
          }}
        />
        <p class="muted">{t('gallery_drop')}</p>
      </div>
      <ImportLinks onItems={(items) => add(items)} />
      {nothingFound && <p class="muted" data-testid="import-nothing">{t('gallery_import_nothing')}</p>}
      {progress && <ImportProgressView progress={progress} onCancel={() => queue.cancel()} />}
      {progress && finished && <ImportSummary progress={progress} />}
      {works && <p class="muted">{works.length ? t('gallery_count', works.length) : t('gallery_empty')}</p>}
      <ul class="works" data-testid="works">
        {works?.map((w) => (
          <li key={w.id} data-testid="work">
            <img src={w.thumbnail} alt={w.name} />
            <div class="row">
              <span class="name" title={w.name}>{w.name}</span>
              <button type="button" onClick={() => void remove(w)}>{t('gallery_delete')}</button>
            </div>
          </li>
        ))}
      </ul>
      <BackupPanel onRestored={() => void refresh()} />
    </main>
  );
}
