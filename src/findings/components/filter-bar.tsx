// The Findings list's filters: match kind, site, status, last-seen date range and author search.
import { t } from '../../shared/i18n';
import type { FindingKind, FindingStatus } from '../../shared/types';
import type { Filters } from '../filters';
import { KINDS, STATUSES, kindName, siteName, statusName } from '../format';

interface Props {
  filters: Filters;
  sites: string[];
  onChange: (next: Filters) => void;
}

export function FilterBar({ filters, sites, onChange }: Props) {
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div class="filters" role="search" aria-label={t('findings_filters')}>
      <label>
        <span>{t('findings_filter_kind')}</span>
        <select data-testid="filter-kind" value={filters.kind} onChange={(e) => set('kind', e.currentTarget.value as FindingKind | '')}>
          <option value="">{t('findings_filter_all')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{kindName(k)}</option>)}
        </select>
      </label>
      <label>
        <span>{t('findings_filter_site')}</span>
        <select data-testid="filter-site" value={filters.site} onChange={(e) => set('site', e.currentTarget.value)}>
          <option value="">{t('findings_filter_all')}</option>
          {sites.map((s) => <option key={s} value={s}>{siteName(s)}</option>)}
        </select>
      </label>
      <label>
        <span>{t('findings_filter_status')}</span>
        <select data-testid="filter-status" value={filters.status} onChange={(e) => set('status', e.currentTarget.value as FindingStatus | '')}>
          <option value="">{t('findings_filter_all')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
        </select>
      </label>
      <fieldset class="dates">
        <legend>{t('findings_filter_seen')}</legend>
        <label>
          <span>{t('findings_filter_from')}</span>
          <input
            type="date" data-testid="filter-from" value={filters.from} max={filters.to || undefined}
            onInput={(e) => set('from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('findings_filter_to')}</span>
          <input
            type="date" data-testid="filter-to" value={filters.to} min={filters.from || undefined}
            onInput={(e) => set('to', e.currentTarget.value)}
          />
        </label>
      </fieldset>
      <label class="grow">
        <span>{t('findings_filter_author')}</span>
        <input
          type="search" data-testid="search-author" value={filters.author} placeholder={t('findings_filter_author_placeholder')}
          onInput={(e) => set('author', e.currentTarget.value)}
        />
      </label>
    </div>
  );
}
