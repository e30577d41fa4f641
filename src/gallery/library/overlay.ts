// The Gallery page's list as it arrives in parts (use-works.ts): pure, tested in Node.
import type { WorkSummary } from '../../shared/types';

/** Enough tiles for a tall window and a first scroll; a few dozen KB. */
export const FIRST_PAGE = 200;

/**
 * A list from the background laid over what the page shows: the page's own changes win. A work the page shows and
 * the list lacks is newer (an import added it meanwhile) and goes first; a work of `firstPage` the page no longer
 * shows was deleted meanwhile and stays out; an edited work keeps its edit.
 */
export function overlay(list: readonly WorkSummary[], shown: readonly WorkSummary[] | null, firstPage: readonly WorkSummary[] = []): WorkSummary[] {
  if (!shown) return [...list];
  const byId = new Map(shown.map((w) => [w.id, w]));
  const inList = new Set(list.map((w) => w.id));
  const gone = new Set(firstPage.filter((w) => !byId.has(w.id)).map((w) => w.id));
  return [
    ...shown.filter((w) => !inList.has(w.id)),
    ...list.flatMap((w) => (gone.has(w.id) ? [] : [byId.get(w.id) ?? w])),
  ];
}
