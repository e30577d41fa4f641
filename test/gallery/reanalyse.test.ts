// After an engine update, works analysed by the old engine (or by one that recorded no version) are analysed
// again from their stored picture; works of this engine are left alone.
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';

const modelCalls = vi.hoisted(() => ({ urls: [] as string[] }));
vi.mock('webextension-polyfill', async () => (await import('../support/background-mocks')).storageLocalOnly());
vi.mock('@platform', async () => {
  const { unitSignals } = await import('../support/background-mocks');
  return {
    callModelHost: async (_type: string, { url }: { url: string }) => {
      modelCalls.urls.push(url);
      return unitSignals(1, [[7, 7]]);
    },
  };
});

const { reanalyseStale } = await import('../../src/background/gallery');
const { get, putWorks } = await import('../../src/shared/db');
const { ENGINE_VERSION } = await import('../../src/engine/verdict');
const { quantizeSignals } = await import('../../src/engine/matcher');

const signals = (id: string) => quantizeSignals({ id, hash: Uint32Array.from([1, 1]), hashQuality: 1, vectors: [new Float32Array(256)], style: new Float32Array(256) });
const work = (id: string, engineVersion?: string) => ({
  id, name: `${id}.png`, addedAt: 1, thumbnail: 'data:image/jpeg;base64,AA', image: `data:image/jpeg;base64,${id}`,
  signals: signals(id), ...(engineVersion ? { engineVersion } : {}),
});

describe('reanalyseStale', () => {
  test('recomputes old and unversioned works from their stored picture, once; leaves current ones', async () => {
    await putWorks([work('old', 'inkseal-engine/2020-1'), work('unversioned'), work('current', ENGINE_VERSION)]);
    expect(await reanalyseStale()).toBe(2);
    expect(modelCalls.urls.sort()).toEqual(['data:image/jpeg;base64,old', 'data:image/jpeg;base64,unversioned']);
    for (const id of ['old', 'unversioned']) {
      const w = (await get('works', id))!;
      expect(w.engineVersion).toBe(ENGINE_VERSION);
      expect(Array.from(w.signals.hash)).toEqual([7, 7]);
    }
    expect(Array.from((await get('works', 'current'))!.signals.hash)).toEqual([1, 1]);
    expect(await reanalyseStale()).toBe(0);
  });
});
