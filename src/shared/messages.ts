// The one typed message contract. Each entry names who handles it, who may send it, its request and response.
// `send` and `handle` are typed from this table, so a message without a handler is a compile error; CONTRACT
// below gives each its payload parser and who may send it.
import type {
  BenchReport, BenchRequest, CaseRecord, CaseStatus, Decision, EvidenceRecord, FindingView, ImageVerdict, PanelData, MatchTimes,
  ProfilePost, ProfilePostResult, ReportData, RestoreResult, ScanRequest, SourceView, TabReport, WireSignals, WorkFacts, WorkSummary,
} from './types';
import type { BackupWork } from '../gallery/backup';
import type { ImportProgress } from '../gallery/import-queue';
import type { WorkDetails } from './db';
import type { VerifiedMapping } from '../engine/second-stage';
import { bool, id, int, list, none, object, oneOf, optional, text, type Fields, type Parser } from './parse';
import * as P from './payloads';

/** Who may send a message, as classified by the receiver from browser-stamped sender fields. */
export type SenderKind = 'content' | 'extension';

interface Def<Req, Res, To extends 'background' | 'model-host' | 'content', From extends SenderKind> {
  req: Req;
  res: Res;
  to: To;
  from: From;
}

export interface Contract {
  /** A content script asks for the verdict on one candidate image of a post. */
  'scan/image': Def<ScanRequest, ImageVerdict, 'background', 'content'>;
  /**
   * A badge was clicked: the background issues a one-time token for the panel frame, so a page cannot embed the
   * panel for a finding of its choosing. The page's DOM only ever holds ids.
   */
  'panel/open': Def<{ site: string; imageKey: string; postId: string }, { token: string }, 'background', 'content'>;
  /** The toast's Undo in the page. */
  'decision/undo-from-page': Def<{ id: string }, { ok: true }, 'background', 'content'>;
  /** The panel frame reads its finding (work name and thumbnail stay inside extension frames). */
  'panel/get': Def<{ token: string }, PanelData, 'background', 'extension'>;
  /** The panel or toast frame asks its tab to close it (Esc, Close, after an action). */
  'panel/close': Def<{ which: 'panel' | 'toast' }, { ok: true }, 'background', 'extension'>;
  /** The panel frame's content height, so its host fits it (the page cannot measure a cross-origin frame). */
  'panel/size': Def<{ height: number }, { ok: true }, 'background', 'extension'>;
  /** "Not my work" / "This account is authorised", from the panel, popup or Findings page; returns the decision for Undo. */
  'decision/make': Def<{ findingId: string; kind: Decision['kind'] }, Decision, 'background', 'extension'>;
  'decision/undo': Def<{ id: string }, { ok: true }, 'background', 'extension'>;
  'decision/list': Def<Record<string, never>, Decision[], 'background', 'extension'>;
  'tab/report': Def<{ tabId: number }, TabReport, 'background', 'extension'>;
  /** Every lasting finding, newest first, with status, case and the work's thumbnail. */
  'findings/list': Def<Record<string, never>, FindingView[], 'background', 'extension'>;
  'findings/delete': Def<{ ids: string[] }, { deleted: number }, 'background', 'extension'>;
  /**
   * Report pressed: capture the evidence (the post's tab screenshot when `tabId` is given and the browser allows,
   * the post picture's bytes and hash, the stored work's hash) and open the report page. Returns its URL.
   */
  'report/start': Def<{ findingId: string; tabId?: number }, { url: string }, 'background', 'extension'>;
  'report/get': Def<{ findingId: string }, ReportData, 'background', 'extension'>;
  /** Screenshot again (after the artist granted the permission on the report page). */
  'report/screenshot': Def<{ findingId: string }, EvidenceRecord, 'background', 'extension'>;
  'case/log': Def<{ findingId: string; status: CaseStatus; notes?: string; workFacts?: WorkFacts }, CaseRecord, 'background', 'extension'>;
  'case/update': Def<{ id: string; status?: CaseStatus; notes?: string }, CaseRecord, 'background', 'extension'>;
  /**
   * The import a gallery page shows (the one it follows, else the one under way, else an unseen summary), and the
   * works it added from the `since`-th on. Also resumes the background's import runner: the page staged files
   * in IndexedDB (gallery/import-stage.ts), or a worker restart cut the import short.
   */
  'gallery/import-progress': Def<{ job?: string; since?: number }, { progress: ImportProgress | null; works: WorkSummary[] }, 'background', 'extension'>;
  /** Stops an import after the work under way; its staged files are discarded. */
  'gallery/import-cancel': Def<{ job: string }, { ok: true }, 'background', 'extension'>;
  /** Works parsed from a backup (checked in the page), stored unless already here; see gallery-restore.ts. */
  'gallery/restore': Def<{ works: BackupWork[] }, RestoreResult, 'background', 'extension'>;
  'gallery/list': Def<Record<string, never>, WorkSummary[], 'background', 'extension'>;
  /**
   * The newest `count` works and how many there are: what the Gallery page draws first. The whole list of a large
   * gallery takes most of a second to cross from the background (2.6 MB at 10,000 works); the page asks for it next.
   * `pictures`: the thumbnails of that many of the newest come along (the first screen's, saving a round trip).
   */
  'gallery/first-page': Def<{ count: number; pictures: number }, { works: WorkSummary[]; total: number; thumbnails: Record<string, string> }, 'background', 'extension'>;
  /** How many works the gallery holds (the popup and welcome page need no more). */
  'gallery/count': Def<Record<string, never>, { works: number }, 'background', 'extension'>;
  /** Deletes works, undoably for a while (`gallery/undelete`). */
  'gallery/delete': Def<{ ids: string[] }, { deleted: number }, 'background', 'extension'>;
  'gallery/undelete': Def<{ ids: string[] }, { restored: number }, 'background', 'extension'>;
  /** The artist's edit of a work's details; every detail field is replaced. */
  'gallery/update': Def<{ id: string; details: WorkDetails }, WorkSummary, 'background', 'extension'>;
  /** Thumbnails by work id, for the tiles a page shows (at most 500 at once). */
  'gallery/thumbnails': Def<{ ids: string[] }, Record<string, string>, 'background', 'extension'>;
  /** Synced sources: list, add (its first sync starts at once), pause, remove (with or without its works), sync now. */
  'sources/list': Def<Record<string, never>, SourceView[], 'background', 'extension'>;
  'sources/add': Def<{ url: string }, SourceView, 'background', 'extension'>;
  'sources/pause': Def<{ id: string; paused: boolean }, { ok: true }, 'background', 'extension'>;
  'sources/remove': Def<{ id: string; removeWorks: boolean }, { removedWorks: number }, 'background', 'extension'>;
  'sources/sync': Def<{ id?: string }, { ok: true }, 'background', 'extension'>;
  /**
   * "Import my works from this page", pressed in the popup for the tab `tabId` showing the artist's own profile:
   * the background checks it is an importable profile page and tells the tab's content script to start, with a
   * token that authorises the content script's imports for that tab only.
   */
  'profile/start': Def<{ tabId: number }, { ok: true }, 'background', 'extension'>;
  /**
   * The content script found one post of the profile: its pictures are imported one by one (a file already in
   * the gallery is a duplicate). Answered when every picture is done.
   */
  'profile/import-post': Def<{ token: string; post: ProfilePost }, ProfilePostResult, 'background', 'content'>;
  /** The model host fetches `url` itself (bytes do not cross runtime messaging) and computes its signals. */
  'model/signals': Def<{ url: string; role: 'query' | 'gallery' }, WireSignals, 'model-host', 'extension'>;
  /**
   * The second stage (engine/second-stage.ts): the model host matches local keypoints of the picture at `url`
   * against each work's and answers each work's mapping, if one fits. A work goes without its picture (a data URL
   * from the gallery) until the host answers it `missing`: the host keeps the keypoints of works it has seen.
   */
  /**
   * `mirror`: also look for the works in the post mirrored left to right (engine/second-stage.ts mirrorLook);
   * `tile`: the index of the post's collage tile the fast signals matched, to read closer (matchedTile);
   * `screen`: the post's regions hold a photographed screen, to lay the works over (screenShown).
   */
  'model/verify': Def<{ url: string; works: { id: string; url?: string }[]; mirror?: boolean; tile?: number; screen?: boolean }, ({ id: string; mapping: VerifiedMapping | null } | { id: string; missing: true })[], 'model-host', 'extension'>;
  /** Timings for npm run bench:perf, measured in the model host. */
  'model/bench': Def<BenchRequest, BenchReport, 'model-host', 'extension'>;
  /** Matching time at synthetic gallery sizes, for npm run bench:perf, measured where the product matches. */
  'bench/match': Def<{ galleries: number[]; query: WireSignals }, (MatchTimes & { vectors: number })[], 'background', 'extension'>;
  /** The second stage's lane (background/closer-looks.ts), for npm run bench:perf: looks still to come, and taken. */
  'bench/looks': Def<Record<string, never>, {
    pending: number; done: number; changed: number;
    /** The scan queue's delays, ms (scan-queue.ts): queued → started, started → answered, the tabs' bookkeeping. */
    queue: { waits: number[]; scans: number[]; books: number[] };
  }, 'background', 'extension'>;
  /**
   * Matching time against the artist's gallery, for npm run bench:gallery: the first match after a load (which
   * builds the matcher and its style index), then `runs` rounds over the queries. Reads the gallery, changes nothing.
   */
  'bench/match-gallery': Def<{ queries: WireSignals[]; runs: number }, MatchTimes & { works: number; firstMs: number }, 'background', 'extension'>;
  'model/ping': Def<Record<string, never>, { backend: string; numTensors: number; readyMs: number; heapMB: number; log: string[] }, 'model-host', 'extension'>;
  /**
   * To a tab's content script: decisions or cases changed, so flagged badges ask again; `undoable` shows the toast
   * with Undo for a decision just made in this tab. `imageKeys`: a closer look (the second stage) changed these
   * pictures' verdicts, so they ask again too.
   */
  'content/changed': Def<{ undoable?: Decision; imageKeys?: string[] }, { ok: true }, 'content', 'extension'>;
  /** To a tab's content script: close the panel (Esc or Close pressed inside the panel frame). */
  'content/close-panel': Def<{ which: 'panel' | 'toast' }, { ok: true }, 'content', 'extension'>;
  'content/panel-size': Def<{ height: number }, { ok: true }, 'content', 'extension'>;
  /** To a tab's content script: bring a picture into view for the evidence screenshot; false if it is gone. */
  'content/scroll-to': Def<{ imageKey: string }, { found: boolean }, 'content', 'extension'>;
  /** To a profile tab's content script: scroll the profile and import every post (see profile/start). */
  'content/profile-import': Def<{ token: string }, { started: boolean; reason?: 'running' | 'not-a-profile' }, 'content', 'extension'>;
}

export type MessageType = keyof Contract;
export type Req<T extends MessageType> = Contract[T]['req'];
export type Res<T extends MessageType> = Contract[T]['res'];
export type Destination = 'background' | 'model-host' | 'content';
export type TypesFor<To extends Destination> = {
  [T in MessageType]: Contract[T]['to'] extends To ? T : never;
}[MessageType];

/** One message at run time; `from: 'content'` means a content script may send it (extension pages may send any). */
export interface Spec<T extends MessageType> {
  to: Contract[T]['to'];
  from: Contract[T]['from'];
  parse: Parser<Req<T>>;
}

type SpecDef<T extends MessageType> = Pick<Spec<T>, 'to' | 'from'> & ({ fields: Fields<Req<T>> } | { parse: Parser<Req<T>> });

/** Messages for npm run bench:perf only: absent from release builds (see build-flags.d.ts). */
export type BenchType = 'model/bench' | 'bench/match' | 'bench/match-gallery' | 'bench/looks';

/** Every message's spec; the benchmark ones only where they are built in. */
export type Specs = { [T in Exclude<MessageType, BenchType>]: Spec<T> } & { [T in BenchType]?: Spec<T> };

/** What travels: the payload plus its type and destination. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  to: Contract[T]['to'];
  payload: Req<T>;
}

/** Responses carry errors as data so the caller sees the real message, not "port closed". */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Each message's destination, sender and payload: its fields' parsers, or one parser for the whole payload. */
const DEFS: { [T in Exclude<MessageType, BenchType>]: SpecDef<T> } & { [T in BenchType]?: SpecDef<T> } = {
  'scan/image': { to: 'background', from: 'content', parse: P.scanRequest },
  'panel/open': { to: 'background', from: 'content', fields: { site: P.SITE, imageKey: id(600), postId: id(600) } },
  'decision/undo-from-page': { to: 'background', from: 'content', fields: { id: P.SHORT_ID } },
  'profile/import-post': { to: 'background', from: 'content', fields: { token: P.SHORT_ID, post: P.profilePost } },
  'panel/get': { to: 'background', from: 'extension', fields: { token: P.SHORT_ID } },
  'panel/close': { to: 'background', from: 'extension', fields: { which: P.WHICH_FRAME } },
  'panel/size': { to: 'background', from: 'extension', fields: { height: P.HEIGHT } },
  'decision/make': { to: 'background', from: 'extension', fields: { findingId: P.KEY, kind: oneOf('not-mine', 'authorised') } },
  'decision/undo': { to: 'background', from: 'extension', fields: { id: P.SHORT_ID } },
  'decision/list': { to: 'background', from: 'extension', parse: none },
  'tab/report': { to: 'background', from: 'extension', fields: { tabId: P.TAB_ID } },
  'findings/list': { to: 'background', from: 'extension', parse: none },
  'findings/delete': { to: 'background', from: 'extension', fields: { ids: P.IDS } },
  'report/start': { to: 'background', from: 'extension', fields: { findingId: P.KEY, tabId: optional(P.TAB_ID) } },
  'report/get': { to: 'background', from: 'extension', fields: { findingId: P.KEY } },
  'report/screenshot': { to: 'background', from: 'extension', fields: { findingId: P.KEY } },
  'case/log': { to: 'background', from: 'extension', fields: {
    findingId: P.KEY, status: P.CASE_STATUS, notes: optional(text(5000)), workFacts: optional(P.workFacts),
  } },
  'case/update': { to: 'background', from: 'extension', fields: { id: P.SHORT_ID, status: optional(P.CASE_STATUS), notes: optional(text(5000)) } },
  'gallery/restore': { to: 'background', from: 'extension', fields: { works: list(P.backupWork, P.MAX_RESTORE) } },
  'gallery/import-progress': { to: 'background', from: 'extension', fields: { job: optional(P.SHORT_ID), since: optional(int(0, 10_000_000)) } },
  'gallery/import-cancel': { to: 'background', from: 'extension', fields: { job: P.SHORT_ID } },
  'gallery/list': { to: 'background', from: 'extension', parse: none },
  'gallery/first-page': { to: 'background', from: 'extension', fields: { count: int(1, 1000), pictures: int(0, 100) } },
  'gallery/count': { to: 'background', from: 'extension', parse: none },
  'gallery/delete': { to: 'background', from: 'extension', fields: { ids: P.IDS } },
  'gallery/undelete': { to: 'background', from: 'extension', fields: { ids: P.IDS } },
  'gallery/update': { to: 'background', from: 'extension', fields: { id: P.SHORT_ID, details: P.workDetails } },
  'gallery/thumbnails': { to: 'background', from: 'extension', fields: { ids: P.IDS } },
  'sources/list': { to: 'background', from: 'extension', parse: none },
  'sources/add': { to: 'background', from: 'extension', fields: { url: id(2000) } },
  'sources/pause': { to: 'background', from: 'extension', fields: { id: P.SHORT_ID, paused: bool } },
  'sources/remove': { to: 'background', from: 'extension', fields: { id: P.SHORT_ID, removeWorks: bool } },
  'sources/sync': { to: 'background', from: 'extension', fields: { id: optional(P.SHORT_ID) } },
  'profile/start': { to: 'background', from: 'extension', fields: { tabId: P.TAB_ID } },
  'model/signals': { to: 'model-host', from: 'extension', fields: { url: P.pictureUrl, role: oneOf('query', 'gallery') } },
  'model/verify': { to: 'model-host', from: 'extension', fields: {
    url: P.pictureUrl, works: list(object<{ id: string; url?: string }>({ id: P.SHORT_ID, url: optional(P.pictureUrl) }), 10),
    // tile: engine/second-stage.ts MAX_TILE_INDEX (this contract imports no engine code into the content script).
    mirror: optional(bool), tile: optional(int(0, 63)), screen: optional(bool),
  } },
  'model/ping': { to: 'model-host', from: 'extension', parse: none },
  'content/changed': { to: 'content', from: 'extension', fields: { undoable: optional(P.decision), imageKeys: optional(list(id(600), 50)) } },
  'content/close-panel': { to: 'content', from: 'extension', fields: { which: P.WHICH_FRAME } },
  'content/panel-size': { to: 'content', from: 'extension', fields: { height: P.HEIGHT } },
  'content/scroll-to': { to: 'content', from: 'extension', fields: { imageKey: id(600) } },
  'content/profile-import': { to: 'content', from: 'extension', fields: { token: P.SHORT_ID } },
  // A literal condition after `define`, so a release build drops the entries, their handlers and their code.
  ...(__INKSEAL_BENCH__ ? {
    'model/bench': { to: 'model-host', from: 'extension', parse: P.benchRequest },
    'bench/match': { to: 'background', from: 'extension', fields: { galleries: list(int(1, 200_000), 10), query: P.wireSignals } },
    'bench/match-gallery': { to: 'background', from: 'extension', fields: { queries: list(P.wireSignals, 1000), runs: int(1, 1000) } },
    'bench/looks': { to: 'background', from: 'extension', parse: none },
  } satisfies { [T in BenchType]: SpecDef<T> } : {}),
};

/**
 * The contract at run time: for each message, where it goes, who may send it and its payload's parser. Typed
 * against `Contract`: `to` and `from` cannot disagree with the types, and a message without a parser, or a
 * payload field without one, is a compile error. `dispatch` parses every payload before its handler runs.
 */
export const CONTRACT = Object.fromEntries(Object.entries(DEFS).map(([type, d]: [string, SpecDef<MessageType>]) =>
  [type, 'fields' in d ? { to: d.to, from: d.from, parse: object(d.fields) } : d])) as Specs;

/** The message's spec, or undefined for a type the contract does not name (a page can send any string). */
export function specOf(type: unknown): Spec<MessageType> | undefined {
  return typeof type === 'string' && Object.hasOwn(CONTRACT, type) ? CONTRACT[type as MessageType] as Spec<MessageType> | undefined : undefined;
}

/** Message types a content script may send, read from the contract; everything else from a page is refused. */
export const CONTENT_ALLOWED: ReadonlySet<MessageType> = new Set(
  (Object.keys(CONTRACT) as MessageType[]).filter((t) => CONTRACT[t]?.from === 'content'),
);
