// The evidence as a platform or a court would ask for it: the screenshot, where the post and its picture live,
// who posted it, when it was captured, the work with its dates, and the hashes that tie the files to the record.
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { timeStamp } from '../engine/notice';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import { transformKey } from '../shared/words';
import type { EvidenceRecord, FindingView, WorkFacts } from '../shared/types';
import { date, errorText, fileSize } from './format';
import { signalName } from './scores';
import { SCREENSHOT_GRANT } from '@capabilities';

/** The background's codes for a missing screenshot (src/background/evidence.ts), worded here. */
const MISSING = ['needs-permission', 'post-gone', 'tab-closed', 'away'];

interface Props {
  finding: FindingView;
  evidence: EvidenceRecord | null;
  workTitle: string;
  workAddedAt: number | undefined;
  facts: WorkFacts;
  onFacts: (facts: WorkFacts) => void;
  onEvidence: (evidence: EvidenceRecord) => void;
}

function Screenshot({ finding, evidence, onEvidence }: Pick<Props, 'finding' | 'evidence' | 'onEvidence'>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function capture() {
    // The permission request must be the first await: Firefox grants it only while the click is being handled.
    let granted: boolean;
    try {
      granted = await browser.permissions.request({ origins: ['<all_urls>'] });
    } catch (err) {
      // Chrome refuses a request for a permission the manifest does not list as optional.
      setError(errorText(err));
      return;
    }
    if (!granted) {
      setError(t('report_screenshot_denied'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      onEvidence(await send('report/screenshot', { findingId: finding.id }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (evidence?.screenshot) {
    return (
      <figure class="screenshot">
        <img src={evidence.screenshot} alt={t('report_screenshot_alt')} data-testid="evidence-screenshot" />
        <figcaption class="muted small">{t('report_screenshot_caption')}</figcaption>
      </figure>
    );
  }
  const code = evidence?.screenshotError;
  const reason = code && MISSING.includes(code) ? t(`report_screenshot_missing_${code.replace('-', '_')}`) : code;
  // Firefox lets an extension capture a tab only after a click on its toolbar button there (activeTab): no
  // permission the report page could ask for helps, so it says what to do instead.
  const toolbarOnly = SCREENSHOT_GRANT === 'toolbar';
  return (
    <div class="no-screenshot" data-testid="screenshot-missing">
      <p>
        <strong>{t('report_screenshot_none')}</strong>
        {reason && <> <span class="muted" data-testid="screenshot-error" data-code={code}>{t('report_screenshot_reason', reason)}</span></>}
      </p>
      <p class="muted small">{toolbarOnly ? t('report_screenshot_toolbar') : t('report_screenshot_why')}</p>
      {!toolbarOnly && (
        <button type="button" class="primary" data-testid="capture-screenshot" disabled={busy} aria-busy={busy} onClick={() => void capture()}>
          {busy ? t('report_screenshot_capturing') : t('report_screenshot_capture')}
        </button>
      )}
      {error && <p class="error" role="alert" data-testid="screenshot-capture-error">{error}</p>}
    </div>
  );
}

const Link = ({ href, testid }: { href: string | undefined; testid: string }) =>
  href ? <a href={href} target="_blank" rel="noreferrer" class="url" data-testid={testid}>{href}</a> : <span class="muted">{t('report_not_recorded')}</span>;

export function Evidence(props: Props) {
  const { finding, evidence, facts, onFacts } = props;
  const set = (key: keyof WorkFacts) => (e: Event) => onFacts({ ...facts, [key]: (e.currentTarget as HTMLInputElement).value });
  const captured = evidence ? timeStamp(evidence.capturedAt, evidence.timeZone) : null;

  return (
    <section class="card evidence" data-testid="evidence" aria-labelledby="evidence-h">
      <h2 id="evidence-h">{t('report_evidence_title')}</h2>
      {!evidence && <p class="error" role="alert" data-testid="evidence-missing">{t('report_evidence_missing')}</p>}
      <Screenshot {...props} />
      <dl class="facts">
        <dt>{t('report_fact_post_url')}</dt>
        <dd><Link href={finding.postUrl} testid="fact-post-url" /></dd>
        <dt>{t('report_fact_stable_url')}</dt>
        <dd><Link href={finding.stableUrl} testid="fact-stable-url" /></dd>
        <dt>{t('report_fact_display_url')}</dt>
        <dd><Link href={finding.displayUrl} testid="fact-display-url" /></dd>
        <dt>{t('report_fact_author')}</dt>
        <dd data-testid="fact-author">
          {finding.author ?? t('report_not_recorded')}
          {finding.authorId && <> · <a href={finding.authorId} target="_blank" rel="noreferrer">{t('report_fact_profile')}</a></>}
        </dd>
        {captured && (
          <>
            <dt>{t('report_fact_captured')}</dt>
            <dd data-testid="fact-captured">
              <span>{t('report_fact_utc', captured.utc)}</span>
              {captured.local && <><br /><span>{t('report_fact_local', captured.local)}</span></>}
            </dd>
          </>
        )}
        {evidence && !evidence.post.dataUrl && (
          <>
            <dt>{t('report_fact_post_picture')}</dt>
            <dd class="error" data-testid="post-picture-error">{t('report_post_picture_missing', evidence.post.error ?? '')}</dd>
          </>
        )}
        <dt>{t('report_fact_work')}</dt>
        <dd data-testid="fact-work">
          {props.workTitle ? t('report_work_title', props.workTitle) : t('report_not_recorded')}
          {props.workAddedAt !== undefined && <> · {t('report_work_added', date(props.workAddedAt))}</>}
        </dd>
        <dt>{t('report_fact_method')}</dt>
        <dd>{signalName(finding.verdict?.signal)}</dd>
        {finding.verdict?.transform && (
          <>
            <dt>{t('report_fact_transform')}</dt>
            <dd data-testid="fact-transform">{t(transformKey(finding.verdict.transform))}</dd>
          </>
        )}
        <dt>{t('report_fact_engine')}</dt>
        <dd><code>{finding.engineVersion}</code></dd>
        <dt>{t('report_fact_sha_post')}</dt>
        <dd>
          <code class="hash" data-testid="sha-post">{evidence?.post.sha256 ?? t('report_not_recorded')}</code>
          {evidence?.post.bytes !== undefined && <span class="muted small"> · {evidence.post.mime} · {fileSize(evidence.post.bytes)}</span>}
        </dd>
        <dt>{t('report_fact_sha_work')}</dt>
        <dd>
          <code class="hash" data-testid="sha-work">{evidence?.work.sha256 ?? t('report_not_recorded')}</code>
          {evidence && <span class="muted small"> · {evidence.work.mime} · {fileSize(evidence.work.bytes)}</span>}
        </dd>
      </dl>
      <fieldset class="work-facts">
        <legend>{t('report_work_facts_title')}</legend>
        <p class="muted small">{t('report_work_facts_hint')}</p>
        <div class="grid">
          <label>
            <span>{t('report_work_created')}</span>
            <input type="date" value={facts.created ?? ''} data-testid="work-created" onInput={set('created')} />
          </label>
          <label>
            <span>{t('report_work_first_date')}</span>
            <input type="date" value={facts.firstPublishedAt ?? ''} data-testid="work-first-date" onInput={set('firstPublishedAt')} />
          </label>
          <label class="wide">
            <span>{t('report_work_first_url')}</span>
            <input type="url" inputMode="url" placeholder="https://" value={facts.firstPublishedUrl ?? ''} data-testid="work-first-url" onInput={set('firstPublishedUrl')} />
          </label>
        </div>
      </fieldset>
    </section>
  );
}
