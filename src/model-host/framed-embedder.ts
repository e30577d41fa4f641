// Chrome's offscreen document runs the model in a sandboxed frame (sandbox.ts), which Chromium keeps in a renderer
// process of its own: an out-of-memory kill there costs the model, not the extension (issue 14). This side keeps
// every call until it is answered; when the frame's heartbeat stops it drops the frame, makes a new one and asks
// the new one again, so the background sees a slow reply, never a lost one. The frame also decodes the pictures
// (framed-pictures.ts), so a call may carry a picture's bytes: they stay here until the call is answered.
import type { Embedder } from '../ml/embedder';
import { CONNECT, MODEL_FRAME_PAGE, parseReply, type FrameCall, type FrameOp, type FrameRequest, type FrameValue, type FrameValues } from './frame-protocol';

/**
 * Silence after which a connected frame is taken for dead: its worker beats every 250 ms, so this is a dozen
 * missed beats, room for a starved thread on a busy 2-core machine. A live frame taken for dead only costs a reload.
 */
const SILENT_MS = 3_000;
/** A new frame must load its script and connect within this (the model itself loads after, during the beats). */
const START_MS = 15_000;
const CHECK_MS = 250;
/**
 * Frames a call may see die before it fails: a picture that kills the model every time (a hostile one, say) must
 * not kill it for ever. The background's retry policy then decides (shared/refusal.ts).
 */
const MAX_LOSSES = 3;

/** `sent`: posted to the current frame (only those can have killed it). */
interface Call { req: FrameRequest; losses: number; sent: boolean; resolve: (v: FrameValue) => void; reject: (e: Error) => void }

export interface FrameEvents {
  /** A frame was dropped as dead and another started, with these calls (their ops) still to answer. */
  onRestart?(pending: FrameOp[]): void;
}

export class ModelFrame {
  private iframe: HTMLIFrameElement | undefined;
  private calls: MessagePort | undefined;
  private beats: MessagePort | undefined;
  /** When the current frame last showed life, or was started. */
  private alive = 0;
  private connected = false;
  /**
   * After a frame died, the calls it held go to the next one a single call at a time until none is left: one
   * picture that kills its process then takes only itself down (its losses count up to MAX_LOSSES), not the five
   * neighbours it happened to be sent with.
   */
  private careful = false;
  private readonly pending = new Map<number, Call>();
  private nextId = 1;
  private watch: ReturnType<typeof setInterval> | undefined;
  numTensors = 0;

  constructor(private readonly events: FrameEvents) {}

  call<C extends FrameCall>(call: C): Promise<FrameValues[C['op']]> {
    const req = { ...call, id: this.nextId++ } as FrameRequest;
    return new Promise((resolve, reject) => {
      const c: Call = { req, losses: 0, sent: false, resolve: resolve as (v: FrameValue) => void, reject };
      this.pending.set(req.id, c);
      if (!this.iframe) this.start();
      else if (this.connected && !this.careful) this.send(c);
      this.watch ??= setInterval(() => this.check(), CHECK_MS);
    });
  }

  // Cloned, not transferred: the pixels or bytes must survive to be sent again if this frame dies before answering.
  private send(c: Call): void {
    c.sent = true;
    this.calls?.postMessage(c.req);
  }

  /** Careful mode: the oldest unsent call goes once nothing is in flight; with nothing left, back to normal. */
  private pump(): void {
    if (!this.careful || !this.connected) return;
    const calls = [...this.pending.values()];
    if (calls.some((c) => c.sent)) return;
    if (!calls.length) this.careful = false;
    else this.send(calls[0]!);
  }

  private start(): void {
    const iframe = document.createElement('iframe');
    this.iframe = iframe;
    this.connected = false;
    this.alive = performance.now();
    iframe.addEventListener('load', () => {
      if (this.iframe !== iframe || !iframe.contentWindow) return;
      const calls = new MessageChannel();
      const beats = new MessageChannel();
      calls.port1.onmessage = (e: MessageEvent) => this.reply(e.data);
      beats.port1.onmessage = () => { this.alive = performance.now(); };
      this.calls = calls.port1;
      this.beats = beats.port1;
      this.connected = true;
      this.alive = performance.now();
      // A sandboxed frame's origin is opaque, so '*' is the only target that reaches it; what goes is two fresh
      // ports, and the frame itself accepts them only from its parent.
      iframe.contentWindow.postMessage(CONNECT, '*', [calls.port2, beats.port2]);
      if (this.careful) this.pump();
      else for (const c of this.pending.values()) this.send(c);
    }, { once: true });
    iframe.src = chrome.runtime.getURL(MODEL_FRAME_PAGE);
    document.body.append(iframe);
  }

  private reply(data: unknown): void {
    this.alive = performance.now();
    const id = (data as { id?: unknown } | null)?.id;
    const call = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!call) return;
    const reply = parseReply(data, call.req);
    this.pending.delete(call.req.id);
    if (!reply) call.reject(new Error('the model frame sent a malformed reply'));
    else if (!reply.ok) call.reject(new Error(reply.error));
    else {
      this.numTensors = reply.numTensors;
      call.resolve(reply.value);
    }
    this.pump();
    this.idle();
  }

  private check(): void {
    if (!this.pending.size) return this.idle();
    const silent = performance.now() - this.alive;
    if (silent > (this.connected ? SILENT_MS : START_MS)) this.restart();
  }

  private restart(): void {
    this.calls?.close();
    this.beats?.close();
    this.iframe?.remove();
    this.calls = this.beats = undefined;
    for (const c of this.pending.values()) {
      // A frame that never connected failed every call alike (a broken start must not retry for ever).
      if (!c.sent && this.connected) continue;
      c.sent = false;
      if (++c.losses < MAX_LOSSES) continue;
      this.pending.delete(c.req.id);
      c.reject(new Error(`the model's process died ${c.losses} times on this call`));
    }
    this.careful = this.pending.size > 0;
    this.events.onRestart?.([...this.pending.values()].map((c) => c.req.op));
    this.start();
  }

  /** Nothing to wait for: no timer runs while the model is idle (the frame stays, with its model loaded). */
  private idle(): void {
    if (this.pending.size || !this.watch) return;
    clearInterval(this.watch);
    this.watch = undefined;
  }
}

/** An Embedder whose model runs in the frame; `backend` comes from the frame's first answer. */
export async function createFramedEmbedder(frame: ModelFrame): Promise<Embedder> {
  const { backend } = await frame.call({ op: 'init', images: [] });
  return {
    backend,
    embed: async (images) => (images.length ? frame.call({ op: 'embed', images }) : []),
    signals: async (images) => (images.length ? frame.call({ op: 'signals', images }) : []),
    numTensors: () => frame.numTensors,
    modelHeapBytes: async () => (await frame.call({ op: 'heap', images: [] })).heapBytes,
  };
}
