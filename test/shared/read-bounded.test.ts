// A body that never ends, or that lies about its length, is cut at the limit; an honest one comes whole.
import { describe, expect, test } from 'vitest';
import { readBounded } from '../../src/shared/read-bounded';

const tooLarge = () => new Error('too large');

describe('readBounded', () => {
  test('stops an endless body at the limit instead of reading on', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(c) { pulled++; c.enqueue(new Uint8Array(64 * 1024)); } });
    await expect(readBounded(new Response(endless, { headers: { 'content-length': '10' } }), 1024 * 1024, tooLarge)).rejects.toThrow('too large');
    // 1 MB in 64 kB chunks: the 17th chunk passes the limit; the stream is not drained beyond a few more.
    expect(pulled).toBeLessThan(24);
  });
  test('returns an honest body byte for byte', async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => i % 251);
    expect(await readBounded(new Response(bytes), 1024 * 1024, tooLarge)).toEqual(bytes);
  });
});
