// Schema migrations, each from the shape before it: the artist's works must come through every upgrade intact.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { UPGRADES, openDb } from '../../src/shared/db';

const request = <T>(r: IDBRequest<T>) => new Promise<T>((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

async function seedVersion1(factory: IDBFactory): Promise<void> {
  const v1 = await openDb(factory, 'inkseal', 1);
  const tx = v1.transaction('works', 'readwrite');
  tx.objectStore('works').put({ id: 'w1', name: '春狐.png', addedAt: 1, thumbnail: 'data:image/png;base64,AA', image: 'data:image/png;base64,AA', signals: { id: 'w1' } });
  await new Promise((ok) => { tx.oncomplete = ok; });
  v1.close();
}

describe('IndexedDB schema', () => {
  it('1 → 2 keeps the works and adds findings, cases and evidence', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);
    const db = await openDb(factory, 'inkseal', 2);
    expect([...db.objectStoreNames].sort()).toEqual(['cases', 'evidence', 'findings', 'works']);
    const tx = db.transaction(['works', 'findings', 'cases'], 'readwrite');
    expect(await request(tx.objectStore('works').get('w1'))).toMatchObject({ name: '春狐.png' });
    expect([...tx.objectStore('findings').indexNames].sort()).toEqual(['lastSeen', 'post']);
    // One case per finding: a second report of the same finding updates its case instead.
    tx.objectStore('cases').put({ id: 'c1', findingId: 'f1' });
    const dup = tx.objectStore('cases').put({ id: 'c2', findingId: 'f1' });
    await expect(request(dup)).rejects.toBeTruthy();
    db.close();
  });

  // 2 → 3, and 1 → 3 in one open (an artist who skipped a release): pictures move to workFiles, details appear,
  // and findings, cases and evidence come through untouched.
  for (const from of [1, 2] as const) {
    it(`${from} → 3 moves each work's pictures to workFiles and gives it a title and a source`, async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory);
      if (from === 2) {
        const v2 = await openDb(factory, 'inkseal', 2);
        const tx = v2.transaction(['works', 'findings'], 'readwrite');
        tx.objectStore('works').put({ id: 'w2', name: 'summer.final.JPG', addedAt: 2, thumbnail: 'data:image/jpeg;base64,T2', image: 'data:image/jpeg;base64,I2', signals: { id: 'w2' }, contentHash: 'ab'.repeat(32), engineVersion: 'e1' });
        tx.objectStore('findings').put({ id: 'f1', site: 'weibo', postId: 'p', lastSeen: 5, verdict: { workId: 'w2' } });
        await new Promise((ok) => { tx.oncomplete = ok; });
        v2.close();
      }
      const db = await openDb(factory, 'inkseal', 3);
      expect([...db.objectStoreNames].sort()).toEqual(['cases', 'evidence', 'findings', 'sources', 'workFiles', 'works']);
      const tx = db.transaction(['works', 'workFiles', 'findings'], 'readonly');
      expect(await request(tx.objectStore('works').get('w1'))).toEqual({ id: 'w1', name: '春狐.png', title: '春狐', addedAt: 1, source: { kind: 'file' }, signals: { id: 'w1' } });
      expect(await request(tx.objectStore('workFiles').get('w1'))).toEqual({ id: 'w1', thumbnail: 'data:image/png;base64,AA', image: 'data:image/png;base64,AA' });
      if (from === 2) {
        expect(await request(tx.objectStore('works').get('w2'))).toMatchObject({ title: 'summer.final', contentHash: 'ab'.repeat(32), engineVersion: 'e1' });
        expect(await request(tx.objectStore('workFiles').get('w2'))).toEqual({ id: 'w2', thumbnail: 'data:image/jpeg;base64,T2', image: 'data:image/jpeg;base64,I2' });
        expect(await request(tx.objectStore('findings').get('f1'))).toMatchObject({ verdict: { workId: 'w2' } });
      }
      db.close();
    });
  }

  // 3 → 4 (and from every earlier version): imports get their stores, and what was there comes through.
  for (const from of [1, 2, 3] as const) {
    it(`${from} → 4 adds the import jobs and their staged items, keeping the works`, async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory);
      if (from > 1) (await openDb(factory, 'inkseal', from)).close();
      const db = await openDb(factory, 'inkseal', 4);
      expect([...db.objectStoreNames].sort()).toEqual(['cases', 'evidence', 'findings', 'importItems', 'importJobs', 'sources', 'workFiles', 'works']);
      const tx = db.transaction(['works', 'workFiles', 'importItems'], 'readwrite');
      expect(await request(tx.objectStore('works').get('w1'))).toMatchObject({ name: '春狐.png', title: '春狐' });
      expect(await request(tx.objectStore('workFiles').get('w1'))).toMatchObject({ thumbnail: 'data:image/png;base64,AA' });
      // Staged items are numbered in order and found by their job.
      const items = tx.objectStore('importItems');
      const a = await request(items.add({ job: 'j1', label: 'a.png', workId: 'x', refused: 'empty' }));
      const b = await request(items.add({ job: 'j1', label: 'b.png', workId: 'y', refused: 'empty' }));
      await request(items.add({ job: 'j2', label: 'c.png', workId: 'z', refused: 'empty' }));
      expect(Number(b)).toBeGreaterThan(Number(a));
      expect((await request(items.index('job').getAll('j1'))).map((i: { label: string }) => i.label)).toEqual(['a.png', 'b.png']);
      db.close();
    });
  }

  it('a fresh install reaches the latest version in one open', async () => {
    const db = await openDb(new IDBFactory());
    expect(db.version).toBe(UPGRADES.length);
    expect(db.objectStoreNames.contains('findings')).toBe(true);
    db.close();
  });
});
