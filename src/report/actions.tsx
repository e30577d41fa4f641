// What the artist does with the report: open the platform's complaint page, download the evidence bundle.
// Inkseal only opens pages and saves files; the artist submits.
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { complaintTargets, type ComplaintTarget } from '../engine/complaint';
import { t } from '../shared/i18n';
import type { CaseRecord, EvidenceRecord, FindingView } from '../shared/types';
import { buildBundle } from './bundle';
import { errorText, fileSize } from './format';
import { postNoun, siteName } from './site-words';

function targetLabel(kind: ComplaintTarget['kind'], f: FindingView): string {
  switch (kind) {
    case 'ip-center': return t('report_target_ip_center', siteName(f.site, f.postUrl));
    case 'in-post': return t('report_target_in_post', postNoun(f.site));
    case 'report-page': return t('report_target_report_page', siteName(f.site, f.postUrl));
    case 'guide': return t('report_target_guide', siteName(f.site, f.postUrl));
  }
}

/** A style resemblance or an AI label is reported as content, not as infringement: no rights-holder portal. */
const CONTENT_REPORTS: ReadonlySet<ComplaintTarget['kind']> = new Set(['in-post', 'report-page']);

interface BundleFiles { name: string; files: { name: string; bytes: number; sha256: string }[] }

function Bundle({ finding, evidence, notices, caseRecord }: {
  finding: FindingView; evidence: EvidenceRecord; notices: { zh: string; en: string }; caseRecord?: CaseRecord;
}) {
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<BundleFiles | null>(null);
  const [error, setError] = useState('');

  async function download() {
    setBusy(true);
    setError('');
    try {
      const { zip, files, name } = await buildBundle({ finding, evidence, notices, caseRecord, generatedAt: Date.now() });
      const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked later, not at once: the download starts asynchronously in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMade({ name, files });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="bundle">
      <h3>{t('report_bundle_title')}</h3>
      <p class="muted small">{t('report_bundle_hint')}</p>
      <button type="button" data-testid="download-bundle" disabled={busy} aria-busy={busy} onClick={() => void download()}>
        {busy ? t('report_bundle_making') : t('report_bundle_download')}
      </button>
      {error && <p class="error" role="alert">{error}</p>}
      {made && (
        <>
          <p class="small" role="status">{t('report_bundle_saved', made.name)}</p>
          <ul class="files" data-testid="bundle-files">
            {made.files.map((f) => (
              <li key={f.name} data-name={f.name}>
                <span class="name">{f.name}</span>
                <span class="muted">{fileSize(f.bytes)}</span>
                <code class="hash">{f.sha256}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

interface Props {
  finding: FindingView;
  evidence: EvidenceRecord | null;
  /** Null for a style resemblance or an AI label (no infringement notice). */
  notices: { zh: string; en: string } | null;
  caseRecord?: CaseRecord;
}

export function Actions({ finding, evidence, notices, caseRecord }: Props) {
  const all = complaintTargets(finding.site, { postId: finding.postId, postUrl: finding.postUrl });
  const targets = notices ? all : all.filter((x) => CONTENT_REPORTS.has(x.kind));
  return (
    <section class="card actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('report_actions_title')}</h2>
      <p class="muted small">{notices ? t('report_actions_hint') : t('report_actions_hint_content')}</p>
      <div class="targets">
        {targets.map((x) => (
          <button key={x.kind} type="button" data-testid="open-complaint" data-kind={x.kind} onClick={() => void browser.tabs.create({ url: x.url })}>
            {targetLabel(x.kind, finding)} ↗
          </button>
        ))}
      </div>
      {notices && evidence && <Bundle finding={finding} evidence={evidence} notices={notices} caseRecord={caseRecord} />}
    </section>
  );
}
