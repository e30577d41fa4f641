// Every message type, sent through the receiver's dispatch by a content script and by an extension page with
// random and hostile payloads: a page never reaches a message the contract keeps for the extension, a malformed
// payload comes back as an error and never reaches its handler, and whatever does reach a handler is within the
// contract (parsing it again changes nothing). The generator is seeded, so a failure names a reproducible case.
import { describe, expect, test, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

vi.mock('webextension-polyfill', () => ({ default: {} }));

const { CONTRACT, CONTENT_ALLOWED } = await import('../../src/shared/messages');
const { dispatch } = await import('../../src/shared/messaging');
type MessageType = import('../../src/shared/messages').MessageType;
type Req<T extends MessageType> = import('../../src/shared/messages').Req<T>;

const URL_A = 'https://sns-img-bd.xhscdn.com/1040g00831abcdef';
const DATA = 'data:image/png;base64,iVBORw0KGgo=';
const UUID = '3b0c1e7a-9a3f-4d0e-8a53-2f1e6c1d9b11';
const signals = { hashes: [[1, 2, 3]], hashQuality: 0.8, vectors: [[0.1, 0.2], [0.3, 0.4]], style: [0.5, 0.6], kinds: ['whole', 'tile'] };
const decisionSample = { id: UUID, kind: 'not-mine' as const, key: 'xhs:abc', site: 'xiaohongshu', label: '某人', imageUrl: URL_A, at: 1_700_000_000_000 };

/** One valid payload per message: typed by the contract, so a new message without a sample is a compile error. */
const SAMPLES: { [T in MessageType]: Req<T> } = {
  'scan/image': {
    site: 'xiaohongshu', imageKey: 'xhs:1040g00831abcdef', fetchUrl: URL_A, displayUrl: URL_A, priority: 0,
    post: { postId: '65f0a1', postUrl: 'https://www.xiaohongshu.com/explore/65f0a1', author: '画师', authorUrl: 'https://www.xiaohongshu.com/user/profile/1', title: '春', aiLabel: null },
  },
  'panel/open': { site: 'xiaohongshu', imageKey: 'xhs:abc', postId: '65f0a1' },
  'decision/undo-from-page': { id: UUID },
  'profile/import-post': { token: UUID, post: { postId: '65f0a1', postUrl: 'https://www.xiaohongshu.com/explore/65f0a1', title: '春', publishedOn: '2024-03-01', pictures: [URL_A] } },
  'panel/get': { token: UUID },
  'panel/close': { which: 'toast' },
  'panel/size': { height: 420 },
  'decision/make': { findingId: 'f:xhs:abc', kind: 'authorised' },
  'decision/undo': { id: UUID },
  'decision/list': {},
  'tab/report': { tabId: 12 },
  'findings/list': {},
  'findings/delete': { ids: ['f:1', 'f:2'] },
  'report/start': { findingId: 'f:1', tabId: 3 },
  'report/get': { findingId: 'f:1' },
  'report/screenshot': { findingId: 'f:1' },
  'case/log': { findingId: 'f:1', status: 'reported', notes: '已投诉', workFacts: { created: '2023-01-01', firstPublishedUrl: 'https://example.com/p/1' } },
  'case/update': { id: UUID, status: 'resolved', notes: 'gone' },
  'gallery/restore': { works: [{ id: 'w1', name: '春狐', addedAt: 1, thumbnail: DATA, signals: { engineVersion: 'e1', hash: [1, 2], hashQuality: 1, vectors: [[0.1]], style: [0.2] }, details: { title: 't' }, source: { kind: 'file' } }] },
  'gallery/import-progress': { job: UUID, since: 3 },
  'gallery/import-cancel': { job: UUID },
  'gallery/list': {},
  'gallery/first-page': { count: 200, pictures: 12 },
  'gallery/count': {},
  'gallery/delete': { ids: ['w1'] },
  'gallery/undelete': { ids: ['w1'] },
  'gallery/update': { id: 'w1', details: { title: '春狐', createdOn: '2023-01-01', tags: [] } },
  'gallery/thumbnails': { ids: ['w1', 'w2'] },
  'sources/list': {},
  'sources/add': { url: 'https://example.com/gallery' },
  'sources/pause': { id: UUID, paused: true },
  'sources/remove': { id: UUID, removeWorks: false },
  'sources/sync': { id: UUID },
  'profile/start': { tabId: 4 },
  'model/signals': { url: URL_A, role: 'query' },
  'model/bench': { urls: [URL_A], warm: [URL_A], again: [URL_A], passes: 2, soak: 0 },
  'bench/match': { galleries: [1000], query: signals },
  'bench/match-gallery': { queries: [signals], runs: 5 },
  'bench/looks': {},
  'model/verify': { url: URL_A, works: [{ id: 'w1' }, { id: 'w2', url: DATA }], mirror: true, tile: 3, screen: true },
  'model/ping': {},
  'content/changed': { undoable: decisionSample, imageKeys: ['xhs:1040g2sg91668844b2aa2152aafdc784'] },
  'content/close-panel': { which: 'panel' },
  'content/panel-size': { height: 300 },
  'content/scroll-to': { imageKey: 'xhs:abc' },
  'content/profile-import': { token: UUID },
};

const TYPES = Object.keys(CONTRACT) as MessageType[];

/** Handlers that only record what reached them. */
const calls: { type: string; payload: unknown }[] = [];
const handlers = Object.fromEntries(TYPES.map((t) => [t, (payload: unknown) => { calls.push({ type: t, payload }); return { handled: t }; }]));
const sender = {} as Runtime.MessageSender;
type Kind = 'content' | 'extension';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** What a hostile page can put in a message (structured-clone-able values only: that is all messaging carries). */
const HOSTILE: unknown[] = [
  undefined, null, NaN, Infinity, -Infinity, -1, -0, 0.5, 2 ** 53 + 2, 1e308, true, '', ' ', 'x'.repeat(5_000_000),
  'javascript:alert(1)', 'file:///etc/passwd', 'http://127.0.0.1:8080/x', 'data:text/html,<script>1</script>', '\u0000\ud800',
  [], [1, 2, 3], Array.from({ length: 200_001 }, () => 'id'), {}, deep(10_000),
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, { toString: 'x', valueOf: 1 },
  Object.create(null), new Date(0), /re/, new Map([[1, 2]]), new Uint8Array(4),
];

/** Paths to every field of a payload (array items included), for mutating one at a time. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

function mutate(sample: unknown, path: (string | number)[], value: unknown, op: 'set' | 'delete' | 'poison'): unknown {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  const poison = (target: unknown) => {
    // An own "__proto__" key, as JSON.parse makes one (an assignment would set the prototype instead).
    if (target && typeof target === 'object') Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  };
  if (!path.length) {
    if (op === 'poison') poison(copy);
    return op === 'set' ? value : copy;
  }
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (op === 'set') parent[last] = value;
  else if (op === 'delete') delete parent[last];
  else poison(parent[last]);
  return copy;
}

function hasPoisonKey(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  return Object.keys(v).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || hasPoisonKey((v as Record<string, unknown>)[k]));
}

const HANG_MS = 2000;

async function send(type: unknown, payload: unknown, kind: Kind) {
  const before = calls.length;
  const reply = await Promise.race([
    dispatch(handlers as never, type, payload, kind, sender),
    new Promise<'hung'>((r) => setTimeout(() => r('hung'), HANG_MS)),
  ]);
  expect(reply, `${String(type)} hung`).not.toBe('hung');
  return { reply: reply as Exclude<typeof reply, 'hung'>, reached: calls.slice(before) };
}

/** Whatever reached a handler passed the contract: parsing it again gives the same value. */
function expectWithinContract(type: MessageType, reached: { payload: unknown }[]) {
  expect(reached).toHaveLength(1);
  const got = reached[0]!.payload;
  expect(CONTRACT[type]!.parse(structuredClone(got), '')).toEqual(got);
  expect(hasPoisonKey(got)).toBe(false);
}

describe('the message contract', () => {
  test('the content-allowed set is what the contract marks as page-sendable, and is small', () => {
    expect([...CONTENT_ALLOWED].sort()).toEqual(['decision/undo-from-page', 'panel/open', 'profile/import-post', 'scan/image']);
  });

  test.each(TYPES)('%s: its valid sample reaches the handler from an extension page; from a page only if allowed', async (type) => {
    const ext = await send(type, structuredClone(SAMPLES[type]), 'extension');
    expect(ext.reply).toEqual({ ok: true, value: { handled: type } });
    expectWithinContract(type, ext.reached);
    const page = await send(type, structuredClone(SAMPLES[type]), 'content');
    if (CONTENT_ALLOWED.has(type)) {
      expect(page.reply.ok).toBe(true);
    } else {
      expect(page.reply).toEqual({ ok: false, error: `${type} is not allowed from a page` });
      expect(page.reached).toHaveLength(0);
    }
  });

  test('a page never reaches an extension-only handler, whatever it sends', async () => {
    for (const type of TYPES.filter((t) => !CONTENT_ALLOWED.has(t))) {
      for (const payload of [SAMPLES[type], ...HOSTILE]) {
        const { reply, reached } = await send(type, payload, 'content');
        expect(reply.ok).toBe(false);
        expect(reached).toHaveLength(0);
      }
    }
  });

  test('unknown and prototype-named types are refused without touching a handler', async () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'scan/images', '', 42, null, undefined, { type: 'scan/image' }]) {
      for (const kind of ['content', 'extension'] as const) {
        const { reply, reached } = await send(type, {}, kind);
        expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown message/) });
        expect(reached).toHaveLength(0);
      }
    }
  });

  test('a payload that is not a plain object is refused for every type, with the type named in the error', async () => {
    for (const type of TYPES) {
      for (const payload of HOSTILE.filter((v) => !(v && typeof v === 'object' && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v))))) {
        const { reply, reached } = await send(type, payload, 'extension');
        expect(reply).toMatchObject({ ok: false, error: expect.stringContaining(`malformed ${type}`) });
        expect(reached).toHaveLength(0);
      }
    }
  });

  test('hostile values in every field, one at a time: refused with an error, or what reaches the handler is within the contract', async () => {
    const seed = 14;
    const random = seeded(seed);
    let refused = 0;
    let accepted = 0;
    for (const type of TYPES) {
      const fields = paths(SAMPLES[type]);
      for (let i = 0; i < 60; i++) {
        const path = fields[Math.floor(random() * fields.length)]!;
        const op = (['set', 'set', 'set', 'delete', 'poison'] as const)[Math.floor(random() * 5)]!;
        const value = HOSTILE[Math.floor(random() * HOSTILE.length)];
        const payload = mutate(SAMPLES[type], path, value, op);
        for (const kind of ['extension', 'content'] as const) {
          const { reply, reached } = await send(type, payload, kind);
          const where = `seed ${seed}: ${type} ${op} ${path.join('.')} (${kind})`;
          if (reply.ok) {
            expect(kind === 'extension' || CONTENT_ALLOWED.has(type), where).toBe(true);
            expectWithinContract(type, reached);
            accepted++;
          } else {
            expect(reply.error, where).toMatch(/\S/);
            expect(reached, where).toHaveLength(0);
            refused++;
          }
        }
      }
    }
    // Both outcomes happen: a hostile optional field may be dropped, a hostile required one is refused.
    expect(refused).toBeGreaterThan(accepted);
    expect(accepted).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('the cases a page would try on the allowed messages', async () => {
    const scan = SAMPLES['scan/image'];
    const refusedScan = [
      { ...scan, fetchUrl: 'javascript:alert(1)' },
      { ...scan, fetchUrl: 'file:///etc/passwd' },
      { ...scan, displayUrl: `https://a.example/${'x'.repeat(5000)}` },
      { ...scan, post: { ...scan.post, postUrl: 'chrome://settings' } },
      { ...scan, post: 'post' },
      { ...scan, imageKey: '' },
      { ...scan, site: 7 },
      JSON.parse(`{"__proto__":{"polluted":1},"site":"x","imageKey":"k","fetchUrl":"${URL_A}","displayUrl":"${URL_A}","post":{"postId":"p","postUrl":"${URL_A}"}}`),
    ];
    for (const payload of refusedScan) {
      const { reply, reached } = await send('scan/image', payload, 'content');
      expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('malformed scan/image') });
      expect(reached).toHaveLength(0);
    }
    // Long text is cut, an odd priority is the default, unknown fields are left behind.
    const { reply, reached } = await send('scan/image', { ...scan, priority: NaN, extra: { x: 1 }, imageKey: 'k'.repeat(10_000), post: { ...scan.post, title: '题'.repeat(100_000) } }, 'content');
    expect(reply.ok).toBe(true);
    const got = reached[0]!.payload as Req<'scan/image'> & { extra?: unknown };
    expect([got.priority, got.imageKey.length, got.post.title!.length, got.extra]).toEqual([1, 600, 200, undefined]);

    for (const payload of [{ site: 'x', imageKey: 'k'.repeat(601), postId: 'p' }, { site: 'x', imageKey: ['k'], postId: 'p' }]) {
      expect((await send('panel/open', payload, 'content')).reply.ok).toBe(false);
    }
    for (const id of [-1, 'x'.repeat(65), { $gt: '' }, NaN]) expect((await send('decision/undo-from-page', { id }, 'content')).reply.ok).toBe(false);
    const pictures = Array.from({ length: 101 }, () => URL_A);
    const post = SAMPLES['profile/import-post'].post;
    expect((await send('profile/import-post', { token: UUID, post: { ...post, pictures } }, 'content')).reply.ok).toBe(false);
  });

  test('numbers the extension pages send are checked too: NaN, negative ids and huge lists are refused', async () => {
    const refused: [MessageType, unknown][] = [
      ['panel/size', { height: NaN }], ['panel/size', { height: -5 }], ['tab/report', { tabId: -1 }], ['tab/report', { tabId: 1.5 }],
      ['profile/start', { tabId: '3' }], ['findings/delete', { ids: Array.from({ length: 100_001 }, (_, i) => `f:${i}`) }],
      ['bench/match', { galleries: [1e9], query: signals }], ['bench/match', { galleries: [10], query: { ...signals, vectors: [[NaN]] } }],
      ['model/signals', { url: 'file:///etc/passwd', role: 'query' }], ['model/signals', { url: 'data:text/html,x', role: 'gallery' }],
      ['sources/pause', { id: UUID, paused: 'yes' }], ['case/log', { findingId: 'f:1', status: 'closed' }],
    ];
    for (const [type, payload] of refused) {
      const { reply, reached } = await send(type, payload, 'extension');
      expect(reply, `${type} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({ ok: false, error: expect.stringContaining(`malformed ${type}`) });
      expect(reached).toHaveLength(0);
    }
  });

  test('a handler that throws answers with its error, not a rejection', async () => {
    const throwing = { 'tab/report': () => { throw new Error('no such tab'); } };
    await expect(dispatch(throwing as never, 'tab/report', { tabId: 1 }, 'extension', sender)).resolves.toEqual({ ok: false, error: 'no such tab' });
  });
});
