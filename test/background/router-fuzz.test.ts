// The background's real handlers behind dispatch, fed valid and hostile payloads from a page and from an extension
// page, with IndexedDB in memory, browser storage in memory, no model host and no network: every message
// answers (a value or an error, never silence) within a few seconds, and nothing throws outside its answer (an
// unhandled rejection fails the run).
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

vi.mock('webextension-polyfill', () => {
  const area = () => {
    const items: Record<string, unknown> = {};
    return {
      get: async (keys?: string | string[] | null) => {
        if (keys === null || keys === undefined) return { ...items };
        return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in items).map((k) => [k, items[k]]));
      },
      set: async (more: Record<string, unknown>) => { Object.assign(items, structuredClone(more)); },
      remove: async (keys: string | string[]) => { for (const k of Array.isArray(keys) ? keys : [keys]) delete items[k]; },
    };
  };
  const gone = (what: string) => async () => { throw new Error(`${what}: not in this test`); };
  const event = { addListener: () => undefined, removeListener: () => undefined };
  return { default: {
    runtime: { id: 'inkseal-test', getURL: (p: string) => `chrome-extension://inkseal-test/${p}`, sendMessage: gone('runtime.sendMessage'), onMessage: event },
    storage: { local: area(), session: area(), onChanged: event },
    tabs: {
      get: gone('No tab with id'), update: gone('No tab with id'), create: async () => ({ id: 99 }), query: async () => [],
      sendMessage: gone('Could not establish connection. Receiving end does not exist'), captureVisibleTab: gone('captureVisibleTab'),
      onUpdated: event, onRemoved: event,
    },
    windows: { update: gone('windows.update') },
    permissions: { contains: async () => false, request: async () => false },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    alarms: { get: async () => undefined, create: async () => undefined, onAlarm: event },
    declarativeNetRequest: { updateSessionRules: async () => undefined },
    contextMenus: { removeAll: async () => undefined, create: () => undefined, onClicked: event },
  } };
});
// The model host is gone for good in this test: what depends on it must answer with an error, not wait forever.
vi.mock('@platform', () => ({
  BROWSER: 'chrome',
  callModelHost: async () => { throw new Error('model host closed in this test'); },
}));
vi.stubGlobal('fetch', async () => { throw new TypeError('no network in this test'); });

const { dispatch } = await import('../../src/shared/messaging');
const { CONTRACT, CONTENT_ALLOWED } = await import('../../src/shared/messages');
const { backgroundHandlers } = await import('../../src/background/router');
type MessageType = import('../../src/shared/messages').MessageType;

const URL_A = 'https://sns-img-bd.xhscdn.com/1040g00831abcdef';
const UUID = '3b0c1e7a-9a3f-4d0e-8a53-2f1e6c1d9b11';

/** Payloads a handler might choke on once they pass the contract: valid in shape, odd in meaning. */
const ODD: Partial<Record<MessageType, unknown[]>> = {
  'scan/image': [{ site: 'no-such-site', imageKey: 'k', fetchUrl: 'http://127.0.0.1:9/x.jpg', displayUrl: URL_A, priority: 0, post: { postId: 'p', postUrl: URL_A } }],
  'panel/open': [{ site: 'xiaohongshu', imageKey: 'xhs:none', postId: 'p' }],
  'decision/undo-from-page': [{ id: UUID }],
  'profile/import-post': [{ token: UUID, post: { postId: 'p', postUrl: URL_A, pictures: [URL_A] } }],
  'panel/get': [{ token: UUID }],
  'panel/close': [{ which: 'toast' }],
  'panel/size': [{ height: 99_999 }],
  'decision/make': [{ findingId: 'f:none', kind: 'not-mine' }],
  'decision/undo': [{ id: UUID }],
  'tab/report': [{ tabId: Number.MAX_SAFE_INTEGER }],
  'findings/delete': [{ ids: [] }, { ids: ['f:none'] }],
  'report/start': [{ findingId: 'f:none', tabId: 1 }],
  'report/get': [{ findingId: 'f:none' }],
  'report/screenshot': [{ findingId: 'f:none' }],
  'case/log': [{ findingId: 'f:none', status: 'open' }],
  'case/update': [{ id: UUID, status: 'resolved' }],
  'gallery/restore': [{ works: [] }, { works: [{ id: 'w1', name: 'n', addedAt: 0, thumbnail: 'data:image/png;base64,', signals: { engineVersion: 'old', hash: [], hashQuality: 0, vectors: [], style: [] } }] }],
  'gallery/delete': [{ ids: ['none'] }],
  'gallery/undelete': [{ ids: ['none'] }],
  'gallery/update': [{ id: 'none', details: {} }],
  'gallery/thumbnails': [{ ids: Array.from({ length: 2000 }, (_, i) => `w${i}`) }],
  'sources/add': [{ url: 'not a url' }, { url: 'http://127.0.0.1/' }],
  'sources/pause': [{ id: UUID, paused: true }],
  'sources/remove': [{ id: UUID, removeWorks: true }],
  'sources/sync': [{ id: UUID }],
  'profile/start': [{ tabId: 0 }],
  'bench/match': [{ galleries: [1], query: { hashes: [], hashQuality: 0, vectors: [], style: [] } }],
};

const ANSWER_MS = 5000;
const sender = (kind: 'content' | 'extension'): Runtime.MessageSender =>
  (kind === 'content' ? { id: 'inkseal-test', tab: { id: 7 } as Runtime.MessageSender['tab'], url: 'https://www.xiaohongshu.com/explore' } : { id: 'inkseal-test', url: 'chrome-extension://inkseal-test/src/popup/index.html' });

afterAll(() => { vi.unstubAllGlobals(); });

describe('the background router under odd and hostile payloads', () => {
  const types = (Object.keys(CONTRACT) as MessageType[]).filter((t) => CONTRACT[t]?.to === 'background');
  const hostile: unknown[] = [undefined, null, NaN, 'x'.repeat(1_000_000), [], {}, JSON.parse('{"__proto__":{"polluted":1}}'), { ids: [{}], id: -1, tabId: -1 }];

  test.each(types)('%s answers every payload, from a page and from an extension page', async (type) => {
    for (const kind of ['extension', 'content'] as const) {
      for (const payload of [...(ODD[type] ?? [{}]), ...hostile]) {
        const reply = await Promise.race([
          dispatch(backgroundHandlers, type, payload, kind, sender(kind)),
          new Promise<'silent'>((r) => setTimeout(() => r('silent'), ANSWER_MS)),
        ]);
        const where = `${type} from ${kind}: ${String(JSON.stringify(payload)).slice(0, 120)}`;
        expect(reply, where).not.toBe('silent');
        const r = reply as { ok: boolean; error?: string };
        if (!r.ok) expect(r.error, where).toMatch(/\S/);
        if (kind === 'content' && !CONTENT_ALLOWED.has(type)) expect(r, where).toEqual({ ok: false, error: `${type} is not allowed from a page` });
      }
    }
  });

  test('a source inside the artist\'s network is refused when added, with a reason the page can word', async () => {
    for (const url of ['http://127.0.0.1/feed.xml', 'https://192.168.1.20/works.json', 'http://localhost/rss']) {
      expect(await dispatch(backgroundHandlers, 'sources/add', { url }, 'extension', sender('extension'))).toEqual({ ok: false, error: 'internal-address' });
    }
    const listed = await dispatch(backgroundHandlers, 'sources/list', {}, 'extension', sender('extension'));
    expect(listed.ok && (listed.value as { url: string }[]).filter((s) => /127\.0\.0\.1|192\.168|localhost/.test(s.url))).toEqual([]);
  });

  test('deleting findings that do not exist deletes nothing and says so', async () => {
    expect(await dispatch(backgroundHandlers, 'findings/delete', { ids: ['f:none', 'f:gone'] }, 'extension', sender('extension')))
      .toEqual({ ok: true, value: { deleted: 0 } });
  });

  test('nothing was written onto Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
