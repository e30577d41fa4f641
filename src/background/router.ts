// The background's one router: every message it answers, typed by the contract. Page-sent payloads (content
// scripts) are validated; the rest come from the extension's own pages.
import browser from 'webextension-polyfill';
import { sendToTab, type Handlers } from '../shared/messaging';
import type { Decision } from '../shared/types';
import { logCase, updateCase } from './cases';
import { decide, listDecisions, undo, accountKey } from './decisions';
import { deleteFindings, getFinding, listFindings } from './finding-store';
import { dropFindings, tabReport } from './findings';
import { addWork, checkSource, gallery, deleteWorks, listWorks, thumbnails, undeleteWorks, updateWork } from './gallery';
import { restoreWorks } from './gallery-restore';
import { cancelImport, importProgress } from './import-jobs';
import { importProfilePost, startProfileImport } from './profile-import';
import { addSource, listSources, removeSource, setPaused, syncAll, syncSource } from './sources';
import { notifyTabs } from './notify';
import { openPanel, panelData } from './panel';
import { reportData, screenshotFromReport, startReport } from './report';
import { querySignals, scanImage } from './scan';
import { benchmarkMatching } from '../engine/matcher-bench';
import { validScanRequest } from './validate';

const id = (v: unknown, max = 700): string => {
  if (typeof v !== 'string' || !v || v.length > max) throw new Error('bad id');
  return v;
};

async function makeDecision(findingId: string, kind: Decision['kind'], tabId: number | undefined): Promise<Decision> {
  const f = await getFinding(findingId);
  if (!f) throw new Error('this finding is no longer recorded');
  let made: Decision;
  if (kind === 'not-mine') {
    made = await decide({ kind, key: f.imageKey, site: f.site, label: f.author ?? f.postId, imageUrl: f.displayUrl });
    await dropFindings((x) => x.imageKey === f.imageKey && x.kind !== 'ai-labelled');
  } else if (kind === 'authorised') {
    const account = accountKey(f.site, { author: f.author, authorUrl: f.authorId });
    if (!account) throw new Error('this post names no author');
    made = await decide({ kind, key: account, site: f.site, label: f.author ?? f.authorId ?? '' });
    await dropFindings((x) => x.kind !== 'ai-labelled' && accountKey(x.site, x.post) === account);
  } else {
    throw new Error('unknown decision');
  }
  await notifyTabs(tabId, made);
  return made;
}

async function undoDecision(decisionId: string): Promise<{ ok: true }> {
  await undo(id(decisionId, 64));
  await notifyTabs(undefined);
  return { ok: true };
}

export const backgroundHandlers: Handlers<'background'> = {
  'scan/image': (payload, sender) => scanImage(validScanRequest(payload), sender.tab?.id),
  'panel/open': ({ site, imageKey, postId }, sender) => openPanel(id(site, 40), id(imageKey, 600), id(postId, 600), sender.tab?.id),
  'decision/undo-from-page': ({ id: decisionId }) => undoDecision(decisionId),
  'panel/get': ({ token }, sender) => panelData(token, sender.tab?.id),
  'panel/close': async ({ which }, sender) => {
    if (sender.tab?.id !== undefined) await sendToTab(sender.tab.id, 'content/close-panel', { which: which === 'toast' ? 'toast' : 'panel' });
    return { ok: true };
  },
  'panel/size': async ({ height }, sender) => {
    if (sender.tab?.id !== undefined && Number.isFinite(height)) await sendToTab(sender.tab.id, 'content/panel-size', { height });
    return { ok: true };
  },
  'decision/make': ({ findingId, kind }, sender) => makeDecision(id(findingId), kind, sender.tab?.id),
  'decision/undo': ({ id: decisionId }) => undoDecision(decisionId),
  'decision/list': () => listDecisions(),
  'tab/report': ({ tabId }) => tabReport(tabId),
  'findings/list': () => listFindings(),
  'findings/delete': async ({ ids }) => ({ deleted: await deleteFindings(ids.map((x) => id(x))) }),
  // The panel frame lives in the post's tab; the popup names the tab it speaks for; the Findings page is in a
  // tab of its own, which is not the post's.
  'report/start': ({ findingId, tabId }, sender) =>
    startReport(id(findingId), tabId ?? (sender.url?.startsWith(browser.runtime.getURL('src/panel/')) ? sender.tab?.id : undefined)),
  'report/get': ({ findingId }) => reportData(id(findingId)),
  'report/screenshot': ({ findingId }, sender) => screenshotFromReport(id(findingId), sender.tab?.id),
  'case/log': async ({ findingId, status, notes, workFacts }) => {
    const c = await logCase(id(findingId), status, notes, workFacts);
    await notifyTabs(undefined);
    return c;
  },
  'case/update': async ({ id: caseId, status, notes }) => {
    const c = await updateCase(id(caseId, 64), status, notes);
    await notifyTabs(undefined);
    return c;
  },
  'gallery/add': ({ name, dataUrl, thumbnail, contentHash, source, details }) => addWork({ name, dataUrl, thumbnail, contentHash, source: checkSource(source), details }),
  'gallery/import-progress': ({ job, since }) =>
    importProgress(typeof job === 'string' ? id(job, 64) : undefined, typeof since === 'number' ? since : 0),
  'gallery/import-cancel': async ({ job }) => { await cancelImport(id(job, 64)); return { ok: true as const }; },
  'gallery/restore': ({ works }) => restoreWorks(Array.isArray(works) ? works : []),
  'gallery/list': () => listWorks(),
  'sources/list': () => listSources(),
  'sources/add': ({ url }) => addSource(String(url)),
  'sources/pause': async ({ id: sourceId, paused }) => { await setPaused(sourceId, paused === true); return { ok: true as const }; },
  'sources/remove': ({ id: sourceId, removeWorks }) => removeSource(sourceId, removeWorks === true),
  'sources/sync': async ({ id: sourceId }) => {
    // Answered at once: the page follows the sync through sources/list.
    void (typeof sourceId === 'string' ? syncSource(sourceId) : syncAll());
    return { ok: true as const };
  },
  'profile/start': ({ tabId }) => startProfileImport(Number(tabId)),
  'profile/import-post': ({ token, post }, sender) => importProfilePost(token, post, sender),
  'gallery/count': async () => ({ works: (await gallery()).works.size }),
  'gallery/delete': async ({ ids }) => ({ deleted: await deleteWorks(Array.isArray(ids) ? ids : []) }),
  'gallery/undelete': async ({ ids }) => ({ restored: await undeleteWorks(Array.isArray(ids) ? ids : []) }),
  'gallery/update': ({ id, details }) => updateWork(id, details ?? {}),
  'gallery/thumbnails': ({ ids }) => thumbnails(Array.isArray(ids) ? ids : []),
  // Diagnostics for npm run bench:perf only: builds throwaway galleries, never touches the artist's.
  'bench/match': async ({ galleries, query }) => benchmarkMatching(querySignals(query), galleries.map((n) => Math.min(n, 200_000)),
    () => (globalThis as unknown as { gc?: () => void }).gc?.()),
};


