// The takedown notice: every element the law asks of it, in both languages, written out here word for word so a
// notice that drops one fails on its own — and no "undefined" where a fact is unknown.
import { describe, expect, expectTypeOf, test } from 'vitest';
import { buildNotice, missingIdentity, type NoticeFacts, type NoticeIdentity } from '../../src/engine/notice';
import { TRANSFORM_OF } from '../../src/engine/verdict';
import type { Identity, WorkFacts } from '../../src/shared/types';

const who: Identity = {
  name: '林小墨',
  email: 'xiaomo@example.com',
  phone: '+86 138 0000 0000',
  address: '上海市徐汇区漕溪北路 88 号',
  signature: '林小墨 Lin Xiaomo',
};

const workFacts: WorkFacts = {
  created: '2023-11-02',
  firstPublishedUrl: 'https://www.artstation.com/artwork/ink-crane',
  firstPublishedAt: '2023-11-05',
};

const POST_SHA = 'a'.repeat(64);
const WORK_SHA = 'b'.repeat(64);

const facts: NoticeFacts = {
  site: 'xiaohongshu',
  platform: { zh: '小红书', en: 'Xiaohongshu' },
  postUrl: 'https://www.xiaohongshu.com/explore/6650c3a2000000001e03b7d4?xsec_token=ABcd123',
  postId: '6650c3a2000000001e03b7d4',
  imageUrl: 'https://ci.xiaohongshu.com/1040g2sg31abcdef',
  displayUrl: 'https://sns-webpic-qc.xhscdn.com/202405/1040g2sg31abcdef!nd_dft_wlteh_webp_3',
  author: '搬运小号',
  authorId: 'https://www.xiaohongshu.com/user/profile/5f0000000000000000000001',
  capturedAt: Date.UTC(2024, 4, 1, 23, 30, 5),
  timeZone: 'Asia/Shanghai',
  kind: 'copy',
  score: 0.873,
  transform: 'mirror-x',
  method: 'hash',
  engineVersion: '0.1.0',
  postSha256: POST_SHA,
  workSha256: WORK_SHA,
  work: { title: '墨鹤', addedAt: Date.UTC(2024, 0, 10), ...workFacts },
};

const NOW = Date.UTC(2024, 4, 2, 1, 0, 0);

test('the notice reads the identity the report page stores', () => {
  expectTypeOf<Identity>().toEqualTypeOf<NoticeIdentity>();
});

describe('Chinese notice (信息网络传播权保护条例第十四条, 民法典第一千一百九十五条)', () => {
  const text = buildNotice('zh', facts, who, NOW);

  test('is a 侵权通知书 to the platform citing both provisions', () => {
    expect(text.startsWith('侵权通知书')).toBe(true);
    expect(text).toContain('致：小红书');
    expect(text).toContain('《信息网络传播权保护条例》第十四条');
    expect(text).toContain('《民法典》第一千一百九十五条');
  });

  test('(一) the rights holder: name, phone, email and address', () => {
    expect(text).toContain('权利人的姓名（名称）、联系方式和地址');
    expect(text).toContain('姓名（名称）：林小墨');
    expect(text).toContain('电话：+86 138 0000 0000');
    expect(text).toContain('电子邮箱：xiaomo@example.com');
    expect(text).toContain('地址：上海市徐汇区漕溪北路 88 号');
  });

  test('(二) the infringing material and where it is', () => {
    expect(text).toContain('要求删除或者断开链接的侵权作品的名称和网络地址');
    expect(text).toContain('https://www.xiaohongshu.com/explore/6650c3a2000000001e03b7d4?xsec_token=ABcd123');
    expect(text).toContain('帖子编号：6650c3a2000000001e03b7d4');
    expect(text).toContain('https://ci.xiaohongshu.com/1040g2sg31abcdef');
    expect(text).toContain('发布者：搬运小号');
    expect(text).toContain('https://www.xiaohongshu.com/user/profile/5f0000000000000000000001');
  });

  test('(三) preliminary proof: the work, the finding, the capture time, both hashes', () => {
    expect(text).toContain('构成侵权的初步证明材料');
    expect(text).toContain('《墨鹤》');
    expect(text).toContain('创作日期：2023-11-02');
    expect(text).toContain('首次发表地址：https://www.artstation.com/artwork/ink-crane');
    expect(text).toContain('首次发表日期：2023-11-05');
    expect(text).toContain('复制件');
    expect(text).toContain('87.3%');
    expect(text).toContain('左右镜像翻转');
    expect(text).toContain('感知哈希');
    expect(text).toContain('0.1.0');
    expect(text).toContain('2024-05-01T23:30:05.000Z');
    expect(text).toContain('2024-05-02 07:30:05 GMT+08:00 (Asia/Shanghai)');
    expect(text).toContain(POST_SHA);
    expect(text).toContain(WORK_SHA);
  });

  test('an edited copy is called one', () => {
    expect(buildNotice('zh', { ...facts, kind: 'edit', transform: 'cropped', method: 'regional' }, who, NOW))
      .toContain('经修改的复制件');
  });

  test('every transform and method the second stage names is put in Chinese, not left as the engine word', () => {
    const named = Object.values(TRANSFORM_OF).concat(['rotated', 'screen-photo', 'watermark']);
    for (const transform of named) {
      for (const method of ['local', 'overlay', 'screen', 'stickers']) {
        const zh = buildNotice('zh', { ...facts, kind: 'edit', transform, method }, who, NOW);
        const lines = zh.split('\n');
        const t = lines.find((l) => l.includes('变换：'))!, m = lines.find((l) => l.includes('判定方法：'))!;
        // The engine word is kept in brackets after the Chinese, as for the mirror: "左右镜像翻转 (mirror-x)".
        expect(t).toMatch(new RegExp(`[\u4e00-\u9fff].* \\(${transform}\\)$`));
        expect(m).toMatch(new RegExp(`[\u4e00-\u9fff].* \\(${method}\\)$`));
      }
    }
  });

  test('asks to delete or disconnect under 第1195条, states responsibility, and is signed and dated', () => {
    expect(text).toMatch(/删除[^\n]*断开[^\n]*链接/);
    expect(text).toContain('第1195条');
    expect(text).toContain('权利人对通知书的真实性负责');
    expect(text).toContain('签名：林小墨 Lin Xiaomo');
    expect(text).toContain('日期：2024-05-02');
  });
});

describe('English notice (17 U.S.C. §512(c)(3)(A))', () => {
  const text = buildNotice('en', facts, who, NOW);

  test('(i) an electronic signature', () => {
    expect(text).toContain('/s/ 林小墨 Lin Xiaomo');
    expect(text).toContain('Date: 2024-05-02');
  });

  test('(ii) identifies the copyrighted work', () => {
    expect(text).toContain('Identification of the copyrighted work');
    expect(text).toContain('Title: 墨鹤');
    expect(text).toContain('Created: 2023-11-02');
    expect(text).toContain('First published at: https://www.artstation.com/artwork/ink-crane');
    expect(text).toContain('First published on: 2023-11-05');
  });

  test('(iii) identifies the infringing material with enough to locate it', () => {
    expect(text).toContain('information reasonably sufficient to locate it');
    expect(text).toContain('Post URL: https://www.xiaohongshu.com/explore/6650c3a2000000001e03b7d4?xsec_token=ABcd123');
    expect(text).toContain('Post ID: 6650c3a2000000001e03b7d4');
    expect(text).toContain('Image URL: https://ci.xiaohongshu.com/1040g2sg31abcdef');
    expect(text).toContain('搬运小号');
    expect(text).toContain('https://www.xiaohongshu.com/user/profile/5f0000000000000000000001');
  });

  test('(iv) contact information: name, address, phone, email', () => {
    expect(text).toContain('Name: 林小墨');
    expect(text).toContain('Address: 上海市徐汇区漕溪北路 88 号');
    expect(text).toContain('Phone: +86 138 0000 0000');
    expect(text).toContain('Email: xiaomo@example.com');
  });

  test('(v) the good-faith statement', () => {
    expect(text).toContain('good faith belief');
    expect(text).toContain('not authorized by the copyright owner, its agent, or the law');
  });

  test('(vi) accuracy, and authority under penalty of perjury', () => {
    expect(text).toContain('information in this notification is accurate');
    expect(text).toContain('under penalty of perjury');
    expect(text).toContain('authorized to act on behalf of the owner');
  });

  test('the evidence: capture time, hashes, score, method, engine version', () => {
    expect(text).toContain('2024-05-01T23:30:05.000Z (UTC)');
    expect(text).toContain('2024-05-02 07:30:05 GMT+08:00 (Asia/Shanghai)');
    expect(text).toContain(POST_SHA);
    expect(text).toContain(WORK_SHA);
    expect(text).toContain('87.3%');
    expect(text).toContain('mirrored left to right');
    expect(text).toContain('perceptual hash');
    expect(text).toContain('Engine version: 0.1.0');
  });
});

describe('unknown facts', () => {
  const bare: NoticeFacts = {
    ...facts,
    author: undefined,
    authorId: undefined,
    transform: undefined,
    postSha256: undefined,
    work: { title: '墨鹤', addedAt: Date.UTC(2024, 0, 10) },
  };

  test('are written as not recorded, never undefined or null', () => {
    const zh = buildNotice('zh', bare, who, NOW);
    const en = buildNotice('en', bare, who, NOW);
    for (const text of [zh, en]) expect(text).not.toMatch(/undefined|null|NaN/);
    expect(zh).toContain('发布者：未记录');
    expect(zh).toContain('创作日期：未记录');
    expect(en).toContain('Posted by: not recorded');
    expect(en).toContain('First published at: not recorded');
    expect(en).toContain('SHA-256 of the infringing picture: not recorded');
  });

  test('an empty identity leaves no undefined either', () => {
    const empty: Identity = { name: '', email: '', phone: '', address: '', signature: '' };
    expect(buildNotice('en', facts, empty, NOW)).not.toMatch(/undefined|null/);
    expect(buildNotice('zh', facts, empty, NOW)).toContain('签名：未记录');
  });
});

describe('missingIdentity', () => {
  test('names the empty fields, blanks included', () => {
    expect(missingIdentity({ name: '林小墨', email: ' ', phone: '+86 1', address: '' })).toEqual(['email', 'address', 'signature']);
    expect(missingIdentity(who)).toEqual([]);
    expect(missingIdentity({})).toEqual(['name', 'email', 'phone', 'address', 'signature']);
  });
});
