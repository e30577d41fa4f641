// The one typed message contract. Each entry names who handles it, who may send it, its request and response.
// `send` and `handle` are typed from this table, so a message without a handler is a compile error.
import type {
  BenchReport, BenchRequest, CaseRecord, CaseStatus, Decision, EvidenceRecord, FindingView, ImageVerdict, PanelData, Percentiles,
  ProfilePost, ProfilePostResult, ReportData, RestoreResult, ScanRequest, SourceView, TabReport, WireSignals, WorkFacts, WorkSummary,
} from './types';
import type { BackupWork } from '../gallery/backup';
import type { ImportProgress } from '../gallery/import-queue';
import type { WorkDetails, WorkSource } from './db';

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
  /** "Not my work" / "This account is authorised", from the panel, popup or Findings page; returns the decision for Undo. */
  /** The panel or toast frame asks its tab to close it (Esc, Close, after an action). */
  'panel/close': Def<{ which: 'panel' | 'toast' }, { ok: true }, 'background', 'extension'>;
  /** The panel frame's content height, so its host fits it (the page cannot measure a cross-origin frame). */
  'panel/size': Def<{ height: number }, { ok: true }, 'background', 'extension'>;
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
   * `contentHash` is the sha256 (hex) of the file's bytes: a file already in the gallery is not added again, and
   * the answer is the work it already is, with `duplicate: true`.
   */
  'gallery/add': Def<{ name: string; dataUrl: string; thumbnail: string; contentHash: string; source?: WorkSource; details?: WorkDetails }, { work: WorkSummary; duplicate: boolean }, 'background', 'extension'>;
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
  /** Timings for npm run bench:perf, measured in the model host. */
  'model/bench': Def<BenchRequest, BenchReport, 'model-host', 'extension'>;
  /** Matching time at synthetic gallery sizes, for npm run bench:perf, measured where the product matches. */
  'bench/match': Def<{ galleries: number[]; query: WireSignals }, (Percentiles & { vectors: number })[], 'background', 'extension'>;
  'model/ping': Def<Record<string, never>, { backend: string; numTensors: number; readyMs: number; heapMB: number; log: string[] }, 'model-host', 'extension'>;
  /**
   * To a tab's content script: decisions or cases changed, so flagged badges ask again; `undoable` shows the toast
   * with Undo for a decision just made in this tab.
   */
  'content/changed': Def<{ undoable?: Decision }, { ok: true }, 'content', 'extension'>;
  /** To a tab's content script: close the panel (Esc or Close pressed inside the panel frame). */
  'content/close-panel': Def<{ which: 'panel' | 'toast' }, { ok: true }, 'content', 'extension'>;
  /** To a tab's content script: bring a picture into view for the evidence screenshot; false if it is gone. */
  'content/panel-size': Def<{ height: number }, { ok: true }, 'content', 'extension'>;
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

/** What travels: the payload plus its type and destination. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  to: Contract[T]['to'];
  payload: Req<T>;
}

/** Responses carry errors as data so the caller sees the real message, not "port closed". */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Message types a content script may send; everything else from a page is refused. */
export const CONTENT_ALLOWED: ReadonlySet<MessageType> = new Set<MessageType>(['scan/image', 'panel/open', 'decision/undo-from-page', 'profile/import-post']);

/** Which handler context each type is for; used to stamp `to` on the envelope. */
export const DESTINATION: { [T in MessageType]: Contract[T]['to'] } = {
  'scan/image': 'background',
  'panel/open': 'background',
  'decision/undo-from-page': 'background',
  'panel/get': 'background',
  'panel/close': 'background',
  'panel/size': 'background',
  'decision/make': 'background',
  'decision/undo': 'background',
  'decision/list': 'background',
  'tab/report': 'background',
  'findings/list': 'background',
  'findings/delete': 'background',
  'report/start': 'background',
  'report/get': 'background',
  'report/screenshot': 'background',
  'case/log': 'background',
  'case/update': 'background',
  'content/changed': 'content',
  'content/close-panel': 'content',
  'content/panel-size': 'content',
  'content/scroll-to': 'content',
  'content/profile-import': 'content',
  'profile/start': 'background',
  'profile/import-post': 'background',
  'gallery/add': 'background',
  'gallery/restore': 'background',
  'gallery/import-progress': 'background',
  'gallery/import-cancel': 'background',
  'gallery/list': 'background',
  'sources/list': 'background',
  'sources/add': 'background',
  'sources/pause': 'background',
  'sources/remove': 'background',
  'sources/sync': 'background',
  'gallery/count': 'background',
  'gallery/delete': 'background',
  'gallery/undelete': 'background',
  'gallery/update': 'background',
  'gallery/thumbnails': 'background',
  'model/signals': 'model-host',
  'model/bench': 'model-host',
  'model/ping': 'model-host',
  'bench/match': 'background',
};
