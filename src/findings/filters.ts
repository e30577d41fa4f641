// The Findings list's filters: their state, how URL parameters seed them, and which findings pass. No browser API.
import type { FindingKind, FindingStatus, FindingView } from '../shared/types';

export interface Filters {
  kind: FindingKind | '';
  site: string;
  status: FindingStatus | '';
  /** yyyy-mm-dd (an `<input type="date">` value), inclusive, compared with lastSeen in local time. */
  from: string;
  to: string;
  author: string;
  /** Set only by `?work=<workId>` (links from the gallery and popup); cleared from its chip. */
  work: string;
}

export const NO_FILTERS: Filters = { kind: '', site: '', status: '', from: '', to: '', author: '', work: '' };

export function filtersFromParams(params: URLSearchParams): Filters {
  return { ...NO_FILTERS, work: params.get('work') ?? '' };
}

/** Local midnight of a yyyy-mm-dd day (plus `days`), or null when the field is empty or half-typed. */
function localDay(value: string, days = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  // Date's own day arithmetic, so a day across a DST change is still the whole day.
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).getTime() : null;
}

export function matcher(f: Filters): (row: FindingView) => boolean {
  const from = localDay(f.from);
  // The whole of the `to` day counts: up to the next local midnight.
  const until = localDay(f.to, 1);
  const author = f.author.trim().toLowerCase();
  return (row) =>
    (!f.kind || row.kind === f.kind) &&
    (!f.site || row.site === f.site) &&
    (!f.status || row.status === f.status) &&
    (!f.work || row.verdict?.workId === f.work) &&
    (from === null || row.lastSeen >= from) &&
    (until === null || row.lastSeen < until) &&
    (!author || [row.author, row.authorId].some((s) => s?.toLowerCase().includes(author)));
}
