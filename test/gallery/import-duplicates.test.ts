// The background refuses a second work made from the same file, by the hash of its bytes and not its name, and
// before the model host spends any time on it; works stored before hashes existed stay as they are.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';

const modelCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('webextension-polyfill', async () => (await import('../support/background-mocks')).storageLocalOnly());
vi.mock('@platform', async () => {
  const { unitSignals } = await import('../support/background-mocks');
  return {
    callModelHost: async () => {
      modelCalls.n++;
      await new Promise((r) => setTimeout(r, 5));
      return unitSignals();
    },
  };
});

const { addWork, listWorks } = await import('../../src/background/gallery');
const { allWorks } = await import('../../src/shared/db');

const URL = 'data:image/jpeg;base64,AAAA';
const hash = (c: string) => c.repeat(64);

beforeEach(() => { modelCalls.n = 0; });

describe('gallery/add by content hash', () => {
  test('the same bytes under another name come back as the existing work, with duplicate: true', async () => {
    const first = await addWork({ name: '春狐.png', dataUrl: URL, thumbnail: URL, contentHash: hash('a') });
    expect(first.duplicate).toBe(false);
    const again = await addWork({ name: '春狐 (1).png', dataUrl: URL, thumbnail: URL, contentHash: hash('a') });
    expect(again).toEqual({ work: first.work, duplicate: true });
    expect(modelCalls.n).toBe(1);
    expect((await allWorks()).filter((w) => w.contentHash === hash('a'))).toHaveLength(1);
  });

  test('another file with the same name is a new work', async () => {
    const a = await addWork({ name: 'sketch.png', dataUrl: URL, thumbnail: URL, contentHash: hash('b') });
    const b = await addWork({ name: 'sketch.png', dataUrl: URL, thumbnail: URL, contentHash: hash('c') });
    expect([a.duplicate, b.duplicate]).toEqual([false, false]);
    expect(b.work.id).not.toBe(a.work.id);
  });

  test('two tabs adding the same file at once store it once', async () => {
    const [x, y] = await Promise.all([addWork({ name: 'x.png', dataUrl: URL, thumbnail: URL, contentHash: hash('d') }), addWork({ name: 'y.png', dataUrl: URL, thumbnail: URL, contentHash: hash('d') })]);
    expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
    expect(y.work.id).toBe(x.work.id);
    expect(modelCalls.n).toBe(1);
  });

  test('works without a hash are never taken for duplicates; a malformed hash is refused', async () => {
    const before = (await listWorks()).length;
    await addWork({ name: 'old.png', dataUrl: URL, thumbnail: URL });
    await addWork({ name: 'old.png', dataUrl: URL, thumbnail: URL });
    expect((await listWorks()).length).toBe(before + 2);
    await expect(addWork({ name: 'x.png', dataUrl: URL, thumbnail: URL, contentHash: 'not-a-hash' })).rejects.toThrow(/content hash/);
  });
});
