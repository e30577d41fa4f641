// Plain data shared by every context. No functions, no classes: all of it crosses runtime messaging.

import type { Percentiles } from '../engine/matcher-bench';
import type { Verdict } from '../engine/verdict';

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
  /** Why a match is not shown: the artist said "not my work" or authorised the account. */
  dismissed?: 'not-mine' | 'authorised';
  workThumbnail?: string;
}

export type FindingKind = 'copy' | 'edit' | 'style' | 'ai-labelled';

export interface Finding {
  kind: FindingKind;
  site: string;
  post: PostInfo;
  imageKey: string;
  imageUrl: string;
  verdict: Verdict | null;
  workThumbnail: string;
  foundAt: number;
}

export interface FailedScan { imageKey: string; imageUrl: string; postId: string; error: string }

/** Image signals as plain arrays: typed arrays do not survive runtime messaging. */
export interface WireSignals {
  hashes: number[][];
  hashQuality: number;
  vectors: number[][];
  style: number[];
}

export type { Percentiles };

export interface BenchRequest { urls: string[]; passes: number; soak: number }

export interface BenchReport {
  backend: string;
  embed1: Percentiles;
  /** Per image, in batches of 8. */
  embedBatch: Percentiles;
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
  queryRegions: number;
  soak: { images: number; tensorsBefore: number; tensorsAfter: number; heapBeforeMB: number; heapAfterMB: number };
}

export interface TabReport {
  /** Images of this tab that got a verdict. */
  scanned: number;
  findings: Finding[];
  failed: FailedScan[];
}

export interface WorkSummary {
  id: string;
  name: string;
  thumbnail: string;
  addedAt: number;
}
