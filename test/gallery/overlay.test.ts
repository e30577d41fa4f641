// The Gallery page's list arriving in parts: the page's own changes made meanwhile survive the whole list.
import { describe, expect, test } from 'vitest';
import { overlay } from '../../src/gallery/library/overlay';
import type { WorkSummary } from '../../src/shared/types';

const work = (id: string, addedAt: number, title = id): WorkSummary => ({ id, name: `${id}.png`, addedAt, title, findings: 0, source: { kind: 'file' } });
const ids = (ws: WorkSummary[]) => ws.map((w) => w.id);

describe('overlay', () => {
  const all = [work('e', 5), work('d', 4), work('c', 3), work('b', 2), work('a', 1)];
  const firstPage = all.slice(0, 2);

  test('the first list is taken as it is', () => {
    expect(ids(overlay(firstPage, null))).toEqual(['e', 'd']);
  });

  test('the whole list replaces the first page', () => {
    expect(ids(overlay(all, firstPage, firstPage))).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  test('a work an import added meanwhile stays, first', () => {
    expect(ids(overlay(all, [work('f', 6), ...firstPage], firstPage))).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
    // Added before the first page came: the page had only it.
    expect(ids(overlay(firstPage, [work('f', 6)]))).toEqual(['f', 'e', 'd']);
  });

  test('a work deleted meanwhile does not come back; an edit is kept', () => {
    const shown = [work('e', 5, 'renamed')];
    const next = overlay(all, shown, firstPage);
    expect(ids(next)).toEqual(['e', 'c', 'b', 'a']);
    expect(next[0]!.title).toBe('renamed');
  });
});
