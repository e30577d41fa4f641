// The report page (?finding=<id>): turns one finding into a complaint the artist submits themselves. It reads
// the finding and its evidence, builds the notices live from the facts and the artist's details, and opens
// the platform's complaint page. Inkseal never submits anything.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildNotice, missingIdentity } from '../engine/notice';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { CaseRecord, EvidenceRecord, Identity, ReportData, WorkFacts } from '../shared/types';
import { Actions } from './actions';
import { CasePanel } from './case-panel';
import { Compare } from './compare';
import { Evidence } from './evidence';
import { isInfringement, noticeFacts } from './facts';
import { errorText } from './format';
import { EMPTY_IDENTITY, forgetIdentity, loadIdentity, rememberIdentity } from './identity';
import { IdentityForm } from './identity-form';
import { NoNotice, Notices } from './notices';
import { Scores } from './scores';
import { VerdictLine } from './verdict-line';

function useIdentity() {
  const [who, setWho] = useState<Identity>(EMPTY_IDENTITY);
  const [remember, setRemember] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadIdentity().then((stored) => {
      if (stored) {
        setWho(stored);
        setRemember(true);
      }
      setReady(true);
    });
  }, []);
  // Written on every change while ticked, so what is remembered is what the notice shows.
  useEffect(() => {
    if (ready && remember) void rememberIdentity(who);
  }, [ready, remember, who]);
  const onRemember = (next: boolean) => {
    setRemember(next);
    if (!next) void forgetIdentity();
  };
  return { who, setWho, remember, onRemember };
}

export function App() {
  const findingId = new URLSearchParams(location.search).get('finding');
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState(findingId ? '' : t('report_no_finding'));
  const [evidence, setEvidence] = useState<EvidenceRecord | null>(null);
  const [caseRecord, setCase] = useState<CaseRecord>();
  const [facts, setFacts] = useState<WorkFacts>({});
  const { who, setWho, remember, onRemember } = useIdentity();

  useEffect(() => {
    if (!findingId) return;
    send('report/get', { findingId }).then((d) => {
      setData(d);
      setEvidence(d.evidence);
      setCase(d.finding.case);
      setFacts(d.finding.case?.workFacts ?? d.work?.facts ?? {});
    }, (err) => setError(t('report_load_failed', errorText(err))));
  }, [findingId]);

  const finding = data?.finding;
  const workName = data?.work?.name ?? evidence?.work.name ?? finding?.verdict?.workName ?? '';
  const missing = missingIdentity(who);
  const notices = useMemo(() => {
    const nf = finding && evidence ? noticeFacts(finding, evidence, workName, facts) : null;
    return nf ? { zh: buildNotice('zh', nf, who), en: buildNotice('en', nf, who) } : null;
  }, [finding, evidence, workName, facts, who]);

  if (error) return <main class="report"><p class="error load-error" role="alert" data-testid="report-error">{error}</p></main>;
  if (!data || !finding) return <main class="report" aria-busy="true"><p class="muted">{t('report_loading')}</p></main>;

  const infringement = isInfringement(finding);
  return (
    <main class="report">
      <header>
        <p class="eyebrow">{t('report_heading')}</p>
        <VerdictLine finding={finding} workName={workName} />
        <p class="muted small">{t('report_intro')}</p>
      </header>
      {finding.verdict && <Compare
        postSrc={evidence?.post.dataUrl ?? finding.displayUrl} postIsRemote={!evidence?.post.dataUrl}
        workSrc={data.work?.dataUrl ?? evidence?.work.dataUrl ?? finding.workThumbnail} workTitle={workName}
        verdict={finding.verdict} transform={finding.verdict.transform}
      />}
      <Scores finding={finding} />
      <Evidence
        finding={finding} evidence={evidence} workTitle={workName} workAddedAt={data.work?.addedAt ?? evidence?.work.addedAt}
        facts={facts} onFacts={setFacts} onEvidence={setEvidence}
      />
      {infringement && <IdentityForm who={who} remember={remember} onChange={(k, v) => setWho((w) => ({ ...w, [k]: v }))} onRemember={onRemember} />}
      {!infringement ? <NoNotice kind={finding.kind} /> : notices ? <Notices zh={notices.zh} en={notices.en} missing={missing} /> : (
        <section class="card notices"><p class="error" role="alert">{t('report_notice_needs_evidence')}</p></section>
      )}
      <Actions finding={finding} evidence={evidence} notices={infringement ? notices : null} caseRecord={caseRecord} />
      <CasePanel findingId={finding.id} record={caseRecord} facts={facts} onCase={setCase} />
    </main>
  );
}
