// Firefox: no offscreen API, so the event page hosts the model itself and calls its handlers in-process.
// Identical exports to chrome.ts.
import type { Req, Res, TypesFor } from '../messages';
import { modelHostHandlers } from '../../model-host/handlers';
import { createLocalPictures } from '../../model-host/local-pictures';

export const BROWSER = 'firefox';

const handlers = modelHostHandlers(createLocalPictures());

export async function callModelHost<T extends TypesFor<'model-host'>>(type: T, payload: Req<T>): Promise<Res<T>> {
  const handler = handlers[type] as ((p: Req<T>) => Promise<Res<T>>) | undefined;
  // Only a benchmark message is ever missing (not built into release builds).
  if (!handler) throw new Error(`${type} is not in this build`);
  return handler(payload);
}
