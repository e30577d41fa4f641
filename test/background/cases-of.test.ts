// A tab's report after a long scroll holds hundreds of findings; their cases are read in one go, each found under
// its own finding (findings.ts, tabReport).
import 'fake-indexeddb/auto';
import { expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', async () => (await import('../support/background-mocks')).storageLocalOnly());
vi.mock('@platform', () => ({ callModelHost: async () => { throw new Error('no model here'); } }));

const { casesOf } = await import('../../src/background/finding-store');
const { put } = await import('../../src/shared/db');

test('each finding gets its own case, a finding without one gets none, in the order asked', async () => {
  const kase = (id: string, findingId: string, status: 'reported' | 'resolved') =>
    ({ id, findingId, status, site: 'xiaohongshu', createdAt: 1, updatedAt: 1, notes: '' }) as never;
  await put('cases', kase('c1', 'f1', 'reported'));
  await put('cases', kase('c2', 'f3', 'resolved'));
  const got = await casesOf(['f3', 'f2', 'f1']);
  expect(got.map((c) => c?.status ?? null)).toEqual(['resolved', null, 'reported']);
});
