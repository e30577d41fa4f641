// What a decode worker keeps for the second stage is bounded by count and by bytes, oldest out first.
import { describe, expect, test } from 'vitest';
import { Kept } from '../../src/model-host/kept';

describe('Kept', () => {
  const bytes = (n: number) => new Uint8Array(n);

  test('keeps at most its count, dropping the oldest; a key set again becomes the newest', () => {
    const k = new Kept<Uint8Array>(3, 1e9, (v) => v.byteLength);
    for (const key of ['a', 'b', 'c']) k.set(key, bytes(10));
    k.set('a', bytes(10));
    k.set('d', bytes(10));
    expect(['a', 'b', 'c', 'd'].map((x) => k.get(x) !== undefined)).toEqual([true, false, true, true]);
    expect(k.bytes).toBe(30);
  });

  test('keeps at most its bytes, and never one item larger than the bound', () => {
    const k = new Kept<Uint8Array>(100, 1000, (v) => v.byteLength);
    k.set('a', bytes(400));
    k.set('b', bytes(400));
    k.set('c', bytes(400));
    expect([k.get('a'), k.get('b'), k.get('c')].map((v) => v !== undefined)).toEqual([false, true, true]);
    expect(k.bytes).toBe(800);
    k.set('huge', bytes(5000));
    expect(k.get('huge')).toBeUndefined();
    expect(k.count).toBe(2);
    k.delete('b');
    expect(k.bytes).toBe(400);
  });
});
