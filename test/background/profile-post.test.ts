// A profile post comes from a page (a content script), so the background checks it before fetching anything:
// the site's own post URLs, the profile owner's posts only, the site's own picture CDN, over https.
import { describe, expect, test } from 'vitest';
import { checkPost, MAX_PICTURES } from '../../src/background/profile-post';
import { weibo, xiaohongshu } from '../../src/sites';

const UID = '1234567890';
const post = (over: Record<string, unknown> = {}) => ({
  postId: 'Mzab12', postUrl: `https://weibo.com/${UID}/Mzab12`, title: '新作', publishedOn: '2024-03-01',
  pictures: ['https://wx1.sinaimg.cn/mw2000/abcdefghijklmnopqrstu.jpg'], ...over,
});

describe('a profile post sent by a page', () => {
  test('a post of the owner with pictures on the site\'s CDN is taken as it is', () => {
    expect(checkPost(post(), weibo, UID)).toEqual(post());
  });

  test('another account\'s post, another site\'s URL or no URL is refused', () => {
    expect(() => checkPost(post({ postUrl: 'https://weibo.com/999/Mzab12' }), weibo, UID)).toThrow('not a post of this profile');
    expect(() => checkPost(post({ postUrl: 'https://evil.example/1234567890/Mzab12' }), weibo, UID)).toThrow('not a post of this site');
    expect(() => checkPost(post({ postUrl: undefined }), weibo, UID)).toThrow('not a post of this site');
    expect(() => checkPost(null, weibo, UID)).toThrow();
  });

  test('pictures off the site\'s CDN or not https are dropped; none left is refused', () => {
    const kept = checkPost(post({
      pictures: ['https://wx1.sinaimg.cn/mw2000/a.jpg', 'http://wx2.sinaimg.cn/mw2000/b.jpg', 'https://127.0.0.1/internal/x', 'https://sinaimg.cn.evil.example/c.jpg', 42],
    }), weibo, UID);
    expect(kept.pictures).toEqual(['https://wx1.sinaimg.cn/mw2000/a.jpg']);
    expect(() => checkPost(post({ pictures: ['https://ci.xiaohongshu.com/token'] }), weibo, UID)).toThrow('no pictures');
    const many = Array.from({ length: 40 }, (_, i) => `https://wx1.sinaimg.cn/mw2000/p${i}.jpg`);
    expect(checkPost(post({ pictures: many }), weibo, UID).pictures).toHaveLength(MAX_PICTURES);
  });

  test('a malformed day is left out; Xiaohongshu notes in any listing form are posts of the profile', () => {
    expect(checkPost(post({ publishedOn: '1 March' }), weibo, UID).publishedOn).toBeUndefined();
    const owner = '5f0123456789abcdef012345';
    const note = 'a'.repeat(24);
    const xhs = (postUrl: string) => checkPost({ postUrl, pictures: [`https://ci.xiaohongshu.com/1040g2sg${'b'.repeat(24)}`] }, xiaohongshu, owner);
    expect(xhs(`https://www.xiaohongshu.com/user/profile/${owner}/${note}?xsec_token=AB1%3D`).postId).toBe(note);
    expect(xhs(`https://www.xiaohongshu.com/explore/${note}?xsec_token=AB1%3D`).postId).toBe(note);
    expect(() => xhs(`https://www.xiaohongshu.com/user/profile/5f${'9'.repeat(22)}/${note}`)).toThrow('not a post of this profile');
  });
});
