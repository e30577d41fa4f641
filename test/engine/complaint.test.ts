// Where the report page sends the artist: the right form per platform, for the right post, and only https.
import { describe, expect, test } from 'vitest';
import { complaintTargets } from '../../src/engine/complaint';
import { mblogidToMid } from '../../src/sites/weibo';
// The stand-in Weibo (src/dev/stand-ins/sites/weibo/statuses.ts) names its posts with this reference conversion.
import { midToMblogid } from '../../src/dev/stand-ins/sites/shared/ids';

describe('Xiaohongshu', () => {
  const post = {
    postId: '6650c3a2000000001e03b7d4',
    postUrl: 'https://www.xiaohongshu.com/explore/6650c3a2000000001e03b7d4?xsec_token=ABcd123&xsec_source=pc_feed',
  };

  test('the 权利保护中心 names the note, and the note keeps its xsec_token for 「举报」', () => {
    expect(complaintTargets('xiaohongshu', post)).toEqual([
      { kind: 'ip-center', url: 'https://ipp.xiaohongshu.com/?noteId=6650c3a2000000001e03b7d4' },
      { kind: 'in-post', url: post.postUrl },
    ]);
  });

  test('a note id cannot add parameters to the portal URL', () => {
    const [ipp] = complaintTargets('xiaohongshu', { ...post, postId: 'x&redirect=https://evil.example' });
    expect(new URL(ipp!.url).searchParams.get('noteId')).toBe('x&redirect=https://evil.example');
    expect(new URL(ipp!.url).searchParams.has('redirect')).toBe(false);
  });
});

describe('Weibo', () => {
  const guide = { kind: 'guide', url: 'https://kefu.weibo.com/faqdetail?id=21692' };

  test('a numeric mid (m.weibo.cn) goes to the report page first, then the copyright guide', () => {
    expect(complaintTargets('weibo', { postId: '5012345678901234', postUrl: 'https://m.weibo.cn/detail/5012345678901234' })).toEqual([
      { kind: 'report-page', url: 'https://service.account.weibo.com/reportspam?rid=5012345678901234&type=1' },
      guide,
    ]);
  });

  test('a weibo.com mblogid is turned into the mid the report page wants', () => {
    const mid = '4918437502780581';
    const mblogid = midToMblogid(mid);
    const [report] = complaintTargets('weibo', { postId: mblogid, postUrl: `https://weibo.com/1234567890/${mblogid}` });
    expect(report).toEqual({ kind: 'report-page', url: `https://service.account.weibo.com/reportspam?rid=${mid}&type=1` });
  });

  test('an id that is no mblogid gets the guide only', () => {
    expect(complaintTargets('weibo', { postId: '../x?y', postUrl: 'https://weibo.com/1/x' })).toEqual([guide]);
  });
});

describe('mblogidToMid', () => {
  test('inverts the stand-in sites\' midToMblogid, inner zero groups included', () => {
    for (const mid of ['5012345678901234', '4918437502780581', '3500000000000001', '4000000100000007', '9999999999999999', '1000000']) {
      expect(mblogidToMid(midToMblogid(mid))).toBe(mid);
    }
  });

  test('refuses what cannot be an mblogid', () => {
    expect(() => mblogidToMid('')).toThrow();
    expect(() => mblogidToMid('abc/def')).toThrow();
    // "ZZZZ" is 62^4 - 1 = 14776335: more than the 7 digits a group holds.
    expect(() => mblogidToMid('1ZZZZ')).toThrow();
  });
});

describe('other sites and hostile URLs', () => {
  test('a generic site gets the post itself', () => {
    expect(complaintTargets('generic', { postId: 'p1', postUrl: 'https://art.example/p/1' }))
      .toEqual([{ kind: 'in-post', url: 'https://art.example/p/1' }]);
  });

  test('anything but https is refused', () => {
    for (const postUrl of ['javascript:alert(1)', 'http://art.example/p/1', 'data:text/html,<b>x</b>', 'not a url', '']) {
      expect(complaintTargets('generic', { postId: 'p1', postUrl })).toEqual([]);
      expect(complaintTargets('xiaohongshu', { postId: 'p1', postUrl }).map((t) => t.kind)).toEqual(['ip-center']);
    }
    const all = ['xiaohongshu', 'weibo', 'generic'].flatMap((site) =>
      complaintTargets(site, { postId: '5012345678901234', postUrl: 'https://example.com/p' }));
    for (const t of all) expect(new URL(t.url).protocol).toBe('https:');
  });
});
