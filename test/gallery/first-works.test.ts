// The Gallery page's first screen: the newest works and the count of all, the same whether the background has the
// gallery in memory or (asleep until now) reads them straight from IndexedDB's indexes.
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => (await import('../support/background-mocks')).storageLocalOnly());
vi.mock('@platform', () => ({ callModelHost: async () => { throw new Error('no model here'); } }));

const { firstWorks, gallery } = await import('../../src/background/gallery');
const { putWorks, worksPerSource } = await import('../../src/shared/db');
const { ENGINE_VERSION } = await import('../../src/engine/version');
const { quantizeSignals } = await import('../../src/engine/matcher');

const work = (id: string, addedAt: number, deletedAt?: number, sourceId?: string) => ({
  id, name: `${id}.png`, title: id, addedAt, engineVersion: ENGINE_VERSION,
  source: sourceId ? { kind: 'sync' as const, url: 'https://example.com/feed.xml', sourceId } : { kind: 'file' as const },
  thumbnail: 'data:image/jpeg;base64,AA',
  signals: quantizeSignals({ id, hash: Uint32Array.from([1, 1]), hashQuality: 1, vectors: [new Float32Array(256).fill(0.1)], style: new Float32Array(256).fill(0.1) }),
  ...(deletedAt === undefined ? {} : { deletedAt }),
});

describe('firstWorks', () => {
  test('newest first, deleted works left out and not counted, asleep and loaded alike', async () => {
    // Stored out of order; "gone" is the newest but deleted (awaiting purge, within its Undo window).
    await putWorks([work('b', 2, undefined, 's1'), work('e', 5), work('a', 1, undefined, 's1'), work('gone', 9, Date.now(), 's1'), work('d', 4), work('c', 3, undefined, 's2')]);
    const asleep = await firstWorks(3);
    expect(asleep.works.map((w) => w.id)).toEqual(['e', 'd', 'c']);
    expect(asleep.total).toBe(5);
    expect(asleep.works[0]).toMatchObject({ title: 'e', findings: 0, source: { kind: 'file' } });
    // Each synced source's works, the deleted one not counted (the sources panel, which opens with the page).
    expect(Object.fromEntries(await worksPerSource(['s1', 's2', 's3']))).toEqual({ s1: 2, s2: 1, s3: 0 });

    await gallery();
    expect(await firstWorks(3)).toEqual(asleep);
    expect((await firstWorks(10)).works.map((w) => w.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  test('the first screen\'s pictures come with it: the thumbnails of the newest `pictures` works only', async () => {
    const { thumbnails } = await firstWorks(3, 2);
    expect(Object.keys(thumbnails).sort()).toEqual(['d', 'e']);
    expect(thumbnails.e).toMatch(/^data:image\/jpeg/);
  });
});
