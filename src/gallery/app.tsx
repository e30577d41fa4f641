// The gallery page: the artist adds works (files, a folder, drag-and-drop of either, or links) and keeps them as a
// library (library/). An import is staged here and run by the background one work at a time, so it goes on with the
// page closed; the page shows its progress (use-import.ts, import-progress.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { dropEntries, fromDrop, fromInput, type Picked } from './import-files';
import { ImportProgressView, ImportSummary } from './import-progress';
import { ImportLinks, type LinkItem } from './import-links';
import { useImport } from './use-import';
import { useWorks } from './use-works';
import { BackupPanel } from './backup-panel';
import { Library } from './library/library';
import { SourcesPanel } from './sources-panel';

export function App() {
  const { works, setWorks, partialTotal, refresh, firstPage, pictures, picturesShown } = useWorks();
  const [nothingFound, setNothingFound] = useState(false);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // Preact's JSX types lack webkitdirectory; every browser Inkseal supports has the property.
  useEffect(() => { folderInput.current!.webkitdirectory = true; }, []);

  // New works go first (the list is newest first), once each, without listing the whole gallery again.
  // The import is followed once the first page is there (the whole list, when it comes, keeps what it added).
  const imported = useImport((added) => setWorks((ws) => {
    const have = new Set((ws ?? []).map((w) => w.id));
    return [...added.filter((w) => !have.has(w.id)).reverse(), ...(ws ?? [])];
  }), firstPage);
  const { progress } = imported;

  function add(picked: (Picked | LinkItem)[]) {
    setNothingFound(picked.length === 0);
    if (picked.length) void imported.start(picked);
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
      {/* The import's feedback next to the controls that started it, above the folded sections. */}
      {nothingFound && <p class="muted" data-testid="import-nothing">{t('gallery_import_nothing')}</p>}
      {imported.problem && <p class="failed" data-testid="import-problem">{t('gallery_reason_error', imported.problem)}</p>}
      {progress && <ImportProgressView progress={progress} onCancel={() => void imported.cancel()} />}
      {progress && finished && <ImportSummary progress={progress} />}
      {/* Above the works, not below: a list of 10,000 works must not stand between the artist and these, and
          works arriving from a sync must not push them away while the artist aims at them. Like the works, drawn
          once the import's first answer is in: its bar or summary arriving above them moved 同步来源 / Synced sources under a
          pointer aimed a moment earlier. */}
      {imported.settled && <SourcesPanel onWorksChanged={() => void refresh()} />}
      {imported.settled && <BackupPanel onRestored={() => void refresh()} />}
      {works && imported.settled && (works.length
        ? <Library works={works} partialTotal={partialTotal} onPictures={picturesShown} pictures={pictures} setWorks={(f) => setWorks((ws) => f(ws ?? []))} />
        : <p class="muted" data-testid="gallery-empty">{t('gallery_empty')}</p>)}
    </main>
  );
}
