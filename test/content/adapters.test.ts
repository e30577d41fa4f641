// Adding a site is one adapter file, one registry line and one fixture: this keeps the three in step.
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ADAPTERS } from '../../src/content/adapters';
import { findAiLabel } from '../../src/engine/ai-labels';
import { imageToken } from '../../src/content/adapters/xiaohongshu';
import { DEFAULTS } from '../../src/shared/settings-schema';

const files = readdirSync('src/content/adapters').filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

describe('site adapters', () => {
  test('every adapter file is registered under its file name, and nothing else is', () => {
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual(files.sort());
  });

  test.each(files)('%s has a fixture site and a scanning switch', (id) => {
    expect(existsSync(`src/dev/stand-ins/sites/${id}`)).toBe(true);
    expect(`site:${id}` in DEFAULTS).toBe(true);
  });

  test.each(files)('%s is exercised by a browser test', (id) => {
    const e2e = readdirSync('test/e2e').filter((f) => f !== 'stand-ins.test.ts').map((f) => readFileSync(`test/e2e/${f}`, 'utf8')).join('\n');
    expect(e2e).toContain(`setSite('${id}'`);
  });

  test('the generic adapter is last: specific sites win', () => {
    expect(ADAPTERS.at(-1)?.id).toBe('generic');
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
