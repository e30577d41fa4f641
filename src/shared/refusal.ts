// Why a picture was not checked, as a code the popup words for the artist, and whether trying again can help.
// The code travels inside the error message (`[too-large] …`): errors cross the decode worker, the model host
// and runtime messaging as strings. Pure.

export type Refusal =
  /** More bytes or pixels than a feed picture has: refused before decoding. */
  | 'too-large'
  /** No answer, or no whole picture, within the time allowed. */
  | 'timed-out'
  /** The URL points into the artist's machine or network, or is not a web address. */
  | 'blocked-address'
  /** The server answered with a redirect; where it leads cannot be checked, so it is not followed. */
  | 'redirected'
  /** The site refused it for good (403, 404, 410 …). */
  | 'unavailable'
  /** The network or the server failed (5xx, 429, connection lost): worth trying again. */
  | 'unreachable'
  /** Not a picture Inkseal can read: no size in its header, or the decoder gave up. */
  | 'unreadable';

export const REFUSALS: readonly Refusal[] = ['too-large', 'timed-out', 'blocked-address', 'redirected', 'unavailable', 'unreachable', 'unreadable'];

export class PictureError extends Error {
  constructor(readonly refusal: Refusal, detail: string) {
    super(`[${refusal}] ${detail}`);
  }
}

/** The refusal a message carries, or undefined for a failure that is not the picture's (a host that died). */
export function refusalOf(message: string): Refusal | undefined {
  const code = /^\[([a-z-]+)\]/.exec(message)?.[1];
  return REFUSALS.find((r) => r === code);
}

/** The message without its code, for places that show the words (the report page's evidence). */
export function detailOf(message: string): string {
  return message.replace(/^\[[a-z-]+\] /, '');
}

/** The refusal an HTTP status means: the client errors are final, the server's own troubles are not. */
export function httpRefusal(status: number): Refusal {
  return status >= 500 || status === 429 || status === 408 ? 'unreachable' : 'unavailable';
}

/**
 * Delays (ms) before each retry. A failing network or server gets three tries more, spaced out; a timeout has
 * already cost its full deadline, so it gets one.
 */
const RETRY_DELAYS: Partial<Record<Refusal, readonly number[]>> = {
  'unreachable': [500, 1500, 4000],
  'timed-out': [2000],
};

/** How long to wait before attempt `attempt + 1` (0 = the first retry), or undefined when it is final. */
export function retryDelay(refusal: Refusal | undefined, attempt: number): number | undefined {
  return refusal ? RETRY_DELAYS[refusal]?.[attempt] : undefined;
}
