// The Findings section: filters, the count, bulk actions and export over the filtered rows, and the list.
import { useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../../shared/i18n';
import type { FindingView } from '../../shared/types';
import type { ExportFormat } from '../download';
import { NO_FILTERS, matcher, type Filters } from '../filters';
import { KNOWN_SITES } from '../format';
import { FilterBar } from './filter-bar';
import { FindingRow } from './finding-row';

export interface FindingActions {
  report: (f: FindingView) => Promise<void>;
  /** Both resolve false when nothing was done (the artist cancelled, or the background refused). */
  notMine: (rows: FindingView[]) => Promise<boolean>;
  remove: (rows: FindingView[]) => Promise<boolean>;
  exportRows: (rows: FindingView[], format: ExportFormat) => void;
}

interface Props {
  findings: FindingView[];
  filters: Filters;
  onFilters: (next: Filters) => void;
  busy: ReadonlySet<string>;
  actions: FindingActions;
}

function WorkFilter({ findings, workId, onClear }: { findings: FindingView[]; workId: string; onClear: () => void }) {
  const name = findings.find((f) => f.verdict?.workId === workId)?.verdict?.workName ?? t('findings_work_unknown');
  return (
    <p class="work-filter">
      <span>{t('findings_work_filter', name)}</span>
      <button type="button" onClick={onClear}>{t('findings_work_filter_clear')}</button>
    </p>
  );
}

function Empty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <div class="empty" data-testid="empty">
        <p>{t('findings_empty_filtered')}</p>
        <button type="button" onClick={onClear}>{t('findings_filter_clear')}</button>
      </div>
    );
  }
  return (
    <div class="empty" data-testid="empty">
      <h2>{t('findings_empty_title')}</h2>
      <p class="muted">{t('findings_empty_body')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>{t('findings_open_gallery')}</button>
    </div>
  );
}

export function FindingsTab({ findings, filters, onFilters, busy, actions }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const visible = useMemo(() => findings.filter(matcher(filters)), [findings, filters]);
  const sites = useMemo(() => [...new Set([...KNOWN_SITES, ...findings.map((f) => f.site)])], [findings]);
  // Only rows on screen are acted on: a row selected and then filtered away is never deleted unseen.
  const chosen = visible.filter((f) => selected.has(f.id));
  const all = visible.length > 0 && chosen.length === visible.length;
  const clearFilters = () => onFilters(NO_FILTERS);

  const select = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const bulk = (run: (rows: FindingView[]) => Promise<boolean>) => async () => {
    if (await run(chosen)) setSelected(new Set());
  };

  return (
    <>
      <FilterBar filters={filters} sites={sites} onChange={onFilters} />
      {filters.work && <WorkFilter findings={findings} workId={filters.work} onClear={() => onFilters({ ...filters, work: '' })} />}
      <div class="toolbar">
        <label class="select-all">
          <input
            type="checkbox" data-testid="select-all" checked={all} indeterminate={chosen.length > 0 && !all}
            disabled={visible.length === 0} onChange={(e) => select(visible.map((f) => f.id), e.currentTarget.checked)}
          />
          <span>{t('findings_select_all')}</span>
        </label>
        <span class="count" data-testid="count" aria-live="polite">{t('findings_count', visible.length, findings.length)}</span>
        {chosen.length > 0 && <span class="muted">{t('findings_selected', chosen.length)}</span>}
        <span class="group">
          <button type="button" data-testid="bulk-not-mine" disabled={chosen.length === 0} onClick={bulk(actions.notMine)}>
            {t('findings_not_mine')}
          </button>
          <button type="button" data-testid="bulk-delete" disabled={chosen.length === 0} onClick={bulk(actions.remove)}>
            {t('findings_bulk_delete')}
          </button>
        </span>
        <span class="group end" title={t('findings_export_hint')}>
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format} type="button" data-testid={`export-${format}`} disabled={visible.length === 0}
              onClick={() => actions.exportRows(chosen.length ? chosen : visible, format)}
            >
              {t(`findings_export_${format}`)}
            </button>
          ))}
        </span>
      </div>
      {visible.length === 0 ? (
        <Empty filtered={findings.length > 0} onClear={clearFilters} />
      ) : (
        <ul class="findings">
          {visible.map((f) => (
            <FindingRow
              key={f.id} finding={f} selected={selected.has(f.id)} busy={busy.has(f.id)}
              onSelect={(on) => select([f.id], on)}
              onReport={() => void actions.report(f)}
              onNotMine={() => void actions.notMine([f])}
            />
          ))}
        </ul>
      )}
    </>
  );
}
