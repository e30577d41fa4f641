// Plain data shared by every context. No functions, no classes: all of it crosses runtime messaging.

import type { Verdict } from '../engine/verdict';

export type { Verdict, VerdictKind } from '../engine/verdict';

export interface ScanRequest {
  /** The image URL as displayed. */
  url: string;
  /** Canonical post URL kept as evidence (for Xiaohongshu with its xsec_token). */
  postUrl: string;
  postId: string;
  site: string;
}

export interface Finding {
  postId: string;
  postUrl: string;
  imageUrl: string;
  site: string;
  verdict: Verdict;
  workThumbnail: string;
  foundAt: number;
}

/** Image signals as plain arrays: typed arrays do not survive runtime messaging. */
export interface WireSignals {
  hashes: number[][];
  hashQuality: number;
  vectors: number[][];
  style: number[];
}

export interface TabReport {
  /** Images of this tab that got a verdict. */
  scanned: number;
  findings: Finding[];
}

export interface WorkSummary {
  id: string;
  name: string;
  thumbnail: string;
  addedAt: number;
}
