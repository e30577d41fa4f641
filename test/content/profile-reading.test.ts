// What profile import reads off the sites' pages without a browser: publication days as the platforms print
// them, and a Xiaohongshu note page's server state (the stand-in's page, which copies the real one's quirks).
import { describe, expect, test } from 'vitest';
import { chinaDay, weiboDay } from '../../src/content/dates';
import { noteState } from '../../src/content/adapters/xiaohongshu';
import { DisplaySigner } from '../../src/dev/stand-ins/sites/xiaohongshu/cdn';
import { notePage } from '../../src/dev/stand-ins/sites/xiaohongshu/note';
import { noteFromPost, noteJson } from '../../src/dev/stand-ins/sites/xiaohongshu/notes';

describe('publication days', () => {
  test('an instant is dated by its day in China, whatever the zone the browser is in', () => {
    expect(chinaDay(Date.UTC(2024, 2, 1, 15, 59))).toBe('2024-03-01');
    expect(chinaDay(Date.UTC(2024, 2, 1, 16, 0))).toBe('2024-03-02');
    expect(chinaDay(0)).toBeUndefined();
  });

  test('Weibo: the full time in the link title first, then the shorter forms of its text', () => {
    const now = Date.UTC(2025, 8, 2, 4); // 2025-09-02 12:00 in China
    expect(weiboDay(['2024-09-02 15:30', '24-9-2'], now)).toBe('2024-09-02');
    expect(weiboDay([undefined, '24-9-2'], now)).toBe('2024-09-02');
    expect(weiboDay(['', '3-7 08:15'], now)).toBe('2025-03-07');
    expect(weiboDay(['今天 09:12'], now)).toBe('2025-09-02');
    expect(weiboDay(['5分钟前'], now)).toBe('2025-09-02');
    expect(weiboDay(['昨天 23:10'], now)).toBe('2025-09-01');
    // Not a day: nothing rather than a wrong date.
    expect(weiboDay(['2024-02-31 10:00', '转发'], now)).toBeUndefined();
  });
});

describe('a Xiaohongshu note page', () => {
  const picture = { width: 720, height: 960 };
  const bytes = { data: Buffer.alloc(0), mime: 'image/jpeg' };
  const note = noteFromPost({ title: 'undefined 的秋天', images: [bytes, bytes], publishedAt: new Date(Date.UTC(2024, 9, 5, 17)) }, 0, [picture, picture]);
  const html = notePage(noteJson(note, new DisplaySigner()));

  test('its state names the note\'s publication time and every picture, despite its bare undefined values', () => {
    expect(html).toMatch(/:undefined/);
    const s = noteState(html, note.noteId);
    expect(s).toEqual({ title: 'undefined 的秋天', time: note.created.getTime(), tokens: note.images.map((i) => i.token) });
    expect(chinaDay(s!.time!)).toBe('2024-10-06');
  });

  test('another note, or a page without state, gives nothing', () => {
    expect(noteState(html, 'f'.repeat(24))).toBeNull();
    expect(noteState('<html><body>当前笔记暂时无法浏览</body></html>', note.noteId)).toBeNull();
  });
});
