// The retry policy for a picture's failures: what the site refused for good is not asked again, a failing
// server or network is, with growing delays, and a timeout (which already cost its whole deadline) once.
import { describe, expect, test } from 'vitest';
import { PictureError, detailOf, httpRefusal, refusalOf, retryDelay } from '../../src/shared/refusal';

const delays = (message: string) => {
  const out: number[] = [];
  for (let attempt = 0; ; attempt++) {
    const d = retryDelay(refusalOf(message), attempt);
    if (d === undefined) return out;
    out.push(d);
  }
};

describe('retries', () => {
  test('403, 404 and 410 are final', () => {
    for (const status of [403, 404, 410]) expect(delays(new PictureError(httpRefusal(status), `HTTP ${status}`).message)).toEqual([]);
  });

  test('5xx and 429 are retried three times, each wait longer than the last', () => {
    for (const status of [500, 502, 503, 429]) {
      const d = delays(new PictureError(httpRefusal(status), `HTTP ${status}`).message);
      expect(d).toHaveLength(3);
      expect(d[1]!).toBeGreaterThan(d[0]!);
      expect(d[2]!).toBeGreaterThan(d[1]!);
    }
  });

  test('a timeout is retried once', () => {
    expect(delays(new PictureError('timed-out', 'no whole picture within 12 s').message)).toHaveLength(1);
  });

  test('refused pictures are not fetched again', () => {
    for (const r of ['too-large', 'blocked-address', 'redirected', 'unreadable'] as const) {
      expect(delays(new PictureError(r, 'x').message), r).toEqual([]);
    }
  });

  test('a failure that is not the picture\'s (no code) is not retried here', () => {
    expect(refusalOf('Could not establish connection. Receiving end does not exist.')).toBeUndefined();
    expect(delays('Could not establish connection.')).toEqual([]);
  });
});

test('the code survives the trip as a message, and the words come back without it', () => {
  const err = new PictureError('too-large', '19999 × 19999 px');
  const relayed = new Error(err.message).message;
  expect(refusalOf(relayed)).toBe('too-large');
  expect(detailOf(relayed)).toBe('19999 × 19999 px');
});
