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

export async function callModelHost<T extends TypesFor<'model-host'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  await ensureOffscreen();
  try {
    return await sendToModelHost(type, payload);
  } catch (err) {
    // "Receiving end does not exist": the document went away; make it again once.
    if (!/Receiving end|no handler/i.test(String(err))) throw err;
    known = false;
    await ensureOffscreen();
    return sendToModelHost(type, payload);
  }
}
