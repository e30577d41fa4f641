// The one typed message contract. Each entry names who handles it, who may send it, its request and response.
// `send` and `handle` are typed from this table, so a message without a handler is a compile error.
import type { BenchReport, BenchRequest, ImageVerdict, Percentiles, PostInfo, ScanRequest, TabReport, WireSignals, WorkSummary } from './types';

/** Who may send a message, as classified by the receiver from browser-stamped sender fields. */
export type SenderKind = 'content' | 'extension';

interface Def<Req, Res, To extends 'background' | 'model-host', From extends SenderKind> {
  req: Req;
  res: Res;
  to: To;
  from: From;
}

export interface Contract {
  /** A content script asks for the verdict on one candidate image of a post. */
  'scan/image': Def<ScanRequest, ImageVerdict, 'background', 'content'>;
  /** From a badge: "Not my work" suppresses this picture everywhere. */
  'feedback/not-mine': Def<{ imageKey: string }, { ok: true }, 'background', 'content'>;
  /** From a badge: "Authorised account" allow-lists the post's author on this site. */
  'feedback/authorise': Def<{ site: string; post: PostInfo }, { ok: true }, 'background', 'content'>;
  'tab/report': Def<{ tabId: number }, TabReport, 'background', 'extension'>;
  'gallery/add': Def<{ name: string; dataUrl: string; thumbnail: string }, WorkSummary, 'background', 'extension'>;
  'gallery/list': Def<Record<string, never>, WorkSummary[], 'background', 'extension'>;
  'gallery/delete': Def<{ id: string }, { deleted: boolean }, 'background', 'extension'>;
  /** The model host fetches `url` itself (bytes do not cross runtime messaging) and computes its signals. */
  'model/signals': Def<{ url: string; role: 'query' | 'gallery' }, WireSignals, 'model-host', 'extension'>;
  /** Timings for npm run bench:perf, measured in the model host. */
  'model/bench': Def<BenchRequest, BenchReport, 'model-host', 'extension'>;
  /** Matching time at synthetic gallery sizes, for npm run bench:perf, measured where the product matches. */
  'bench/match': Def<{ galleries: number[]; query: WireSignals }, (Percentiles & { vectors: number })[], 'background', 'extension'>;
  'model/ping': Def<Record<string, never>, { backend: string; numTensors: number; readyMs: number; heapMB: number; log: string[] }, 'model-host', 'extension'>;
}

export type MessageType = keyof Contract;
export type Req<T extends MessageType> = Contract[T]['req'];
export type Res<T extends MessageType> = Contract[T]['res'];
export type TypesFor<To extends 'background' | 'model-host'> = {
  [T in MessageType]: Contract[T]['to'] extends To ? T : never;
}[MessageType];

/** What travels: the payload plus its type and destination. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  to: Contract[T]['to'];
  payload: Req<T>;
}

/** Responses carry errors as data so the caller sees the real message, not "port closed". */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Message types a content script may send; everything else from a page is refused. */
export const CONTENT_ALLOWED: ReadonlySet<MessageType> = new Set<MessageType>(['scan/image', 'feedback/not-mine', 'feedback/authorise']);

/** Which handler context each type is for; used to stamp `to` on the envelope. */
export const DESTINATION: { [T in MessageType]: Contract[T]['to'] } = {
  'scan/image': 'background',
  'feedback/not-mine': 'background',
  'feedback/authorise': 'background',
  'tab/report': 'background',
  'gallery/add': 'background',
  'gallery/list': 'background',
  'gallery/delete': 'background',
  'model/signals': 'model-host',
  'model/bench': 'model-host',
  'model/ping': 'model-host',
  'bench/match': 'background',
};
