// The background's one router: every message it answers, typed by the contract. Payloads arrive here already
// parsed by the contract (messages.ts CONTRACT, run by dispatch): types and sizes are checked, meanings are not.
import browser from 'webextension-polyfill';
import { sendToTab, type Handlers } from '../shared/messaging';
import type { Decision } from '../shared/types';
import { logCase, updateCase } from './cases';
import { decide, listDecisions, undo, accountKey } from './decisions';
import { deleteFindings, getFinding, listFindings } from './finding-store';
import { dropFindings, tabReport } from './findings';
import { gallery, deleteWorks, firstWorks, listWorks, thumbnails, undeleteWorks, updateWork } from './gallery';
import { restoreWorks } from './gallery-restore';
import { cancelImport, importProgress } from './import-jobs';
import { importProfilePost, startProfileImport } from './profile-import';
import { addSource, listSources, removeSource, setPaused, syncAll, syncSource } from './sources';
import { notifyTabs } from './notify';
import { openPanel, panelData } from './panel';
import { reportData, screenshotFromReport, startReport } from './report';
import { lookStats, querySignals, scanImage } from './scan';
import { benchmarkMatching, timeMatches } from '../engine/matcher-bench';

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
  await undo(decisionId);
  await notifyTabs(undefined);
  return { ok: true };
}

export const backgroundHandlers: Handlers<'background'> = {
  'scan/image': (payload, sender) => scanImage(payload, sender.tab?.id),
  'panel/open': ({ site, imageKey, postId }, sender) => openPanel(site, imageKey, postId, sender.tab?.id),
  'decision/undo-from-page': ({ id: decisionId }) => undoDecision(decisionId),
  'panel/get': ({ token }, sender) => panelData(token, sender.tab?.id),
  'panel/close': async ({ which }, sender) => {
    if (sender.tab?.id !== undefined) await sendToTab(sender.tab.id, 'content/close-panel', { which });
    return { ok: true };
  },
  'panel/size': async ({ height }, sender) => {
    if (sender.tab?.id !== undefined) await sendToTab(sender.tab.id, 'content/panel-size', { height });
    return { ok: true };
  },
  'decision/make': ({ findingId, kind }, sender) => makeDecision(findingId, kind, sender.tab?.id),
  'decision/undo': ({ id: decisionId }) => undoDecision(decisionId),
  'decision/list': () => listDecisions(),
  'tab/report': ({ tabId }) => tabReport(tabId),
  'findings/list': () => listFindings(),
  'findings/delete': async ({ ids }) => ({ deleted: await deleteFindings(ids) }),
  // The panel frame lives in the post's tab; the popup names the tab it speaks for; the Findings page is in a
  // tab of its own, which is not the post's.
  'report/start': ({ findingId, tabId }, sender) =>
    startReport(findingId, tabId ?? (sender.url?.startsWith(browser.runtime.getURL('src/panel/')) ? sender.tab?.id : undefined)),
  'report/get': ({ findingId }) => reportData(findingId),
  'report/screenshot': ({ findingId }, sender) => screenshotFromReport(findingId, sender.tab?.id),
  'case/log': async ({ findingId, status, notes, workFacts }) => {
    const c = await logCase(findingId, status, notes, workFacts);
    await notifyTabs(undefined);
    return c;
  },
  'case/update': async ({ id: caseId, status, notes }) => {
    const c = await updateCase(caseId, status, notes);
    await notifyTabs(undefined);
    return c;
  },
  'gallery/import-progress': ({ job, since }) => importProgress(job, since ?? 0),
  'gallery/import-cancel': async ({ job }) => { await cancelImport(job); return { ok: true as const }; },
  'gallery/restore': ({ works }) => restoreWorks(works),
  'gallery/list': () => listWorks(),
  'gallery/first-page': ({ count, pictures }) => firstWorks(count, pictures),
  'sources/list': () => listSources(),
  'sources/add': ({ url }) => addSource(url),
  'sources/pause': async ({ id: sourceId, paused }) => { await setPaused(sourceId, paused); return { ok: true as const }; },
  'sources/remove': ({ id: sourceId, removeWorks }) => removeSource(sourceId, removeWorks),
  'sources/sync': async ({ id: sourceId }) => {
    // Answered at once: the page follows the sync through sources/list.
    void (sourceId ? syncSource(sourceId) : syncAll());
    return { ok: true as const };
  },
  'profile/start': ({ tabId }) => startProfileImport(tabId),
  'profile/import-post': ({ token, post }, sender) => importProfilePost(token, post, sender),
  'gallery/count': async () => ({ works: (await gallery()).works.size }),
  'gallery/delete': async ({ ids }) => ({ deleted: await deleteWorks(ids) }),
  'gallery/undelete': async ({ ids }) => ({ restored: await undeleteWorks(ids) }),
  'gallery/update': ({ id, details }) => updateWork(id, details),
  'gallery/thumbnails': ({ ids }) => thumbnails(ids),
  // Diagnostics for the benchmarks only, not built into release builds: bench/match builds throwaway galleries;
  // bench/match-gallery reads the artist's and changes nothing.
  ...(__INKSEAL_BENCH__ ? {
    'bench/match': async ({ galleries, query }) => benchmarkMatching(querySignals(query), galleries,
      () => (globalThis as unknown as { gc?: () => void }).gc?.()),
    'bench/match-gallery': async ({ queries, runs }) => {
      const g = await gallery();
      const qs = queries.map(querySignals);
      // The first match after a load builds the matcher (and its style index): timed as part of it.
      const start = performance.now();
      const { matcher } = g;
      if (qs[0]) matcher.match(qs[0]);
      const firstMs = performance.now() - start;
      return { works: matcher.size, firstMs, ...timeMatches(matcher, qs, runs) };
    },
    'bench/looks': async () => lookStats(),
  } satisfies Pick<Handlers<'background'>, 'bench/match' | 'bench/match-gallery' | 'bench/looks'> : {}),
};


