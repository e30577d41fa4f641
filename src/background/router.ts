// The background's one router: every message it answers, typed by the contract.
import type { Handlers } from '../shared/messaging';
import { tabReport } from './findings';
import { addWork, listWorks, removeWork } from './gallery';
import { scanImage } from './scan';
import { validScanRequest } from './validate';

export const backgroundHandlers: Handlers<'background'> = {
  'scan/image': (payload, sender) => scanImage(validScanRequest(payload), sender.tab?.id),
  'tab/report': ({ tabId }) => tabReport(tabId),
  'gallery/add': ({ name, dataUrl, thumbnail }) => addWork(name, dataUrl, thumbnail),
  'gallery/list': () => listWorks(),
  'gallery/delete': async ({ id }) => ({ deleted: await removeWork(id) }),
};
