// The Findings page: every finding Inkseal recorded, the artist's decisions and their cases, in three tabs.
// `?work=<workId>` pre-filters the findings to one work; `?tab=decisions|cases` opens that tab.
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { Decision, FindingView } from '../shared/types';
import { CasesTab, type CaseChange } from './components/cases-tab';
import { DecisionsTab } from './components/decisions-tab';
import { FindingsTab, type FindingActions } from './components/findings-tab';
import { TAB_IDS, TabPanel, Tabs, type TabId } from './components/tabs';
import { Toast, type ToastData } from './components/toast';
import { exportFindings } from './download';
import { filtersFromParams, type Filters } from './filters';

function tabFromParams(params: URLSearchParams): TabId {
  const tab = params.get('tab');
  return TAB_IDS.find((id) => id === tab) ?? 'findings';
}

/** Keeps the address in step with the tab and work filter, so a reload or a shared link shows the same view. */
function syncUrl(tab: TabId, work: string): void {
  const url = new URL(location.href);
  if (tab === 'findings') url.searchParams.delete('tab');
  else url.searchParams.set('tab', tab);
  if (work) url.searchParams.set('work', work);
  else url.searchParams.delete('work');
  history.replaceState(null, '', url);
}

let toastIds = 0;

export function App() {
  const params = new URLSearchParams(location.search);
  const [tab, setTab] = useState<TabId>(() => tabFromParams(params));
  const [filters, setFilters] = useState<Filters>(() => filtersFromParams(params));
  const [findings, setFindings] = useState<FindingView[] | null>(null);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [toast, setToast] = useState<ToastData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const drafts = useRef(new Map<string, string>()).current;

  async function refresh() {
    const [f, d] = await Promise.all([send('findings/list', {}), send('decision/list', {})]);
    setFindings(f);
    setDecisions(d);
  }

  /** Runs one action with its ids marked busy; a failure is shown, not thrown. Resolves whether it worked. */
  async function run(ids: string[], action: () => Promise<void>): Promise<boolean> {
    setBusy((b) => new Set([...b, ...ids]));
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      // Released after the refresh, so a row never looks actionable with its old status.
      await refresh().catch(() => undefined);
      setBusy((b) => new Set([...b].filter((id) => !ids.includes(id))));
    }
  }

  const say = (text: string, undo?: () => Promise<void>) => setToast({ id: ++toastIds, text, undo });

  useEffect(() => {
    refresh().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    // Cases change on the report page and findings arrive while the artist browses: show them on return.
    const onVisible = () => { if (document.visibilityState === 'visible') void refresh().catch(() => undefined); };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  useEffect(() => syncUrl(tab, filters.work), [tab, filters.work]);

  const actions: FindingActions = {
    report: async (f) => {
      await run([f.id], async () => {
        const { url } = await send('report/start', { findingId: f.id });
        await browser.tabs.create({ url });
      });
    },
    notMine: async (rows) => {
      // A bare AI label matched no work: there is no picture of the artist's to dismiss.
      const todo = rows.filter((f) => f.verdict && f.status !== 'not-mine');
      if (todo.length === 0) return true;
      const made: Decision[] = [];
      const ok = await run(todo.map((f) => f.id), async () => {
        for (const f of todo) made.push(await send('decision/make', { findingId: f.id, kind: 'not-mine' }));
      });
      if (made.length) {
        const text = made.length === 1 ? t('findings_toast_not_mine') : t('findings_toast_not_mine_many', made.length);
        say(text, () => undo(made));
      }
      return ok;
    },
    remove: async (rows) => {
      if (!confirm(t('findings_delete_confirm', rows.length))) return false;
      let deleted = 0;
      const ok = await run(rows.map((f) => f.id), async () => {
        ({ deleted } = await send('findings/delete', { ids: rows.map((f) => f.id) }));
      });
      if (ok) say(t('findings_toast_deleted', deleted));
      return ok;
    },
    exportRows: (rows, format) => exportFindings(rows, format),
  };

  async function undo(made: Decision[]) {
    await run(made.map((d) => d.id), async () => {
      for (const d of made) await send('decision/undo', { id: d.id });
    });
  }

  async function removeDecision(d: Decision) {
    if (await run([d.id], async () => void (await send('decision/undo', { id: d.id })))) {
      say(t('findings_toast_decision_removed'));
    }
  }

  const updateCase = (change: CaseChange) => run([change.id], async () => void (await send('case/update', change)));

  const count = (n: number | undefined) => (findings === null || n === undefined ? '…' : n);
  const labels: Record<TabId, string> = {
    findings: t('findings_tab_findings', count(findings?.length)),
    decisions: t('findings_tab_decisions', count(decisions.length)),
    cases: t('findings_tab_cases', count(findings?.filter((f) => f.case).length)),
  };

  return (
    <main aria-busy={findings === null}>
      <header>
        <h1>{t('findings_title')}</h1>
        <p class="muted">{t('findings_intro')}</p>
      </header>
      <Tabs current={tab} labels={labels} label={t('findings_title')} onSelect={setTab} />
      {error && <p class="error" role="alert">{t('findings_error', error)}</p>}
      <TabPanel id={tab}>
        {findings === null ? (
          !error && <p class="muted">{t('findings_loading')}</p>
        ) : tab === 'findings' ? (
          <FindingsTab findings={findings} filters={filters} onFilters={setFilters} busy={busy} actions={actions} />
        ) : tab === 'decisions' ? (
          <DecisionsTab decisions={decisions} findings={findings} busy={busy} onRemove={(d) => void removeDecision(d)} />
        ) : (
          <CasesTab findings={findings} drafts={drafts} onUpdate={updateCase} />
        )}
      </TabPanel>
      <div class="toast-region" role="status" aria-live="polite">
        {toast && <Toast key={toast.id} toast={toast} onClose={() => setToast(null)} />}
      </div>
    </main>
  );
}
