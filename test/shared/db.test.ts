// Schema migrations, each from the shape before it: the artist's works must come through every upgrade intact.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { UPGRADES, openDb, type StoredWork } from '../../src/shared/db';
import { GalleryMatcher, quantizeSignals } from '../../src/engine/matcher';
import { ENGINE_VERSION } from '../../src/engine/verdict';

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

  // 4 → 5, and from every earlier version: fingerprints become bytes (engine/quantize.ts), exactly as a fresh
  // analysis stores them, so nothing needs analysing again; everything else about a work comes through.
  for (const from of [1, 2, 3, 4] as const) {
    it(`${from} → 5 stores every work's fingerprints as bytes and keeps its engine version`, async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory);
      const analysed = (id: string, seed: number) => ({
        id, hash: Uint32Array.from({ length: 8 }, (_, i) => (seed * 7919 + i * 104729) >>> 0), hashQuality: 61.5,
        vectors: Array.from({ length: 14 }, (_, r) => Float32Array.from({ length: 256 }, (_, j) => Math.max(0, Math.sin(seed + r * 17 + j * 0.37)) * 0.11)),
        style: Float32Array.from({ length: 1408 }, (_, j) => Math.cos(seed + j * 0.91) * 0.027),
      });
      const live = { id: 'w5', name: 'crane.png', title: 'crane', addedAt: 5, source: { kind: 'link', url: 'https://example.com/c' },
        contentHash: 'cd'.repeat(32), engineVersion: ENGINE_VERSION, tags: ['ink'], signals: analysed('w5', 1) };
      const deleted = { ...live, id: 'w6', deletedAt: 9, signals: analysed('w6', 2) };
      // Not a real work's: rows of two lengths. Kept as it was, and without an engine version it is analysed again.
      const broken = { ...live, id: 'w7', signals: { ...analysed('w7', 3), vectors: [new Float32Array(256), new Float32Array(255)] } };
      const pictures = { thumbnail: 'data:image/jpeg;base64,T5', image: 'data:image/jpeg;base64,I5' };
      if (from > 1) (await openDb(factory, 'inkseal', from)).close();
      const old = await openDb(factory, 'inkseal', from);
      const stores = from >= 3 ? ['works', 'workFiles'] : ['works'];
      const tx = old.transaction(stores, 'readwrite');
      for (const w of [live, deleted, broken]) {
        // Before version 3 a work's pictures lived in its record.
        tx.objectStore('works').put(from >= 3 ? w : { ...w, ...pictures });
        if (from >= 3) tx.objectStore('workFiles').put({ id: w.id, ...pictures });
      }
      await new Promise((ok) => { tx.oncomplete = ok; });
      old.close();

      const db = await openDb(factory, 'inkseal', 5);
      const read = db.transaction(['works', 'workFiles'], 'readonly');
      const got = (id: string) => request(read.objectStore('works').get(id)) as Promise<StoredWork>;
      const { signals: _s, ...details } = live;
      for (const w of [live, deleted]) {
        const stored = await got(w.id);
        expect(stored.signals).toEqual(quantizeSignals(w.signals));
        expect(stored.signals.vectors.codes).toBeInstanceOf(Uint8Array);
        expect(stored.signals.style.codes).toBeInstanceOf(Int8Array);
        expect(stored).toMatchObject({ ...details, id: w.id, ...(w === deleted ? { deletedAt: 9 } : {}) });
        expect(await request(read.objectStore('workFiles').get(w.id))).toEqual({ id: w.id, ...pictures });
      }
      // And matches as well as before: the whole work against its own analysis.
      const m = new GalleryMatcher();
      m.add((await got('w5')).signals);
      const e = m.match({ hashes: [live.signals.hash], hashQuality: 61.5, vectors: [live.signals.vectors[0]!], style: live.signals.style });
      expect(e.global).toMatchObject({ workId: 'w5', mirrored: false });
      expect(e.global!.score).toBeGreaterThan(0.999);
      const kept = await got('w7');
      expect(kept.engineVersion).toBeUndefined();
      expect((kept.signals.vectors as unknown as Float32Array[]).map((v) => v.length)).toEqual([256, 255]);
      // The version-1 record without fingerprints is left alone.
      expect(await got('w1')).toMatchObject({ name: '春狐.png', signals: { id: 'w1' } });
      db.close();
    });
  }

  // 5 → 6, and from every earlier version: the works are indexed by when they were added, by deletion and
  // those indexes list exactly the works there are (the Gallery page's first screen reads them, gallery.ts).
  for (const from of [1, 2, 3, 4, 5] as const) {
    it(`${from} → 6 indexes the works by when they were added and by deletion, keeping them`, async () => {
      const factory = new IDBFactory();
      await seedVersion1(factory);
      const old = await openDb(factory, 'inkseal', from);
      const tx = old.transaction('works', 'readwrite');
      tx.objectStore('works').put({ id: 'w2', name: 'crane.png', title: 'crane', addedAt: 7, source: { kind: 'sync', sourceId: 's1' }, signals: { id: 'w2' } });
      tx.objectStore('works').put({ id: 'w3', name: 'moth.png', title: 'moth', addedAt: 4, deletedAt: 8, signals: { id: 'w3' } });
      await new Promise((ok) => { tx.oncomplete = ok; });
      old.close();

      const db = await openDb(factory, 'inkseal', 6);
      const works = db.transaction('works', 'readonly').objectStore('works');
      const newestFirst = await new Promise<string[]>((ok) => {
        const ids: string[] = [];
        works.index('addedAt').openCursor(null, 'prev').onsuccess = (e) => {
          const c = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (!c) return ok(ids);
          ids.push((c.value as StoredWork).id);
          c.continue();
        };
      });
      expect(newestFirst).toEqual(['w2', 'w3', 'w1']);
      expect(await request(works.index('deletedAt').getAllKeys())).toEqual(['w3']);
      expect(await request(works.index('sourceId').getAllKeys('s1'))).toEqual(['w2']);
      expect(await request(works.get('w1'))).toMatchObject({ name: '春狐.png', addedAt: 1 });
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
