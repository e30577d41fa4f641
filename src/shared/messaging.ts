// Typed send/handle over runtime messaging. The receiver classifies the sender from browser-stamped fields
// (sender.id, sender.url, sender.tab) and refuses content-script calls outside CONTENT_ALLOWED.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  CONTENT_ALLOWED, DESTINATION,
  type Contract, type Destination, type Envelope, type MessageType, type Reply, type Req, type Res, type SenderKind, type TypesFor,
} from './messages';

export class MessageError extends Error {}

function unwrap<T>(reply: Reply<T> | undefined, type: string): T {
  if (!reply) throw new MessageError(`no handler answered ${type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

/** Sends a message to the background (from content scripts and extension pages). */
export async function send<T extends TypesFor<'background'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  const envelope: Envelope<T> = { type, to: DESTINATION[type], payload };
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

export type Handlers<To extends Destination> = {
  [T in TypesFor<To>]: (payload: Req<T>, sender: Runtime.MessageSender) => Promise<Res<T>> | Res<T>;
};

function isEnvelope(m: unknown): m is Envelope {
  return typeof m === 'object' && m !== null && typeof (m as Envelope).type === 'string' && 'to' in m;
}

/** Runs one handler with the sender check; errors become data so the caller sees them. */
export async function dispatch<To extends Destination>(
  handlers: Handlers<To>, type: MessageType, payload: unknown, kind: SenderKind,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  if (kind === 'content' && !CONTENT_ALLOWED.has(type)) return { ok: false, error: `${type} is not allowed from a page` };
  const handler = (handlers as Record<string, ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined>)[type];
  if (!handler) return { ok: false, error: `unknown message ${type}` };
  try {
    return { ok: true, value: await handler(payload, sender) };
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
