// The popup: this tab's findings grouped by post (post image beside the matched work), a per-site scanning
// switch, failures, and an empty state that explains what Inkseal does.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import { AiEvidence, kindWords } from '../shared/ai-evidence';
import { MIN_STYLE_WORKS } from '../engine/style';
import type { FailedScan, Finding, TabReport } from '../shared/types';
import { REFUSALS, type Refusal } from '../shared/refusal';
import { profileAt } from '../sites';
import { setSiteEnabled, siteState, type SiteState } from './sites';
import { PostPicture } from './post-picture';

/**
 * The tab this popup speaks for: the active tab (whose URL activeTab reveals when the artist clicks the toolbar
 * button), or `?tab=<id>&url=<page url>` when the popup is opened as a page (tests, the gallery page's links).
 */
async function targetTab(): Promise<{ id?: number; url?: string }> {
  const query = new URLSearchParams(location.search);
  const fromQuery = Number(query.get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) {
    const tab = await browser.tabs.get(fromQuery).catch(() => undefined);
    return { id: fromQuery, url: tab?.url ?? query.get('url') ?? undefined };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ?? {};
}

function byPost(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.post.postId, [...(groups.get(f.post.postId) ?? []), f]);
  return [...groups.values()];
}

/** What each refusal means to the artist, with how many pictures it stopped. */
const REFUSAL_TEXT: Record<Refusal, (n: number) => string> = {
  'too-large': (n) => t('popup_refusal_too_large', n),
  'timed-out': (n) => t('popup_refusal_timed_out', n),
  'blocked-address': (n) => t('popup_refusal_blocked_address', n),
  'redirected': (n) => t('popup_refusal_redirected', n),
  'unavailable': (n) => t('popup_refusal_unavailable', n),
  'unreachable': (n) => t('popup_refusal_unreachable', n),
  'unreadable': (n) => t('popup_refusal_unreadable', n),
};

function Failures({ failed }: { failed: FailedScan[] }) {
  const counts = REFUSALS.map((r) => [r, failed.filter((f) => f.refusal === r).length] as const).filter(([, n]) => n > 0);
  return (
    <>
      <p class="error" data-testid="failed">{t('popup_failed', failed.length)}</p>
      {counts.length > 0 && (
        <ul class="muted" data-testid="failed-reasons">
          {counts.map(([r, n]) => <li key={r} data-reason={r} data-count={n}>{REFUSAL_TEXT[r](n)}</li>)}
        </ul>
      )}
    </>
  );
}

const openFindings = () => void browser.tabs.create({ url: browser.runtime.getURL('src/findings/index.html') });

function PostCard({ findings, tabId, onChange }: { findings: Finding[]; tabId?: number; onChange: () => void }) {
  const post = findings[0]!.post;
  const [error, setError] = useState('');
  // The popup was opened by the artist's click on the toolbar button, which grants activeTab: the evidence
  // screenshot of the post's tab works from here without any extra permission.
  const report = (f: Finding) => send('report/start', { findingId: f.id, tabId }).then(() => window.close(), (e: Error) => setError(e.message));
  const notMine = (f: Finding) => send('decision/make', { findingId: f.id, kind: 'not-mine' }).then(onChange, (e: Error) => setError(e.message));
  const ai = findings.find((f) => f.kind === 'ai-labelled');
  return (
    <li class="finding" data-testid="post" data-post-id={post.postId}>
      {findings.filter((f) => f.verdict).map((f) => (
        <div key={f.imageKey} data-testid="finding" data-post-id={post.postId} data-kind={f.kind}>
          <div class="pair">
            <figure>
              <PostPicture url={f.imageUrl} alt={t('popup_post_image')} />
              <figcaption>{t('popup_post_image')}</figcaption>
            </figure>
            <figure>
              <img src={f.workThumbnail} alt={f.verdict!.workName ?? ''} />
              <figcaption>{t('popup_your_work', f.verdict!.workName ?? '')}</figcaption>
            </figure>
          </div>
          <div class="meta">
            <span class="kind" data-testid="kind">{kindWords(f.kind, f.ai ?? ai?.ai)}</span>
            <span data-testid="score">{t('popup_score', Math.round(f.verdict!.score * 100))}</span>
            {f.status && f.status !== 'new' && <span class="chip" data-testid="status">{t(`status_${f.status.replace('-', '_')}`)}</span>}
          </div>
          <div class="actions">
            <button class="primary" data-testid="report" onClick={() => void report(f)}>{t('panel_report')}</button>
            <button data-testid="not-mine" onClick={() => void notMine(f)}>{t('panel_not_mine')}</button>
          </div>
        </div>
      ))}
      {ai && <div class="ai" data-testid="ai-label"><AiEvidence ai={ai.ai} platformLabel={post.aiLabel} /></div>}
      {error && <p class="error">{error}</p>}
      <div class="meta">
        <span class="muted">{post.author ?? ''}</span>
        <a href={post.postUrl} target="_blank" rel="noreferrer">{t('popup_open_post')}</a>
      </div>
    </li>
  );
}

function SiteSwitch({ state, tabId }: { state: SiteState; tabId?: number }) {
  const [on, setOn] = useState(state.enabled);
  // The switch shows the state that holds, not the click: it stays put and disabled until the permission,
  // the setting and the content script are all done (or refused).
  const [busy, setBusy] = useState(false);
  const name = state.site === 'generic' ? new URL(state.origin).host : t(`site_${state.site}`);
  return (
    <label class="switch">
      <input
        type="checkbox" checked={on} disabled={busy} aria-busy={busy} data-testid="site-switch"
        onChange={async (e) => {
          const wanted = e.currentTarget.checked;
          e.currentTarget.checked = on;
          setBusy(true);
          try {
            setOn(await setSiteEnabled(state, wanted, tabId));
          } finally {
            setBusy(false);
          }
        }}
      />
      {t('popup_scan_site', name)}
    </label>
  );
}

/**
 * "Import my works from this page", on an importable profile page. Inkseal cannot tell whose profile a page is
 * (the sites mark the signed-in artist's own profile in ways that change), so the artist says so by pressing it;
 * the note under the button says what it will do.
 */
function ProfileImportButton({ tabId }: { tabId: number }) {
  const [state, setState] = useState<'idle' | 'starting' | 'started'>('idle');
  const [error, setError] = useState('');
  const start = async () => {
    setState('starting');
    setError('');
    try {
      await send('profile/start', { tabId });
      setState('started');
    } catch (e) {
      setError((e as Error).message);
      setState('idle');
    }
  };
  return (
    <section class="profile-import" data-testid="profile-import">
      {state === 'started' ? (
        <p data-testid="profile-import-started">{t('popup_profile_import_started')}</p>
      ) : (
        <>
          <button class="primary" data-testid="profile-import-start" disabled={state === 'starting'} onClick={() => void start()}>
            {t('popup_profile_import')}
          </button>
          <p class="muted">{t('popup_profile_import_note')}</p>
        </>
      )}
      {error && <p class="error" data-testid="profile-import-error">{t('popup_profile_import_failed', error)}</p>}
    </section>
  );
}

export function App() {
  const [report, setReport] = useState<TabReport | null>(null);
  const [galleryEmpty, setGalleryEmpty] = useState(false);
  const [galleryWorks, setGalleryWorks] = useState(0);
  const [site, setSite] = useState<SiteState | null>(null);
  const [tabId, setTabId] = useState<number>();
  const [profile, setProfile] = useState(false);

  const load = async () => {
      const tab = await targetTab();
      setTabId(tab.id);
      setProfile(tab.url !== undefined && profileAt(tab.url) !== null);
      const [r, works, s] = await Promise.all([
        tab.id === undefined ? Promise.resolve({ scanned: 0, findings: [], failed: [] }) : send('tab/report', { tabId: tab.id }),
        send('gallery/count', {}),
        siteState(tab.url),
      ]);
      setGalleryEmpty(works.works === 0);
      setGalleryWorks(works.works);
      setSite(s);
      setReport(r);
  };
  useEffect(() => void load(), []);

  if (report === null) return null;
  const openGallery = () => void browser.runtime.openOptionsPage();
  const groups = byPost(report.findings);
  return (
    <main>
      {site && <SiteSwitch state={site} tabId={tabId} />}
      {profile && tabId !== undefined && <ProfileImportButton tabId={tabId} />}
      {galleryEmpty ? (
        <section class="empty first-run" data-testid="first-run">
          <h1>{t('popup_first_title')}</h1>
          <p class="muted">{t('popup_first_body')}</p>
          <button class="primary" data-testid="first-add" onClick={openGallery}>{t('popup_first_add')}</button>
        </section>
      ) : groups.length === 0 ? (
        <section class="empty" data-testid="empty">
          <h1>{t('popup_empty_title')}</h1>
          <p class="muted">{t('popup_empty_body')}</p>
        </section>
      ) : (
        <section>
          <h1>{t('popup_title')}</h1>
          <ul class="list">{groups.map((g) => <PostCard key={g[0]!.post.postId} findings={g} tabId={tabId} onChange={() => void load()} />)}</ul>
        </section>
      )}
      {!galleryEmpty && (
        <p class="muted" data-testid="scanned">{report.scanned ? t('popup_scanned', report.scanned) : t('popup_nothing_yet')}</p>
      )}
      {!galleryEmpty && galleryWorks < MIN_STYLE_WORKS && (
        // Below this the style verdict says nothing rather than guess (engine/style.ts).
        <p class="muted" data-testid="style-needs-works">{t('style_needs_works', MIN_STYLE_WORKS, galleryWorks)}</p>
      )}
      {report.failed.length > 0 && <Failures failed={report.failed} />}
      {report.storageFull && <p class="error" data-testid="storage-full">{t('popup_storage_full')}</p>}
      <div class="actions">
        <button class={groups.length || galleryEmpty ? '' : 'primary'} onClick={openGallery}>{t('popup_open_gallery')}</button>
        <button data-testid="open-findings" onClick={openFindings}>{t('panel_all_findings')}</button>
      </div>
    </main>
  );
}
