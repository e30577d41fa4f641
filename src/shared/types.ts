// Plain data shared by every context. No functions, no classes: all of it crosses runtime messaging.

import type { SourceRecord, WorkDetails, WorkSource } from './db';
import type { MatchTimes, Percentiles } from '../engine/matcher-bench';
import type { Verdict } from '../engine/verdict';
import type { Refusal } from './refusal';
import type { ProvenanceSummary } from '../engine/provenance/summary';

export type { MetadataEvidence, ProvenanceSummary } from '../engine/provenance/summary';
export type { AiDeclaration } from '../engine/ai-declaration';
import type { AiDeclaration } from '../engine/ai-declaration';

export type { Verdict, VerdictKind } from '../engine/verdict';

export interface PostInfo {
  postId: string;
  /** Canonical post URL kept as evidence (for Xiaohongshu with its xsec_token). */
  postUrl: string;
  author?: string;
  authorUrl?: string;
  title?: string;
  /** The platform's AI-generation label as shown in the post, if any. */
  aiLabel?: string | null;
}

export interface ScanRequest {
  site: string;
  /** Stable identity of the picture (`xhs:<token>`, `weibo:<pid>`, …): the cache and suppression key. */
  imageKey: string;
  /** What the background fetches: the stable original or a large size variant. */
  fetchUrl: string;
  /** The URL the page displays, kept as evidence and shown in the popup. */
  displayUrl: string;
  post: PostInfo;
  /** 0 = on screen now, 1 = about to be: on-screen images are scanned first. */
  priority: number;
}

/** What the content script is told about one picture. */
export interface ImageVerdict extends Verdict {
  /** Set when the picture could not be checked after retries (the popup reports it). */
  error?: string;
  /** Why, when the picture itself was refused (too large, timed out, …): what the popup tells the artist. */
  refusal?: Refusal;
  /** Why a match is not shown: the artist said "not my work" or authorised the account. */
  dismissed?: 'not-mine' | 'authorised';
  /** The finding's case, for the badge ("reported 3 days ago"). */
  caseStatus?: CaseStatus;
  /** The picture's own metadata, read where its bytes were (not the page's label: the content script has that). */
  provenance?: ProvenanceSummary;
  caseAt?: number;
  /** The second stage's closer look at the picture is still to come (background/closer-looks.ts); never sent to pages. */
  pending?: true;
}

export type FindingKind = 'copy' | 'edit' | 'style' | 'ai-labelled';

export interface Finding {
  /** The lasting record's id in IndexedDB (see findingId). */
  id: string;
  kind: FindingKind;
  site: string;
  post: PostInfo;
  imageKey: string;
  imageUrl: string;
  verdict: Verdict | null;
  workThumbnail: string;
  foundAt: number;
  /** Who declared the picture or post AI-generated (on an ai-labelled finding, and on a match of an AI-declared post). */
  ai?: AiDeclaration;
  /** Where it stands (attached when the popup asks). */
  status?: FindingStatus;
}

export interface FailedScan { imageKey: string; imageUrl: string; postId: string; error: string; refusal?: Refusal }

/** Image signals as plain arrays: typed arrays do not survive runtime messaging. */
export interface WireSignals {
  hashes: number[][];
  hashQuality: number;
  vectors: number[][];
  style: number[];
  /** A feed picture's metadata, when it declares AI or carries a C2PA manifest (read by the model host). */
  provenance?: ProvenanceSummary;
  /** What each vector's region is (RegionKind: 'whole', 'tile', 'tilted', …); absent from older hosts. */
  kinds?: string[];
  /** A feed picture's photographed screens and grey overview (engine/screen-shortlist.ts ScreenView, as numbers). */
  screen?: { width: number; height: number; side: number; data: number[]; quads: { x: number; y: number }[][] };
  /** The picture's coarse grey grid (engine/screen-shortlist.ts WorkThumb, as numbers): a work's, or a feed picture's. */
  thumb?: WireThumb;
}

export interface WireThumb { width: number; height: number; nx: number; ny: number; data: number[] }


export type { Percentiles, MatchTimes };

/**
 * `urls` are timed first, on workers whose code has seen one picture; then `warm` (never timed) brings their code to
 * the state of a long scroll, and `again` (other URLs, so nothing comes from a cache) is timed once more.
 */
export interface BenchRequest { urls: string[]; warm: string[]; again: string[]; passes: number; soak: number }

/** One picture at a time: the worker's stages, the model's share, and both together with and without the fetch. */
export interface LatencyReport {
  /** Fetch, decode, crops and hash (decode worker). */
  decode: Percentiles;
  /** Inside the worker: fetch, decode to the analysis raster, crops + hash. */
  stages: { fetch: Percentiles; decode: Percentiles; prepare: Percentiles };
  /** Embeddings and style (model thread). */
  signals: Percentiles;
  /** Decode + hash + every embedding of one feed image. */
  allSignals: Percentiles;
  /** The same without the fetch: from the picture's bytes to all signals. */
  fromBytes: Percentiles;
}

export interface BenchReport {
  backend: string;
  embed1: Percentiles;
  /** Per image, in batches of 8. */
  embedBatch: Percentiles;
  /** The first pictures the workers see. */
  cold: LatencyReport;
  /** After `warm`: the state of a long scroll. */
  warmed: LatencyReport;
  queryRegions: number;
  /**
   * The second stage for one feed picture against one shortlisted work whose keypoints the host keeps: the
   * picture's coarse keypoints from its kept raster, for a stranger to the work (where they stop), and for a
   * repost of it (then level 0 and the geometric check). Runs only for shortlisted pictures.
   */
  verify: Percentiles;
  verifyRepost: Percentiles;
  /** The baseline: fetch, an <img> element, @tensorflow-models/mobilenet infer() (see Embedder.inferTypical). */
  typical: Percentiles;
  /** Pictures per second, one after another: Inkseal's all signals and the baseline, over the same URLs. */
  throughput: { inkseal: number; typical: number };
  /** `modelHeap…`: the model's own process (Chrome's frame), absent where the model shares the host's heap. */
  soak: {
    images: number; tensorsBefore: number; tensorsAfter: number; heapBeforeMB: number; heapAfterMB: number;
    modelHeapBeforeMB?: number; modelHeapAfterMB?: number;
    /** Both heaps after every 1,000 pictures of the soak. */
    steps: { images: number; hostMB: number; modelMB?: number }[];
  };
}

export interface TabReport {
  /** Images of this tab that got a verdict. */
  scanned: number;
  findings: Finding[];
  failed: FailedScan[];
  /**
   * The session store was full even after the verdict cache made room: this tab's report may lose entries when
   * the background restarts (lasting findings are in IndexedDB, on the Findings page).
   */
  storageFull?: boolean;
}

/** A synced source as the Gallery page shows it: without its list of taken items, with its works counted. */
export interface SourceView extends Omit<SourceRecord, 'seen'> {
  works: number;
  syncing: boolean;
}

/** One post of the artist's profile, as the site adapter read it for "Import my works from this page". */
export interface ProfilePost {
  postId: string;
  /** Where the post is published: the proof of first publication a complaint leans on. */
  postUrl: string;
  title?: string;
  /** The day it was published (YYYY-MM-DD, the platform's China time), when the page says. */
  publishedOn?: string;
  /** Every picture of the post, as the stable URLs the background fetches (the platform's CDN only). */
  pictures: string[];
}

/** What importing one post's pictures did. */
export interface ProfilePostResult {
  added: number;
  duplicates: number;
  /** Why each failed picture failed, in words. */
  failed: string[];
}

/**
 * A work as the extension's pages list it: its details and how many findings matched it, without its pictures
 * (10,000 thumbnails would be a message of hundreds of megabytes); `gallery/thumbnails` gives those on demand.
 */
export interface WorkSummary extends WorkDetails {
  id: string;
  name: string;
  addedAt: number;
  source?: WorkSource;
  /** Findings (any status) whose matched work is this one. */
  findings: number;
  /** What the work's own file declared (C2PA, AI metadata), read at import. */
  provenance?: ProvenanceSummary;
}

export type CaseStatus = 'open' | 'reported' | 'resolved' | 'rejected';
/** Where a finding stands: untouched, dismissed by a decision, or the state of its case. */
export type FindingStatus = 'new' | 'not-mine' | 'authorised' | CaseStatus;

/**
 * A finding as it lasts (IndexedDB `findings`): one per picture and verdict kind, or per post for an AI label.
 * Written when first seen, its lastSeen refreshed when seen again; survives reloads and restarts.
 */
export interface FindingRecord {
  id: string;
  kind: FindingKind;
  /** The platform (adapter id): xiaohongshu, weibo, generic. */
  site: string;
  postId: string;
  /** The post's permalink with its share token (Xiaohongshu's xsec_token). */
  postUrl: string;
  author?: string;
  /** The author's profile URL when the site shows one. */
  authorId?: string;
  title?: string;
  aiLabel?: string | null;
  /** Who declared it AI: the platform's label, the picture's metadata, or both (absent on older records). */
  ai?: AiDeclaration;
  imageKey: string;
  /** The stable original the background fetched (ci.xiaohongshu.com/<token>, sinaimg large/…). */
  stableUrl: string;
  /** What the page displayed (signed, may expire). */
  displayUrl: string;
  /** Scores, signals, matched work (id and name at the time), transform; null for an AI label. */
  verdict: Verdict | null;
  engineVersion: string;
  firstSeen: number;
  lastSeen: number;
}

/** A finding as the extension's pages show it: the record, where it stands, its case, the work's thumbnail. */
export interface FindingView extends FindingRecord {
  status: FindingStatus;
  case?: CaseRecord;
  workThumbnail: string;
}

/** A report the artist made, tracked until the platform answers. */
export interface CaseRecord {
  id: string;
  findingId: string;
  site: string;
  postId: string;
  postUrl: string;
  status: CaseStatus;
  openedAt: number;
  updatedAt: number;
  notes: string;
  history: { status: CaseStatus; at: number }[];
  /** Facts about the work the artist added on the report page (the gallery does not hold them yet). */
  workFacts?: WorkFacts;
}

export interface WorkFacts { created?: string; firstPublishedUrl?: string; firstPublishedAt?: string }

/** "Not my work" (one picture) or "This account is authorised" (an author on one site); undoable. */
export interface Decision {
  id: string;
  kind: 'not-mine' | 'authorised';
  /** imageKey for not-mine; `<site>|<profile URL or name>` for authorised. */
  key: string;
  site: string;
  /** What the Findings page shows: the author's name, or the picture's display URL. */
  label: string;
  imageUrl?: string;
  at: number;
}

/** What the in-page panel (an extension frame) shows for one finding. */
export interface PanelData {
  finding: FindingView;
  workName: string;
  /** The matched work's thumbnail (data URL), shown only inside the extension's frame. */
  workThumbnail: string;
  canAuthorise: boolean;
}

/** Facts captured when the artist presses Report (IndexedDB `evidence`, keyed by finding id). */
export interface EvidenceRecord {
  findingId: string;
  capturedAt: number;
  /** The capturing browser's time zone, so the local time can be restated exactly. */
  timeZone: string;
  /** PNG data URL of the post in its tab, scrolled into view; absent when the browser refused. */
  screenshot?: string;
  screenshotError?: string;
  post: { dataUrl?: string; sha256?: string; mime?: string; bytes?: number; error?: string; url: string };
  work: { dataUrl: string; sha256: string; mime: string; bytes: number; name: string; addedAt: number; workId: string };
}

/** The artist's identity for notices: entered once; stored only if they tick "remember". */
export interface Identity {
  name: string;
  email: string;
  phone: string;
  address: string;
  /** Typed name used as the electronic signature. */
  signature: string;
}

/** Everything the report page needs. */
export interface ReportData {
  finding: FindingView;
  evidence: EvidenceRecord | null;
  /** The matched work as stored in the gallery. */
  work: { id: string; name: string; addedAt: number; dataUrl: string; title?: string; facts: WorkFacts } | null;
}

/** What restoring a gallery backup did. */
export interface RestoreResult { added: number; existing: number; recomputed: number; failed: { name: string; error: string }[] }
