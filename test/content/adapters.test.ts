// A site is one record (src/sites/<id>.ts), one adapter file and one fixture; everything else is derived from the
// record. This keeps the whole chain in step: adapter, settings switch, manifest, Referer rules, fixture server,
// complaint pages and the words in both languages.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import sharp from 'sharp';
import { ADAPTERS } from '../../src/content/adapters';
import { imageToken } from '../../src/content/adapters/xiaohongshu';
import { manifestFor } from '../../src/cli/manifest';
import { hostResolverRules, MAPPED_HOSTS, startFixtureServer, type FixtureServer, type SiteId as FixtureSiteId } from '../../src/dev/stand-ins/server';
import { noteFromPost, notePath, ORIGIN } from '../../src/dev/stand-ins/sites/xiaohongshu/notes';
import { complaintTargets } from '../../src/engine/complaint';
import { findAiLabel } from '../../src/engine/ai-labels';
import { DEFAULTS } from '../../src/shared/settings-schema';
import { buildUrl, hostMatches, matchAny, refererRules, SITES, siteFor, weibo, xiaohongshu, type SiteRecord } from '../../src/sites';

const files = readdirSync('src/content/adapters').filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
const ids = SITES.map((s) => s.id);
/** A concrete host a host pattern covers: `*.sinaimg.cn` → `wx1.sinaimg.cn`. */
const concrete = (host: string) => host.replace(/^\*\./, 'wx1.');
const cdnHosts = (s: SiteRecord) => s.cdn.map((c) => c.host);

describe('site records and adapters', () => {
  test('every record has an adapter file registered under its id, and every adapter file a record', () => {
    expect([...ids].sort()).toEqual([...files].sort());
    for (const [id, adapter] of Object.entries(ADAPTERS)) expect(adapter.id).toBe(id);
    expect(Object.keys(ADAPTERS).sort()).toEqual([...ids].sort());
  });

  test.each(ids)('%s has a fixture site and a scanning switch with the record\'s default', (id) => {
    expect(existsSync(`src/dev/stand-ins/sites/${id}`)).toBe(true);
    expect(DEFAULTS[`site:${id}`]).toBe(SITES.find((s) => s.id === id)!.enabledByDefault);
  });

  test.each(ids)('%s is exercised by a browser test', (id) => {
    const e2e = readdirSync('test/e2e').filter((f) => f !== 'stand-ins.test.ts').map((f) => readFileSync(`test/e2e/${f}`, 'utf8')).join('\n');
    expect(e2e).toContain(`setSite('${id}'`);
  });

  test('a page belongs to the site whose hosts include it; any other web page to the generic site', () => {
    for (const s of SITES) for (const h of s.hosts) expect(siteFor(new URL(`https://${concrete(h)}/x`))?.id).toBe(s.id);
    expect(siteFor(new URL('https://art.example.test/gallery.html'))?.id).toBe('generic');
    expect(siteFor(new URL('http://art.example.test/'))?.id).toBe('generic');
    expect(siteFor(new URL('file:///home/artist/a.png'))).toBeUndefined();
    // A CDN or complaint host is no page to scan with the site's adapter.
    expect(siteFor(new URL('https://wx1.sinaimg.cn/orj360/x.jpg'))?.id).toBe('generic');
  });

  test('each site\'s post and profile URLs are on its own pages, where the content script runs', () => {
    for (const s of SITES) {
      for (const p of [...s.posts, ...s.profiles]) {
        const hosts = [new URL(p.url.replace(/[{}]/g, '')).hostname, ...(p.aliases ?? [])];
        for (const h of hosts) expect(s.hosts, `${s.id}: ${p.url}`).toContain(h);
      }
    }
  });
});

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (browser) => {
  const m = manifestFor(browser);
  const [script, ...others] = m.content_scripts;

  test('the content script runs on every site\'s pages, and only there', () => {
    expect(others).toEqual([]);
    expect(script!.matches.sort()).toEqual(SITES.flatMap((s) => s.hosts).map((h) => `https://${h}/*`).sort());
  });

  test('host permissions cover every page host and every CDN host, and nothing else', () => {
    expect(m.host_permissions.sort()).toEqual(SITES.flatMap((s) => [...s.hosts, ...cdnHosts(s)]).map((h) => `https://${h}/*`).sort());
  });

  test('the rest comes from manifest.json unchanged', () => {
    const root = JSON.parse(readFileSync('manifest.json', 'utf8')) as Record<string, unknown>;
    expect(root.host_permissions).toBeUndefined();
    expect(m.options_ui).toEqual(root.options_ui);
    expect(m.permissions.includes('offscreen')).toBe(browser === 'chrome');
  });
});

describe('Referer rules', () => {
  const rules = refererRules();
  const covering = (host: string) => rules.filter((r) => r.condition.requestDomains.some((d) => hostMatches(`*.${d}`, concrete(host))));

  test.each(SITES.flatMap((s) => s.cdn.map((c) => [c.host, c.referer ?? null] as const)))('%s gets Referer %s', (host, referer) => {
    const rule = covering(host);
    if (referer === null) return void expect(rule).toEqual([]);
    expect(rule).toHaveLength(1);
    expect(rule[0]!.action.requestHeaders).toEqual([{ header: 'referer', operation: 'set', value: referer }]);
    // Only the extension's own fetches: the artist's pages keep their own Referer.
    expect(rule[0]!.condition.tabIds).toEqual([-1]);
  });

  test('rule ids are distinct (a session rule with a taken id is refused)', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });
});

describe('complaint pages and words', () => {
  type Messages = Record<string, { message: string }>;
  const locale = (l: string) => JSON.parse(readFileSync(`assets/_locales/${l}/messages.json`, 'utf8')) as Messages;
  const en = locale('en');
  const zh = locale('zh_CN');

  test.each(ids)('%s has complaint pages, all https', (id) => {
    const site = SITES.find((s) => s.id === id)!;
    expect(site.complaints.length).toBeGreaterThan(0);
    for (const c of site.complaints) if (c.url) expect(new URL(c.url).protocol).toBe('https:');
  });

  test.each(ids)('%s has its words in both languages, and the notice names it as the UI does', (id) => {
    const site = SITES.find((s) => s.id === id)!;
    for (const key of Object.values(site.words)) {
      expect(en[key], key).toBeDefined();
      expect(zh[key], key).toBeDefined();
    }
    if (site.names) {
      expect(en[site.words.name]!.message).toBe(site.names.en);
      expect(zh[site.words.name]!.message).toBe(site.names.zh);
    }
  });

  test.each(ids)('%s: the AI labels the platform shows are found, and its stand-in shows them', (id) => {
    const site = SITES.find((s) => s.id === id)!;
    const standIn = sources(`src/dev/stand-ins/sites/${id}`);
    for (const label of site.aiLabels) {
      expect(findAiLabel(`今日份插画\n${label}`)).toBe(label);
      expect(standIn).toContain(label);
    }
  });
});

describe('the fixture server stands in for every host of every record', () => {
  let server: FixtureServer;
  beforeAll(async () => { server = await startFixtureServer(); });
  afterAll(() => server.close());

  const get = (host: string, path = '/') => new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, servername: host, headers: { host }, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

  test('every page and CDN host is mapped to it and served (421 means no stand-in)', async () => {
    expect(await get('unknown.example.test')).toBe(421);
    for (const host of SITES.flatMap((s) => [...s.hosts, ...cdnHosts(s)])) {
      expect(MAPPED_HOSTS).toContain(host);
      expect(hostResolverRules(1)).toContain(`MAP ${host} 127.0.0.1:1`);
      expect(await get(concrete(host)), host).not.toBe(421);
    }
  });

  test('every complaint page opens', async () => {
    for (const s of SITES) {
      const sample = s.id === 'weibo' ? '5012345678901234' : '6650c3a2000000001e03b7d4';
      // The post's own page (in-post) is the post, not a complaint page of the site's.
      const pages = complaintTargets(s.id, { postId: sample, postUrl: 'https://art.example.test/p' }).filter((t) => t.kind !== 'in-post');
      expect(pages.length).toBe(s.complaints.filter((c) => c.url).length);
      for (const t of pages) {
        const url = new URL(t.url);
        expect(MAPPED_HOSTS).toContain(url.hostname);
        expect(await get(url.hostname, url.pathname + url.search), t.url).toBe(200);
      }
    }
  });

  test('the stand-ins\' post and profile URLs have the records\' shapes', async () => {
    const data = await sharp({ create: { width: 240, height: 240, channels: 3, background: '#8a6' } }).png().toBuffer();
    const cases: [FixtureSiteId, SiteRecord][] = [['xiaohongshu', xiaohongshu], ['weibo', weibo], ['weibo-mobile', weibo]];
    for (const [fixture, site] of cases) {
      const [post] = await server.setSite(fixture, [{ text: 'x', images: [{ data, mime: 'image/png' }] }]);
      expect(matchAny(site.posts, post!.postUrl)?.params.postId, post!.postUrl).toBe(fixture === 'weibo' ? post!.mblogid : post!.id);
      expect(matchAny(site.profiles, post!.authorUrl)?.params.userId, post!.authorUrl).toBe(post!.authorId);
    }
  });
});

describe('URL shapes', () => {
  test('a Xiaohongshu note is found under every listing that links it, and a profile is no note', () => {
    const note = noteFromPost({ text: 'x', images: [{ data: Buffer.alloc(0), mime: 'image/png' }] }, 0, [{ width: 1, height: 1 }]);
    for (const source of ['pc_feed', 'pc_search', 'pc_user'] as const) {
      expect(matchAny(xiaohongshu.posts, `${ORIGIN}${notePath(note, source)}`)?.params.postId, source).toBe(note.noteId);
    }
    const profile = `${ORIGIN}/user/profile/${note.userId}?xsec_token=t&xsec_source=pc_note`;
    expect(matchAny(xiaohongshu.posts, profile)).toBeNull();
    expect(matchAny(xiaohongshu.profiles, profile)?.params.userId).toBe(note.userId);
  });

  test('Weibo posts and profiles in each of their forms', () => {
    const post = (href: string) => matchAny(weibo.posts, href);
    expect(post('https://weibo.com/1234567890/PqRsT12aB')?.params).toEqual({ uid: '1234567890', postId: 'PqRsT12aB' });
    // www. is an alias; the permalink the adapter keeps is the canonical weibo.com one.
    const www = post('https://www.weibo.com/1234567890/PqRsT12aB#comment')!;
    expect(buildUrl(www.pattern, www.params)).toBe('https://weibo.com/1234567890/PqRsT12aB');
    expect(post('https://m.weibo.cn/detail/5012345678901234')?.params.postId).toBe('5012345678901234');
    expect(post('https://m.weibo.cn/status/PqRsT12aB')?.params.postId).toBe('PqRsT12aB');
    for (const profile of ['https://weibo.com/u/1234567890', 'https://weibo.com/1234567890', 'https://m.weibo.cn/u/1234567890']) {
      expect(post(profile), profile).toBeNull();
      expect(matchAny(weibo.profiles, profile)?.params.userId, profile).toBe('1234567890');
    }
    // Another host, plain http or a longer path is not the shape.
    for (const href of ['http://weibo.com/1234567890/PqRsT12aB', 'https://weibo.cn/1234567890/PqRsT12aB', 'https://weibo.com/1234567890/PqRsT12aB/x', 'not a url']) {
      expect(post(href), href).toBeNull();
    }
  });
});

describe('platform facts read from the page', () => {
  test('AI labels are found by pattern in the post text', () => {
    expect(findAiLabel('今日份插画\n笔记含AI合成内容')).toContain('AI合成');
    expect(findAiLabel('内容由AI生成')).toContain('AI生成');
    expect(findAiLabel('疑似包含AI创作内容，请谨慎甄别')).toContain('AI创作');
    expect(findAiLabel('我的手绘作品，拒绝AI')).toBeNull();
    expect(findAiLabel('AI 画不出来的手绘')).toBeNull();
  });

  test('Xiaohongshu pictures are identified by their stable token, not the signed display URL', () => {
    const token = '1040g2sg31abcdefghijklmnopqrstu';
    expect(imageToken(`https://sns-webpic-qc.xhscdn.com/1732500000/0123456789abcdef0123456789abcdef/${token}!nd_dft_wlteh_webp_3`)).toBe(token);
    expect(imageToken(`https://ci.xiaohongshu.com/${token}?imageView2/2/w/1080/format/jpg`)).toBe(token);
    expect(imageToken('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toBeNull();
  });
});

function sources(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}
