// The offscreen document's side of the model frame (framed-embedder.ts) against a stand-in frame that dies the way
// Chromium's does when one picture kills its process: no more replies, no more heartbeats. The frame's own code
// runs in the browser tests (decode-isolation, process-crash); what is checked here is the bookkeeping of calls
// across deaths, which those tests cannot steer: one picture that kills every frame it reaches must fail alone.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONNECT } from '../../src/model-host/frame-protocol';
import { ModelFrame } from '../../src/model-host/framed-embedder';

/** First byte of a picture that kills the frame decoding it. */
const POISON = 0xff;

interface StandIn { received: number[]; dead: boolean }

/** A fake DOM: each iframe appended is a frame that answers `raster` calls and beats, until a poison arrives. */
function standInFrames(): StandIn[] {
  const frames: StandIn[] = [];
  const g = globalThis as Record<string, unknown>;
  g.chrome = { runtime: { getURL: (p: string) => `chrome-extension://test/${p}` } };
  g.document = {
    body: { append: () => {} },
    createElement: () => {
      const me: StandIn = { received: [], dead: false };
      frames.push(me);
      let onload: (() => void) | undefined;
      let beat: ReturnType<typeof setInterval> | undefined;
      const iframe = {
        addEventListener: (_: string, f: () => void) => { onload = f; },
        remove: () => { me.dead = true; clearInterval(beat); },
        set src(_: string) { setTimeout(() => onload?.(), 5); },
        contentWindow: {
          postMessage: (msg: unknown, _: string, [calls, beats]: MessagePort[]) => {
            if (msg !== CONNECT) return;
            beat = setInterval(() => { if (!me.dead) beats!.postMessage(0); }, 100);
            calls!.onmessage = (e: MessageEvent) => {
              const req = e.data as { id: number; bytes: Uint8Array };
              if (me.dead) return;
              me.received.push(req.id);
              if (req.bytes[0] === POISON) { me.dead = true; clearInterval(beat); return; }
              // A decode takes a while, so the other pictures sent with a poison are still being decoded when it kills.
              setTimeout(() => {
                if (!me.dead) calls!.postMessage({ id: req.id, ok: true, numTensors: 0, value: { data: new Uint8ClampedArray(4), width: 1, height: 1, channels: 4 } });
              }, 200);
            };
          },
        },
      };
      return iframe;
    },
  };
  return frames;
}

describe('model frame: calls across frame deaths', () => {
  let frames: StandIn[];
  beforeEach(() => { frames = standInFrames(); });
  afterEach(() => {
    for (const f of frames) f.dead = true;
    delete (globalThis as Record<string, unknown>).document;
    delete (globalThis as Record<string, unknown>).chrome;
  });

  test('a picture that kills every frame fails alone; the pictures sent with it are answered', async () => {
    const frame = new ModelFrame({});
    const call = (first: number) => frame.call({ op: 'raster', bytes: Uint8Array.of(first, 1, 2), decoder: 'auto' });
    const good = [1, 2, 3, 4, 5].map((i) => call(i));
    const poison = call(POISON).then(() => 'answered', (e: Error) => e.message);
    const results = await Promise.all(good);
    expect(results.map((r) => r.width)).toEqual([1, 1, 1, 1, 1]);
    expect(await poison).toMatch(/died 3 times/);
    // The first frame had all six; after its death the calls went one at a time, so the poison (id 6) alone
    // reached the later frames it killed, and each neighbour was sent again at most once.
    expect(frames[0]!.received).toEqual([1, 2, 3, 4, 5, 6]);
    const later = frames.slice(1).flatMap((f) => f.received);
    for (const id of [1, 2, 3, 4, 5]) expect(later.filter((x) => x === id).length).toBeLessThanOrEqual(1);
    expect(later.filter((x) => x === 6).length).toBe(2);
  }, 40_000);

  test('a call made while the calls of a dead frame are re-sent waits its turn and is answered', async () => {
    const frame = new ModelFrame({});
    const call = (first: number) => frame.call({ op: 'raster', bytes: Uint8Array.of(first), decoder: 'auto' });
    const first = [call(POISON).catch((e: Error) => e.message), call(1)];
    // Once the first frame is dead and a second one is up, another picture arrives.
    while (frames.length < 2) await new Promise((r) => setTimeout(r, 50));
    const late = await call(2);
    expect(late.width).toBe(1);
    expect(await first[0]).toMatch(/died 3 times/);
    expect((await first[1]) as { width: number }).toMatchObject({ width: 1 });
  }, 40_000);
});
