// Chrome: the model runs in an offscreen document, because the service worker restarts often and must not
// reload tfjs each time. Identical exports to firefox.ts; vite picks one per build through the @platform alias.
import type { Req, Res, TypesFor } from '../messages';
import { sendToModelHost } from '../messaging';

export const BROWSER = 'chrome';
const OFFSCREEN_URL = 'src/model-host/offscreen.html';

let creating: Promise<void> | undefined;
/** Set once the document is known to exist; a failed send clears it (the document may have been closed). */
let known = false;

async function ensureOffscreen(): Promise<void> {
  if (known) return;
  const url = chrome.runtime.getURL(OFFSCREEN_URL);
  const existing = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  if (existing.length > 0) {
    known = true;
    return;
  }
  // Only one offscreen document may exist; concurrent callers share one creation.
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: [chrome.offscreen.Reason.WORKERS, chrome.offscreen.Reason.BLOBS],
      justification: 'Runs the on-device MobileNet model that compares feed images with the artist’s gallery.',
    })
    .finally(() => { creating = undefined; });
  await creating;
  known = true;
}

/**
 * The document went away — before the message ("Receiving end does not exist"), or while working on it (the
 * channel closed before the reply) — or a new one has not registered its listener yet.
 */
const HOST_GONE = /Receiving end|no handler|port closed|channel closed|context invalidated|document.*closed|before fully loading/i;
/** Waits between tries while a new document starts: about 12 s in all, then the error is the job's. */
const RETRY_MS = [250, 500, 1000, 2000, 4000, 4000];

export async function callModelHost<T extends TypesFor<'model-host'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      // Inside the try: a document closed while it was being made fails its creation ("closed before fully
      // loading"), which is the same loss, retried the same way.
      await ensureOffscreen();
      return await sendToModelHost(type, payload);
    } catch (err) {
      if (!HOST_GONE.test(String(err)) || attempt >= RETRY_MS.length) throw err;
      // The work is not done: make the document again (if it is gone) and ask once it listens.
      known = false;
      await new Promise((r) => setTimeout(r, RETRY_MS[attempt]));
    }
  }
}
