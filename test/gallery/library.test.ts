// The Gallery page's library: search, filters and sorting over the artist's works, the virtual grid's window,
// and the background's edit, delete and Undo of works.
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { ALL_WORKS, parseTags, queryWorks } from '../../src/gallery/library/query';
import { layout, visibleRange } from '../../src/gallery/library/grid-window';
import type { WorkSummary } from '../../src/shared/types';

vi.mock('webextension-polyfill', async () => (await import('../support/background-mocks')).storageLocalOnly());
vi.mock('@platform', async () => {
  const { unitSignals } = await import('../support/background-mocks');
  return { callModelHost: async () => unitSignals() };
});

const w = (id: string, over: Partial<WorkSummary> = {}): WorkSummary => ({ id, name: `${id}.png`, addedAt: 0, findings: 0, ...over });
const ids = (list: WorkSummary[]) => list.map((x) => x.id);

describe('queryWorks', () => {
  const works = [
    w('a', { title: '春天的狐狸', tags: ['狐狸', 'watercolour'], addedAt: 3, createdOn: '2024-03-01', source: { kind: 'profile' }, findings: 2 }),
    w('b', { title: 'Winter owl', addedAt: 1, createdOn: '2025-01-05' }),
    w('c', { title: 'autumn fox study', tags: ['Fox'], addedAt: 2, source: { kind: 'link', url: 'https://x' }, findings: 5 }),
  ];

  test('every word must match, in title, tags or file name, whatever the case', () => {
    expect(ids(queryWorks(works, { ...ALL_WORKS, text: 'fox' }))).toEqual(['c']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, text: '狐狸' }))).toEqual(['a']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, text: 'WATERcolour 春天' }))).toEqual(['a']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, text: 'b.png' }))).toEqual(['b']);
    expect(queryWorks(works, { ...ALL_WORKS, text: 'fox owl' })).toEqual([]);
  });

  test('filters by source (files by default) and by having findings', () => {
    expect(ids(queryWorks(works, { ...ALL_WORKS, source: 'file' }))).toEqual(['b']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, source: 'profile' }))).toEqual(['a']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, withFindings: true }))).toEqual(['a', 'c']);
  });

  test('sorts by added date either way, title, creation date (undated last) and findings', () => {
    expect(ids(queryWorks(works, ALL_WORKS))).toEqual(['a', 'c', 'b']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, sort: 'added-asc' }))).toEqual(['b', 'c', 'a']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, sort: 'created-desc' }))).toEqual(['b', 'a', 'c']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, sort: 'findings-desc' }))).toEqual(['c', 'a', 'b']);
    expect(ids(queryWorks(works, { ...ALL_WORKS, sort: 'title' })).indexOf('c')).toBeLessThan(ids(queryWorks(works, { ...ALL_WORKS, sort: 'title' })).indexOf('b'));
  });

  test('tags split on ASCII and full-width commas, without repeats', () => {
    expect(parseTags('春, 狐狸，watercolour、春 ; ')).toEqual(['春', '狐狸', 'watercolour']);
  });
});

describe('the virtual grid', () => {
  const opts = { minTile: 160, gap: 12, infoHeight: 78 };
  test('renders only the rows on screen, plus a margin, wherever the page is scrolled', () => {
    const g = layout(912, 10_000, opts);
    expect(g.columns).toBe(5);
    expect(g.rows).toBe(2000);
    const [from, to] = visibleRange(g, 10_000, 0, 800);
    expect(from).toBe(0);
    expect(to - from).toBeLessThanOrEqual(7 * 5);
    // Scrolled to row 1000: the tiles around it, not the first ones.
    const [f2, t2] = visibleRange(g, 10_000, -1000 * g.rowHeight, 800);
    expect(f2).toBe(998 * 5);
    expect(t2 - f2).toBeLessThanOrEqual(9 * 5);
    // At the very end, nothing beyond the last work.
    expect(visibleRange(g, 10_000, -g.height, 800)[1]).toBe(10_000);
  });
  test('a narrow window has one column; no works, no tiles', () => {
    expect(layout(120, 3, opts).columns).toBe(1);
    expect(visibleRange(layout(900, 0, opts), 0, 0, 800)).toEqual([0, 0]);
  });
});

describe('editing and deleting works (background)', async () => {
  const g = await import('../../src/background/gallery');
  const URL = 'data:image/jpeg;base64,AAAA';

  test('details are cleaned: dates and URLs checked, tags bounded, empty fields dropped', async () => {
    const { work } = await g.addWork({ name: 'fox.png', dataUrl: URL, thumbnail: URL });
    expect(work.title).toBe('fox');
    const saved = await g.updateWork(work.id, { title: '  狐狸  ', createdOn: '2024-02-30x', publishedUrl: 'javascript:alert(1)', publishedOn: '2024-03-01', tags: ['a', 'a', ' ', 'b'] });
    expect(saved).toMatchObject({ title: '狐狸', publishedOn: '2024-03-01', tags: ['a', 'b'] });
    expect(saved.createdOn).toBeUndefined();
    expect(saved.publishedUrl).toBeUndefined();
    expect((await g.listWorks()).find((x) => x.id === work.id)).toMatchObject({ title: '狐狸', tags: ['a', 'b'] });
  });

  test('a deleted work stops matching and leaves the list; Undo brings it back with its picture', async () => {
    const { work } = await g.addWork({ name: 'owl.png', dataUrl: URL, thumbnail: URL });
    const matcherSize = async () => (await g.gallery()).matcher.size;
    const before = await matcherSize();
    expect(await g.deleteWorks([work.id])).toBe(1);
    expect(await matcherSize()).toBe(before - 1);
    expect((await g.listWorks()).map((x) => x.id)).not.toContain(work.id);
    expect(await g.undeleteWorks([work.id])).toBe(1);
    expect(await matcherSize()).toBe(before);
    expect((await g.listWorks()).map((x) => x.id)).toContain(work.id);
    expect((await g.thumbnails([work.id]))[work.id]).toBe(URL);
    expect(await g.undeleteWorks([work.id])).toBe(0);
  });
});
