// Logging the report as a case the artist tracks until the platform answers (open → reported → resolved /
// rejected). Logging is the artist's statement of where things stand: Inkseal cannot see what they submitted.
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { CaseRecord, CaseStatus, WorkFacts } from '../shared/types';
import { dateTime, errorText } from './format';

const STATUSES: readonly CaseStatus[] = ['open', 'reported', 'resolved', 'rejected'];

/** The same words as the Findings page and the badge (status_*). */
export function statusName(s: CaseStatus): string {
  switch (s) {
    case 'open': return t('status_open');
    case 'reported': return t('status_reported');
    case 'resolved': return t('status_resolved');
    case 'rejected': return t('status_rejected');
  }
}

/** Only the facts the artist filled in. */
function filled(facts: WorkFacts): WorkFacts | undefined {
  const entries = Object.entries(facts).filter(([, v]) => typeof v === 'string' && v.trim());
  return entries.length ? Object.fromEntries(entries.map(([k, v]) => [k, (v as string).trim()])) : undefined;
}

function LogCase({ findingId, facts, onCase }: { findingId: string; facts: WorkFacts; onCase: (c: CaseRecord) => void }) {
  const [status, setStatus] = useState<CaseStatus>('open');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function log() {
    setBusy(true);
    setError('');
    try {
      onCase(await send('case/log', { findingId, status, notes: notes.trim() || undefined, workFacts: filled(facts) }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <div class="log-case">
      <p class="muted small">{t('report_log_hint')}</p>
      <label>
        <span>{t('report_log_status')}</span>
        <select value={status} data-testid="log-status" onChange={(e) => setStatus(e.currentTarget.value as CaseStatus)}>
          <option value="open">{t('report_log_status_open')}</option>
          <option value="reported">{t('report_log_status_reported')}</option>
        </select>
      </label>
      <label>
        <span>{t('report_case_notes')}</span>
        <textarea rows={2} value={notes} data-testid="log-notes" placeholder={t('report_case_notes_placeholder')} onInput={(e) => setNotes(e.currentTarget.value)} />
      </label>
      <button type="button" class="primary" data-testid="log-case" disabled={busy} aria-busy={busy} onClick={() => void log()}>
        {t('report_log_case')}
      </button>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}

function CaseView({ record, onCase }: { record: CaseRecord; onCase: (c: CaseRecord) => void }) {
  const [status, setStatus] = useState(record.status);
  const [notes, setNotes] = useState(record.notes);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState('');
  useEffect(() => {
    if (state !== 'saved') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function save() {
    setState('saving');
    setError('');
    try {
      const next = await send('case/update', { id: record.id, status, notes });
      onCase(next);
      setState('saved');
    } catch (err) {
      setError(errorText(err));
      setState('idle');
    }
  }

  return (
    <div class="case" data-testid="case" data-status={record.status}>
      <p>
        <span class={`status status-${record.status}`}>{statusName(record.status)}</span>
        <span class="muted small"> · {t('report_case_opened', dateTime(record.openedAt))} · {t('report_case_updated', dateTime(record.updatedAt))}</span>
      </p>
      <div class="grid">
        <label>
          <span>{t('report_case_status')}</span>
          <select value={status} data-testid="case-status" onChange={(e) => setStatus(e.currentTarget.value as CaseStatus)}>
            {STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
          </select>
        </label>
        <label class="wide">
          <span>{t('report_case_notes')}</span>
          <textarea rows={3} value={notes} data-testid="case-notes" placeholder={t('report_case_notes_placeholder')} onInput={(e) => setNotes(e.currentTarget.value)} />
        </label>
      </div>
      <button type="button" data-testid="case-save" data-state={state} disabled={state === 'saving'} onClick={() => void save()}>
        {state === 'saved' ? t('report_case_saved') : t('report_case_save')}
      </button>
      {error && <p class="error" role="alert">{error}</p>}
      {record.history.length > 0 && (
        <ol class="history muted small" aria-label={t('report_case_history')}>
          {record.history.map((h, i) => <li key={i}>{t('report_case_history_item', statusName(h.status), dateTime(h.at))}</li>)}
        </ol>
      )}
    </div>
  );
}

export function CasePanel({ findingId, record, facts, onCase }: {
  findingId: string; record: CaseRecord | undefined; facts: WorkFacts; onCase: (c: CaseRecord) => void;
}) {
  return (
    <section class="card case-panel" aria-labelledby="case-h">
      <h2 id="case-h">{record ? t('report_case_title') : t('report_log_title')}</h2>
      {record ? <CaseView key={record.id} record={record} onCase={onCase} /> : <LogCase findingId={findingId} facts={facts} onCase={onCase} />}
    </section>
  );
}
