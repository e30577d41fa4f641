// Stored settings are validated on read: anything malformed falls back to the default, never breaks scanning.
import { expect, test } from 'vitest';
import { DEFAULTS, parseSettings } from '../../src/shared/settings-schema';

test('defaults when nothing or garbage is stored', () => {
  expect(parseSettings(undefined)).toEqual(DEFAULTS);
  expect(parseSettings('x')).toEqual(DEFAULTS);
  expect(parseSettings({ 'site:weibo': 'no', genericOrigins: [1, 2] })).toEqual(DEFAULTS);
});

test('valid stored differences override the defaults', () => {
  const s = parseSettings({ 'site:weibo': false, genericOrigins: ['https://art.example.test'], unknown: 1 });
  expect(s['site:weibo']).toBe(false);
  expect(s['site:xiaohongshu']).toBe(true);
  expect(s.genericOrigins).toEqual(['https://art.example.test']);
  expect('unknown' in s).toBe(false);
});
