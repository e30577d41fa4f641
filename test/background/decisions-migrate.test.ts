import { describe, expect, it } from 'vitest';
import { migrateLegacy } from '../../src/background/decisions-migrate';

describe('decisions: the pre-undo shape (two lists of keys) migrates without losing a decision', () => {
  it('keeps every dismissed picture and authorised account, with ids for undo', () => {
    const out = migrateLegacy({ images: ['xhs:abc', 'weibo:p1'], accounts: ['xiaohongshu|https://www.xiaohongshu.com/user/profile/u1', 7] }, 5);
    expect(out.map((d) => [d.kind, d.key, d.site])).toEqual([
      ['not-mine', 'xhs:abc', 'xhs'],
      ['not-mine', 'weibo:p1', 'weibo'],
      ['authorised', 'xiaohongshu|https://www.xiaohongshu.com/user/profile/u1', 'xiaohongshu'],
    ]);
    expect(new Set(out.map((d) => d.id)).size).toBe(3);
    expect(out.every((d) => d.at === 5)).toBe(true);
  });
  it('an absent or malformed legacy value migrates to nothing', () => {
    expect(migrateLegacy(undefined, 1)).toEqual([]);
    expect(migrateLegacy({ images: 'x' }, 1)).toEqual([]);
  });
});
