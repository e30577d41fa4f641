// Every UI string exists in both languages, with the same placeholders, and every key the code asks for exists.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { transformKey } from '../../src/shared/words';
import { DIHEDRAL_NAMES } from '../../src/engine/hash';

/** Every transform a verdict can name: the hash's (dihedral and inverted) and the second stage's and regions'. */
const TRANSFORMS = [...DIHEDRAL_NAMES.filter((d) => d !== 'identity'), 'inverted', 'inverted-mirror-x', 'cropped', 'framed', 'rotated', 'collage', 'screen-photo', 'stickers', 'watermark'];

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (loc: string) => JSON.parse(readFileSync(`assets/_locales/${loc}/messages.json`, 'utf8')) as Messages;
const en = load('en');
const zh = load('zh_CN');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('locales', () => {
  test('zh_CN and en hold the same keys and placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect(Object.keys(zh[k]!.placeholders ?? {}), k).toEqual(Object.keys(en[k]!.placeholders ?? {}));
  });

  test('keys are valid message names (Chrome refuses to load the extension otherwise)', () => {
    for (const k of Object.keys(en)) expect(k).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  test('every literal key the code asks for exists', () => {
    const code = sources('src').join('\n');
    const keys = [...code.matchAll(/\bt\('([a-z_]+)'/g), ...code.matchAll(/getMessage\('([a-z_]+)'/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(20);
    for (const k of new Set(keys)) expect(en[k], k).toBeDefined();
    // Keys built from a verdict or site name.
    for (const kind of ['copy', 'edit', 'style', 'ai_labelled']) expect(en[`verdict_${kind}`]).toBeDefined();
    for (const kind of ['copy', 'edit', 'style']) expect(en[`badge_${kind}`]).toBeDefined();
    for (const site of ['xiaohongshu', 'weibo']) expect(en[`site_${site}`]).toBeDefined();
    // The words for every transform a verdict can name (shared/words.ts), each its own.
    for (const transform of TRANSFORMS) expect(en[transformKey(transform)], transform).toBeDefined();
    expect(new Set(['inverted', 'inverted-mirror-x', 'stickers'].map(transformKey)).size).toBe(3);
  });

  test('the Chinese strings are Chinese', () => {
    for (const k of Object.keys(zh).filter((k) => k !== 'extName')) expect(zh[k]!.message, k).toMatch(/[\u4e00-\u9fff]/);
  });
});
