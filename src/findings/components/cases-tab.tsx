// The Cases section: every report the artist made, its status as the platform answers, notes and history.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { CaseRecord, CaseStatus, FindingView } from '../../shared/types';
import { formatMoment, postSiteName, statusName } from '../format';
import { authorOf } from './finding-row';
import { Picture } from './picture';
import { StatusChip } from './status-chip';

const CASE_STATUSES: readonly CaseStatus[] = ['open', 'reported', 'resolved', 'rejected'];

export type CaseChange = { id: string; status?: CaseStatus; notes?: string };

interface Props {
  findings: FindingView[];
  /** Unsaved notes by case id, kept by the page so switching tabs does not lose them. */
  drafts: Map<string, string>;
  /** Resolves false when the background refused the change. */
  onUpdate: (change: CaseChange) => Promise<boolean>;
}

function History({ history }: { history: CaseRecord['history'] }) {
  return (
    <details class="history">
      <summary>{t('findings_case_history', history.length)}</summary>
      <ol>
        {[...history].reverse().map((h, i) => (
          <li key={i}><StatusChip status={h.status} /> <time dateTime={new Date(h.at).toISOString()}>{formatMoment(h.at)}</time></li>
        ))}
      </ol>
    </details>
  );
}

function CaseRow({ finding, drafts, onUpdate }: { finding: FindingView & { case: CaseRecord } } & Omit<Props, 'findings'>) {
  const c = finding.case;
  const [draft, setDraft] = useState<string | null>(drafts.get(c.id) ?? null);
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const notesId = `notes-${c.id}`;
  const workName = finding.verdict?.workName;

  function edit(notes: string) {
    setDraft(notes);
    setSaved(false);
    drafts.set(c.id, notes);
  }

  async function changeStatus(next: CaseStatus) {
    setStatus(next);
    await onUpdate({ id: c.id, status: next });
    setStatus(null);
  }

  async function save() {
    if (draft === null) return;
    setSaving(true);
    const ok = await onUpdate({ id: c.id, notes: draft });
    setSaving(false);
    if (!ok) return;
    drafts.delete(c.id);
    setDraft(null);
    setSaved(true);
  }

  return (
    <li class="case" data-testid="case-row" data-case-id={c.id} data-status={c.status}>
      <Picture src={finding.displayUrl} alt={t('findings_post_image')} missing={t('findings_image_gone')} noReferrer />
      <div class="facts">
        <p class="where">
          <strong>{authorOf(finding)}</strong>
          <span>{postSiteName(c.site, c.postUrl)}</span>
          <a href={c.postUrl} target="_blank" rel="noreferrer">{t('findings_open_post')}</a>
        </p>
        {workName && <p class="work" title={workName}>{t('findings_work', workName)}</p>}
        <p class="muted">
          {t('findings_case_opened', formatMoment(c.openedAt))} · {t('findings_case_updated', formatMoment(c.updatedAt))}
        </p>
        <label class="field">
          <span>{t('findings_case_status')}</span>
          <select
            data-testid="case-status" value={status ?? c.status} disabled={status !== null}
            onChange={(e) => void changeStatus(e.currentTarget.value as CaseStatus)}
          >
            {CASE_STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
          </select>
        </label>
        <label class="field notes" for={notesId}>{t('findings_case_notes')}</label>
        <textarea
          id={notesId} data-testid="case-notes" rows={3} value={draft ?? c.notes} placeholder={t('findings_case_notes_placeholder')}
          onInput={(e) => edit(e.currentTarget.value)}
        />
        <p class="save">
          <button type="button" data-testid="case-save" disabled={saving || draft === null} onClick={() => void save()}>
            {t('findings_case_save')}
          </button>
          <span class="muted" role="status">{saved ? t('findings_case_saved') : ''}</span>
        </p>
        <History history={c.history} />
      </div>
    </li>
  );
}

export function CasesTab({ findings, drafts, onUpdate }: Props) {
  const cases = findings
    .filter((f): f is FindingView & { case: CaseRecord } => f.case !== undefined)
    .sort((a, b) => b.case.updatedAt - a.case.updatedAt);
  return (
    <>
      <p class="muted">{t('findings_cases_intro')}</p>
      {cases.length === 0 ? (
        <p class="empty-note">{t('findings_cases_empty')}</p>
      ) : (
        <ul class="cases">
          {cases.map((f) => <CaseRow key={f.case.id} finding={f} drafts={drafts} onUpdate={onUpdate} />)}
        </ul>
      )}
    </>
  );
}
