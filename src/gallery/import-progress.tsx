// The import as the artist sees it: "N of M", a bar, the time left and Cancel while it runs; then one summary
// with a collapsed list of the files that were skipped or failed, each with its reason.
import { t } from '../shared/i18n';
import { count, timeLeftMs, type ImportProgress, type Outcome } from './import-queue';

type Failure = Extract<Outcome, { kind: 'failed' }>;

const REASON: Record<Failure['reason'], (detail: string) => string> = {
  'empty': () => t('gallery_reason_empty'),
  'too-large': () => t('gallery_reason_too_large'),
  'not-image': () => t('gallery_reason_not_image'),
  'unsupported': (format) => t('gallery_reason_unsupported', format),
  'truncated': () => t('gallery_reason_truncated'),
  'too-many-pixels': (size) => t('gallery_reason_too_many_pixels', size),
  'error': (message) => t('gallery_reason_error', message),
  'unreachable': (why) => t('gallery_reason_unreachable', why),
};

function timeLeft(p: ImportProgress): string {
  const ms = timeLeftMs(p);
  if (ms === undefined) return t('gallery_import_estimating');
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? t('gallery_import_left_seconds', Math.max(1, seconds)) : t('gallery_import_left_minutes', Math.ceil(seconds / 60));
}

export function ImportProgressView({ progress: p, onCancel }: { progress: ImportProgress; onCancel: () => void }) {
  const active = p.state === 'running' || p.state === 'stopping';
  return (
    <section class="import" data-testid="import-progress" data-done={p.done} data-total={p.total} data-state={p.state}>
      <div class="import-line">
        <span role="status">{t('gallery_import_count', p.done, p.total)}</span>
        {active && <span class="muted">{p.state === 'stopping' ? t('gallery_import_stopping') : timeLeft(p)}</span>}
        {active && (
          <button type="button" data-testid="import-cancel" disabled={p.state === 'stopping'} onClick={onCancel}>
            {t('gallery_import_cancel')}
          </button>
        )}
      </div>
      <progress max={Math.max(1, p.total)} value={p.done} />
    </section>
  );
}

function Row({ o }: { o: Outcome }) {
  if (o.kind === 'duplicate') {
    return (
      <li data-testid="import-duplicate">
        <span class="file">{o.label}</span>
        <span class="muted">{t('gallery_import_duplicate_row', o.existing)}</span>
      </li>
    );
  }
  if (o.kind !== 'failed') return null;
  return (
    <li data-testid="import-failure" data-reason={o.reason}>
      <span class="file">{o.label}</span>
      <span class="reason">{REASON[o.reason](o.detail ?? '')}</span>
    </li>
  );
}

/** Shown once the import has stopped; the rows stay collapsed so a 500-file folder does not flood the page. */
export function ImportSummary({ progress: p }: { progress: ImportProgress }) {
  const added = count(p, 'added'), duplicates = count(p, 'duplicate'), failed = count(p, 'failed');
  const notAdded = p.total - p.done;
  const rows = p.outcomes.filter((o) => o.kind !== 'added')
    // Failures first: they are what the artist has to act on.
    .sort((a, b) => Number(b.kind === 'failed') - Number(a.kind === 'failed'));
  return (
    <section class="import-summary" data-testid="import-summary" data-added={added} data-duplicates={duplicates} data-failed={failed}
      data-not-added={notAdded}>
      <p>
        <strong>{p.state === 'cancelled' ? t('gallery_import_cancelled') : t('gallery_import_finished')}</strong>
        <span>{t('gallery_import_added', added)}</span>
        {duplicates > 0 && <span>{t('gallery_import_duplicates', duplicates)}</span>}
        {failed > 0 && <span class="failed">{t('gallery_import_failed', failed)}</span>}
        {notAdded > 0 && <span>{t('gallery_import_not_added', notAdded)}</span>}
      </p>
      {rows.length > 0 && (
        <details>
          <summary>{t('gallery_import_details')}</summary>
          <ul>{rows.map((o, i) => <Row key={i} o={o} />)}</ul>
        </details>
      )}
    </section>
  );
}
