// The background's one router: every message it answers, typed by the contract.
import type { Handlers } from '../shared/messaging';
import { accountKey, authoriseAccount, dismissImage } from './dismissals';
import { dropFindings, tabReport } from './findings';
import { addWork, listWorks, removeWork } from './gallery';
import { querySignals, scanImage } from './scan';
import { benchmarkMatching } from '../engine/matcher-bench';
import { validPost, validScanRequest } from './validate';

export const backgroundHandlers: Handlers<'background'> = {
  'scan/image': (payload, sender) => scanImage(validScanRequest(payload), sender.tab?.id),
  'feedback/not-mine': async ({ imageKey }) => {
    if (typeof imageKey !== 'string' || imageKey.length > 600) throw new Error('bad image key');
    await dismissImage(imageKey);
    await dropFindings((f) => f.imageKey === imageKey && f.kind !== 'ai-labelled');
    return { ok: true };
  },
  'feedback/authorise': async ({ site, post }) => {
    const account = accountKey(String(site).slice(0, 40), validPost(post));
    if (!account) throw new Error('this post names no author');
    await authoriseAccount(account);
    await dropFindings((f) => f.kind !== 'ai-labelled' && accountKey(f.site, f.post) === account);
    return { ok: true };
  },
  'tab/report': ({ tabId }) => tabReport(tabId),
  'gallery/add': ({ name, dataUrl, thumbnail }) => addWork(name, dataUrl, thumbnail),
  'gallery/list': () => listWorks(),
  'gallery/delete': async ({ id }) => ({ deleted: await removeWork(id) }),
  // Diagnostics for npm run bench:perf only: builds throwaway galleries, never touches the artist's.
  'bench/match': async ({ galleries, query }) => benchmarkMatching(querySignals(query), galleries.map((n) => Math.min(n, 200_000)),
    () => (globalThis as unknown as { gc?: () => void }).gc?.()),
};
