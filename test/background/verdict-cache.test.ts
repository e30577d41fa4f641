// The verdict cache stays bounded, drops the least recently seen pictures first, and keeps that order across a
// worker restart; when storage.session is full it makes room so a finding's write goes through, and when even
// that fails the failure is kept for the popup instead of only reaching the worker's console.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { VerdictCache, type Cached } from '../../src/background/verdict-cache';

/** A session store with Chrome's behaviour at its quota: the whole set() fails, nothing of it is stored. */
const session = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const state = { quota: Infinity };
  const bytes = (m: Map<string, unknown>) => [...m].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
  return {
    data, state,
    get: async () => Object.fromEntries(data),
    set: async (items: Record<string, unknown>) => {
      const next = new Map([...data, ...Object.entries(items)]);
      if (bytes(next) > state.quota) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    remove: async (keys: string[]) => { for (const k of keys) data.delete(k); },
    used: () => bytes(data),
  };
});
/** storage.local, which outlives the worker (and, here, vi.resetModules). */
const local = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
    set: async (items: Record<string, unknown>) => { for (const [k, v] of Object.entries(items)) data.set(k, v); },
    remove: async (key: string) => { data.delete(key); },
  };
});
vi.mock('webextension-polyfill', () => ({ default: { storage: { session, local } } }));

/** A cache over a plain map, as storage.session would hold it. */
function memoryCache(max: number, clock: { t: number }) {
  const stored = new Map<string, Cached<string>>();
  const cache = new VerdictCache<string>({ write: (k, v) => stored.set(k, { ...v }), remove: (keys) => keys.forEach((k) => stored.delete(k)) }, max, () => clock.t);
  return { cache, stored };
}

describe('bounded, least recently seen out', () => {
  test('the cache and its stored copy never exceed the bound; a picture seen again outlives older ones', () => {
    const clock = { t: 0 };
    const { cache, stored } = memoryCache(3, clock);
    for (const k of ['a', 'b', 'c']) { clock.t += 100_000; cache.set(k, 1, `verdict ${k}`); }
    clock.t += 100_000;
    expect(cache.get('a', 1)).toBe('verdict a');
    clock.t += 100_000;
    cache.set('d', 1, 'verdict d');
    expect(cache.size).toBe(3);
    expect([...stored.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(cache.get('b', 1)).toBeUndefined();
  });

  test('a restarted worker loads the stored entries in the order they were seen, and trims what is over', () => {
    const clock = { t: 0 };
    const { cache } = memoryCache(2, clock);
    cache.load([['old', { version: 1, verdict: 'x', seen: 1 }], ['newest', { version: 1, verdict: 'y', seen: 9 }], ['mid', { version: 1, verdict: 'z', seen: 5 }]]);
    expect(cache.size).toBe(2);
    expect(cache.get('old', 1)).toBeUndefined();
    expect(cache.get('newest', 1)).toBe('y');
  });

  test('a verdict from another gallery version is not served', () => {
    const { cache } = memoryCache(10, { t: 0 });
    cache.set('a', 1, 'v1');
    expect(cache.get('a', 2)).toBeUndefined();
  });
});

describe('a full session store', () => {
  beforeEach(() => {
    vi.resetModules();
    session.data.clear();
    local.data.clear();
    session.state.quota = Infinity;
  });

  test('the verdict cache makes room and the finding is stored; nothing is reported lost', async () => {
    const writes = await import('../../src/background/session-writes');
    const cache = new VerdictCache<object>({ write: (k, v) => writes.writeSoon(`v:${k}`, () => v), remove: (keys) => writes.removeSoon(keys.map((k) => `v:${k}`)) }, 5_000);
    writes.onQuotaPressure(() => cache.trim(100).map((k) => `v:${k}`));
    for (let i = 0; i < 3_000; i++) cache.set(`xhs:${i}`, 1, { kind: 'none', score: 0.1, workId: null, workName: null });
    await writes.flush();
    // The quota is reached: the next write would not fit.
    session.state.quota = session.used() + 100;
    const finding = { findings: [{ id: 'f1', kind: 'copy', post: { postId: 'p1' } }], padding: 'x'.repeat(500) };
    expect(await writes.writeNow({ 'tab:7:xhs:copy': finding })).toBe(true);
    expect(session.data.get('tab:7:xhs:copy')).toEqual(finding);
    expect(cache.size).toBe(100);
    expect([...session.data.keys()].filter((k) => k.startsWith('v:'))).toHaveLength(100);
    expect(await writes.storageFull()).toBe(false);
  });

  test('when no cache can make room, the failure is kept for the popup', async () => {
    const writes = await import('../../src/background/session-writes');
    session.state.quota = 10;
    expect(await writes.writeNow({ 'tab:7:xhs:copy': { findings: ['a finding'] } })).toBe(false);
    expect(await writes.storageFull()).toBe(true);
  });

  test('the warning outlives a worker restart, and a new browser session starts without it', async () => {
    const first = await import('../../src/background/session-writes');
    session.state.quota = 10;
    expect(await first.writeNow({ 'tab:7:xhs:copy': { findings: ['a finding'] } })).toBe(false);
    await vi.waitFor(() => expect(local.data.size).toBe(1));
    // A new worker: nothing in memory, what the last one lost is still lost.
    vi.resetModules();
    const restarted = await import('../../src/background/session-writes');
    expect(await restarted.storageFull()).toBe(true);
    // The browser restarts: storage.session is empty again, nothing is lost yet.
    restarted.clearAtBrowserStart();
    expect(await restarted.storageFull()).toBe(false);
    vi.resetModules();
    expect(await (await import('../../src/background/session-writes')).storageFull()).toBe(false);
  });
});
