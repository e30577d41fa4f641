// The work limits every provenance reader shares, and the counters that show a hostile file stayed inside them.
// Pure. Hostile files lie about lengths, nest boxes without end and compress gigabytes into kilobytes, so every
// reader asks the budget before it looks at, inflates or descends into anything.

export const LIMITS = {
  /** Bytes of the file looked at; a larger file is read up to here (metadata sits near the start). */
  maxBytes: 32 * 1024 * 1024,
  /** Wall time for one file, checked between steps (a step is bounded by the other limits). */
  maxMs: 2000,
  /** One XMP packet; TC260 and IPTC properties are a few hundred bytes, real packets rarely pass 100 KB. */
  maxXmpBytes: 1024 * 1024,
  /** Text inflated from one compressed chunk, and from all of them together. */
  maxInflatePerChunk: 1024 * 1024,
  maxInflateTotal: 4 * 1024 * 1024,
  /** JUMBF nesting: a C2PA store is 4 deep (store > manifest > assertions > assertion). */
  maxJumbfDepth: 8,
  /** Boxes, segments and chunks walked across all containers. */
  maxBoxes: 20_000,
  /** One manifest store; real ones (with thumbnails) are tens to hundreds of KB. */
  maxManifestBytes: 16 * 1024 * 1024,
  /** CBOR nesting and items in one decoded value. */
  maxCborDepth: 32,
  maxCborItems: 200_000,
} as const;

export interface Stats {
  /** Bytes of the file examined (headers walked, payloads decoded, bytes hashed). */
  bytesScanned: number;
  /** Bytes produced by inflating compressed text (zTXt, compressed iTXt, stealth pnginfo). */
  bytesInflated: number;
  /** Deepest JUMBF nesting reached. */
  jumbfDepth: number;
  /** Boxes, segments and chunks walked. */
  boxes: number;
}

export class Budget {
  readonly stats: Stats = { bytesScanned: 0, bytesInflated: 0, jumbfDepth: 0, boxes: 0 };
  readonly errors: string[] = [];
  private readonly deadline: number;

  constructor(readonly maxBytes: number, maxMs: number) {
    this.deadline = Date.now() + maxMs;
  }

  /** Records a problem once; the result carries them so a caller can tell "nothing found" from "gave up". */
  note(error: string): void {
    if (!this.errors.includes(error) && this.errors.length < 32) this.errors.push(error);
  }

  timeLeft(): boolean {
    if (Date.now() < this.deadline) return true;
    this.note('time limit reached');
    return false;
  }

  /** Counts one box/segment/chunk; false once the walk has gone on long enough. */
  box(): boolean {
    if (this.stats.boxes >= LIMITS.maxBoxes) {
      this.note('too many boxes');
      return false;
    }
    this.stats.boxes++;
    return true;
  }

  scanned(n: number): void {
    this.stats.bytesScanned += n;
  }
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

export const readUtf8 = (b: Uint8Array): string => utf8.decode(b);
export const readLatin1 = (b: Uint8Array): string => latin1.decode(b);
export const fourCC = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
export const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
export const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
export const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** Index of the first 0 byte at or after `from` (before `to`), or -1. */
export function nul(b: Uint8Array, from: number, to = b.length): number {
  for (let i = from; i < to; i++) if (b[i] === 0) return i;
  return -1;
}
