// The artist's works as a library: search, filter and sort; a grid that renders only the tiles on screen (so
// 10,000 works open as fast as 40); select several; edit details; delete with Undo.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { send } from '../../shared/messaging';
import type { WorkSummary } from '../../shared/types';
import { layout, visibleRange } from './grid-window';
import { ALL_WORKS, SORT_KEYS, queryWorks, type LibraryQuery } from './query';
import { useThumbnails } from './thumbnails';
import { INFO_HEIGHT, WorkTile } from './work-tile';
import { WorkEditor } from './work-editor';

const GRID = { minTile: 160, gap: 12, infoHeight: INFO_HEIGHT };
const SOURCES = ['file', 'link', 'context-menu', 'profile', 'sync', 'backup'] as const;
/** The grid's widest (gallery.css: main is 960 px wide with 24 px of padding). */
const MAX_GRID_WIDTH = 912;

/** How many tiles a window of this size shows at most: their pictures come with the first page (use-works.ts). */
export function firstScreenTiles(width: number, height: number): number {
  const g = layout(Math.min(width, MAX_GRID_WIDTH), 1, GRID);
  return g.columns * Math.ceil(height / g.rowHeight);
}

/** The window's scroll position and size, and the grid's offset and width, kept current. */
function useViewport(el: { current: HTMLElement | null }) {
  const [v, setV] = useState({ top: 0, width: 900, height: 800 });
  useLayoutEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const r = el.current?.getBoundingClientRect();
      if (r) setV({ top: r.top, width: r.width, height: window.innerHeight });
    };
    const soon = () => { frame ||= requestAnimationFrame(measure); };
    measure();
    window.addEventListener('scroll', soon, { passive: true });
    window.addEventListener('resize', soon);
    const ro = new ResizeObserver(soon);
    if (el.current) ro.observe(el.current);
    return () => { window.removeEventListener('scroll', soon); window.removeEventListener('resize', soon); ro.disconnect(); cancelAnimationFrame(frame); };
  }, []);
  return v;
}

/**
 * `partialTotal`: set while `works` holds only the newest works (use-works.ts); the grid is sized for all of them.
 * `onPictures`: the tiles on screen got their pictures (or the answer that they have none). `pictures`: thumbnails
 * the page already has (the first screen's, from the first page).
 */
export function Library({ works, partialTotal, setWorks, onPictures, pictures }: {
  works: WorkSummary[]; partialTotal: number | null; setWorks: (f: (ws: WorkSummary[]) => WorkSummary[]) => void; onPictures?: () => void;
  pictures?: Record<string, string>;
}) {
  const [query, setQuery] = useState<LibraryQuery>(ALL_WORKS);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<WorkSummary | null>(null);
  const [undo, setUndo] = useState<WorkSummary[] | null>(null);
  const grid = useRef<HTMLUListElement>(null);
  const view = useViewport(grid);

  // While partial the query is the default one (its controls wait), whose order is the background's: newest first.
  const partial = partialTotal !== null;
  const shown = useMemo(() => (partial ? works : queryWorks(works, query)), [works, query, partial]);
  const total = partialTotal ?? works.length;
  const g = layout(view.width, partial ? total : shown.length, GRID);
  const [from, to] = visibleRange(g, partial ? total : shown.length, view.top, view.height);
  const onScreen = shown.slice(from, to);
  const thumbs = useThumbnails(onScreen.map((w) => w.id), onPictures, pictures);

  // Selection only ever holds works that still exist.
  useEffect(() => {
    const ids = new Set(works.map((w) => w.id));
    if ([...selected].some((id) => !ids.has(id))) setSelected(new Set([...selected].filter((id) => ids.has(id))));
  }, [works]);

  async function remove(list: WorkSummary[]) {
    if (!list.length) return;
    await send('gallery/delete', { ids: list.map((w) => w.id) });
    const gone = new Set(list.map((w) => w.id));
    setWorks((ws) => ws.filter((w) => !gone.has(w.id)));
    setSelected(new Set());
    setUndo(list);
  }

  async function restore() {
    if (!undo) return;
    await send('gallery/undelete', { ids: undo.map((w) => w.id) });
    const back = undo;
    setUndo(null);
    setWorks((ws) => [...back, ...ws]);
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id); else next.delete(id);
    setSelected(next);
  };
  const set = (change: Partial<LibraryQuery>) => setQuery({ ...query, ...change });

  return (
    <section class="library">
      <div class="toolbar" role="search">
        <input type="search" data-testid="gallery-search" placeholder={t('gallery_search')} aria-label={t('gallery_search')}
          value={query.text} disabled={partial} onInput={(e) => set({ text: e.currentTarget.value })} />
        <select data-testid="gallery-source" aria-label={t('gallery_filter_source')} value={query.source} disabled={partial}
          onChange={(e) => set({ source: e.currentTarget.value as LibraryQuery['source'] })}>
          <option value="">{t('gallery_filter_all_sources')}</option>
          {SOURCES.map((s) => <option key={s} value={s}>{t(`gallery_source_${s.replace('-', '_')}`)}</option>)}
        </select>
        <label class="check">
          <input type="checkbox" data-testid="gallery-with-findings" checked={query.withFindings} disabled={partial} onChange={(e) => set({ withFindings: e.currentTarget.checked })} />
          {t('gallery_filter_with_findings')}
        </label>
        <select data-testid="gallery-sort" aria-label={t('gallery_sort')} value={query.sort} disabled={partial}
          onChange={(e) => set({ sort: e.currentTarget.value as LibraryQuery['sort'] })}>
          {SORT_KEYS.map((k) => <option key={k} value={k}>{t(`gallery_sort_${k.replace('-', '_')}`)}</option>)}
        </select>
      </div>
      <div class="toolbar selection">
        <span class="muted" data-testid="gallery-shown">
          {partial || shown.length === works.length ? t('gallery_count', total) : t('gallery_shown', shown.length, works.length)}
        </span>
        <button type="button" data-testid="gallery-select-all" disabled={partial || !shown.length} onClick={() => setSelected(new Set(shown.map((w) => w.id)))}>
          {t('gallery_select_all')}
        </button>
        {selected.size > 0 && (
          <>
            <span data-testid="gallery-selected">{t('gallery_selected', selected.size)}</span>
            <button type="button" data-testid="gallery-delete-selected" onClick={() => void remove(works.filter((w) => selected.has(w.id)))}>
              {t('gallery_delete_selected')}
            </button>
            <button type="button" onClick={() => setSelected(new Set())}>{t('gallery_select_none')}</button>
          </>
        )}
      </div>
      <ul class="works" data-testid="works" ref={grid} style={`height:${g.height}px`}>
        {onScreen.map((w, i) => {
          const at = from + i;
          const x = (at % g.columns) * (g.tileWidth + GRID.gap);
          const y = Math.floor(at / g.columns) * g.rowHeight;
          return (
            <WorkTile key={w.id} work={w} thumbnail={thumbs.get(w.id)} selected={selected.has(w.id)}
              style={`transform:translate(${x}px,${y}px);width:${g.tileWidth}px;height:${g.rowHeight - GRID.gap}px`}
              onSelect={(on) => toggle(w.id, on)} onEdit={() => setEditing(w)} onDelete={() => void remove([w])} />
          );
        })}
      </ul>
      {editing && (
        <WorkEditor work={editing} thumbnail={thumbs.get(editing.id)} onDone={(saved) => {
          setEditing(null);
          if (saved) setWorks((ws) => ws.map((w) => (w.id === saved.id ? { ...saved, findings: w.findings } : w)));
        }} />
      )}
      {undo && (
        <div class="undo-toast" role="status" data-testid="gallery-undo-toast">
          <span>{undo.length === 1 ? t('gallery_deleted_one', undo[0]!.title || undo[0]!.name) : t('gallery_deleted_many', undo.length)}</span>
          <button type="button" data-testid="gallery-undo" onClick={() => void restore()}>{t('gallery_undo')}</button>
          <button type="button" aria-label={t('gallery_undo_dismiss')} onClick={() => setUndo(null)}>×</button>
        </div>
      )}
    </section>
  );
}
