// Typed send/handle over runtime messaging. The receiver classifies the sender from browser-stamped fields
// (sender.id, sender.url, sender.tab), refuses content-script calls to messages the contract keeps for the
// extension, and parses every payload by the contract before its handler sees it.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  specOf,
  type BenchType, type Contract, type Destination, type Envelope, type MessageType, type Reply, type Req, type Res, type SenderKind, type TypesFor,
} from './messages';

export class MessageError extends Error {}

function unwrap<T>(reply: Reply<T> | undefined, type: string): T {
  if (!reply) throw new MessageError(`no handler answered ${type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

/** Sends a message to the background (from content scripts and extension pages). */
export async function send<T extends TypesFor<'background'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  const to = specOf(type)?.to;
  if (!to) throw new MessageError(`${type} is not in this build`);
  const envelope = { type, to, payload } as Envelope<T>;
  return unwrap((await browser.runtime.sendMessage(envelope)) as Reply<Res<T>> | undefined, type);
}

/** Sends a message to the model host over runtime messaging (Chrome: the offscreen document). */
export async function sendToModelHost<T extends TypesFor<'model-host'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  const envelope: Envelope<T> = { type, to: 'model-host', payload };
  return unwrap((await browser.runtime.sendMessage(envelope)) as Reply<Res<T>> | undefined, type);
}

/** Sends a message to the content scripts of one tab (every frame); resolves undefined when none listens. */
export async function sendToTab<T extends TypesFor<'content'>>(tabId: number, type: T, payload: Req<T>): Promise<Res<T> | undefined> {
  const envelope: Envelope<T> = { type, to: 'content', payload };
  try {
    return unwrap((await browser.tabs.sendMessage(tabId, envelope)) as Reply<Res<T>> | undefined, type);
  } catch (err) {
    // No content script in that tab (closed, navigated to a page Inkseal does not run on).
    if (/Receiving end|Could not establish|no handler/i.test(String(err))) return undefined;
    throw err;
  }
}

export function classifySender(sender: Runtime.MessageSender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  // Extension pages, the offscreen document and the worker all have URLs on our own origin.
  if (sender.url?.startsWith(browser.runtime.getURL(''))) return 'extension';
  return sender.tab ? 'content' : null;
}

type Handler<T extends MessageType> = (payload: Req<T>, sender: Runtime.MessageSender) => Promise<Res<T>> | Res<T>;

/** One handler per message of a context; the benchmark ones only where they are built in (build-flags.d.ts). */
export type Handlers<To extends Destination> = { [T in Exclude<TypesFor<To>, BenchType>]: Handler<T> } & {
  [T in Extract<TypesFor<To>, BenchType>]?: Handler<T>;
};

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && typeof (m as Envelope).type === 'string' && 'to' in m;
}

/**
 * Runs one handler after the sender check and the payload's parser; the handler gets the parsed copy, never
 * what arrived. Errors, the parser's included, become data so the caller sees them.
 */
export async function dispatch<To extends Destination>(
  handlers: Handlers<To>, type: unknown, payload: unknown, kind: SenderKind,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  const spec = specOf(type);
  const name = String(type).slice(0, 100);
  if (!spec) return { ok: false, error: `unknown message ${name}` };
  if (kind === 'content' && spec.from !== 'content') return { ok: false, error: `${name} is not allowed from a page` };
  const handler = Object.hasOwn(handlers, name)
    ? (handlers as Record<string, ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined>)[name]
    : undefined;
  if (!handler) return { ok: false, error: `unknown message ${name}` };
  let parsed: unknown;
  try {
    parsed = spec.parse(payload, '');
  } catch (err) {
    return { ok: false, error: `malformed ${name}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return { ok: true, value: await handler(parsed, sender) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Registers the router of one context. Messages addressed elsewhere are left for their own context. */
export function handle<To extends Destination>(to: To, handlers: Handlers<To>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message) || message.to !== to) return undefined;
    const kind = classifySender(sender);
    if (!kind) return Promise.resolve({ ok: false, error: 'unknown sender' } satisfies Reply<never>);
    return dispatch(handlers, message.type, message.payload, kind, sender);
  });
}

export type { Contract };
