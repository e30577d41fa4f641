// The gallery page: the artist adds works (files, a folder, drag-and-drop of either, or links) and keeps them as a
// library (library/). An import runs one work at a time with one progress view (import-queue.ts, import-progress.tsx).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { WorkSource } from '../shared/db';
import type { WorkSummary } from '../shared/types';
import { dropEntries, fromDrop, fromInput, type Picked } from './import-files';
import { ImportProgressView, ImportSummary } from './import-progress';
import { ImportQueue, type ImportProgress, type Outcome } from './import-queue';
import { FORMAT_LABEL } from './import-sniff';
import { prepare } from './prepare';
import { ImportLinks, type LinkItem } from './import-links';
import { fetchLink, nameOf } from './import-urls';
import { BackupPanel } from './backup-panel';
import { Library } from './library/library';
import { SourcesPanel } from './sources-panel';

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
    const source: WorkSource = 'url' in item ? item.source ?? { kind: 'link', url: item.url } : { kind: 'file' };
    const { work, duplicate } = await send('gallery/add', { name: file.name, dataUrl: p.dataUrl, thumbnail: p.thumbnail, contentHash: p.contentHash, source });
    if (duplicate) return { kind: 'duplicate', label, existing: work.name };
    // The new work goes first (the list is newest first) without listing the whole gallery again.
    setWorks((ws) => [work, ...(ws ?? [])]);
    return { kind: 'added', label };
  }, setProgress), []);

  function add(picked: (Picked | LinkItem)[]) {
    setNothingFound(picked.length === 0);
    queue.add(picked);
  }

  // "Add to my Inkseal gallery" from a web page's context menu arrives as #add=<picture>&from=<page>, also while
  // this page is open; the hash is cleared so a reload does not add it again.
  useEffect(() => {
    const take = () => {
      const p = new URLSearchParams(location.hash.slice(1));
      const src = p.get('add');
      if (!src) return;
      history.replaceState(null, '', location.pathname + location.search);
      const from = p.get('from') ?? undefined;
      add([{ url: src, label: src, source: { kind: 'context-menu', url: from && /^https?:/.test(from) ? from : src } }]);
    };
    take();
    addEventListener('hashchange', take);
    return () => removeEventListener('hashchange', take);
  }, []);

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
      {works && (works.length
        ? <Library works={works} setWorks={(f) => setWorks((ws) => f(ws ?? []))} />
        : <p class="muted" data-testid="gallery-empty">{t('gallery_empty')}</p>)}
      <SourcesPanel onWorksChanged={() => void refresh()} />
      <BackupPanel onRestored={() => void refresh()} />
    </main>
  );
}
