// One finding: the post's picture beside the matched work, the verdict in words, where and when it was seen,
// where it stands, and what the artist can do about it.
import { t } from '../../shared/i18n';
import { AiEvidence, kindWords } from '../../shared/ai-evidence';
import type { FindingView } from '../../shared/types';
import { formatDay, formatMoment, kindName, postSiteName, profileUrl, sameDay, transformName } from '../format';
import { Picture } from './picture';
import { StatusChip } from './status-chip';

interface Props {
  finding: FindingView;
  selected: boolean;
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onReport: () => void;
  onNotMine: () => void;
}

export function authorOf(f: FindingView): string {
  return f.author || f.authorId || t('findings_author_unknown');
}

function Author({ finding }: { finding: FindingView }) {
  const url = profileUrl(finding.authorId);
  const name = authorOf(finding);
  return url ? <a href={url} target="_blank" rel="noreferrer">{name}</a> : <span>{name}</span>;
}

function Verdict({ finding: f }: { finding: FindingView }) {
  const v = f.verdict;
  const transform = transformName(v?.transform);
  return (
    <>
      <p class="verdict">
        <strong class={`kind kind-${f.kind}`}>{f.ai ? kindWords(f.kind, f.ai) : kindName(f.kind)}</strong>
        {v && <span>{t('findings_score', Math.round(v.score * 100))}</span>}
      </p>
      {transform && <p class="transform">{transform}</p>}
      <AiEvidence ai={f.ai} platformLabel={f.aiLabel} lineClass="transform" />
    </>
  );
}

export function FindingRow({ finding: f, selected, busy, onSelect, onReport, onNotMine }: Props) {
  const workName = f.verdict?.workName;
  const seen = sameDay(f.firstSeen, f.lastSeen)
    ? t('findings_seen_once', formatDay(f.lastSeen))
    : t('findings_seen', formatDay(f.firstSeen), formatDay(f.lastSeen));
  return (
    <li
      class={`finding${selected ? ' selected' : ''}`}
      data-testid="finding-row" data-finding-id={f.id} data-status={f.status} data-kind={f.kind} data-site={f.site}
    >
      <input
        type="checkbox" class="select" data-testid="row-select" checked={selected}
        aria-label={t('findings_select_row', authorOf(f))}
        onChange={(e) => onSelect(e.currentTarget.checked)}
      />
      <div class="pair">
        <figure>
          <Picture src={f.displayUrl} alt={t('findings_post_image')} missing={t('findings_image_gone')} noReferrer />
          <figcaption>{t('findings_post_image')}</figcaption>
        </figure>
        <figure>
          <Picture
            src={f.verdict?.workId ? f.workThumbnail : undefined} alt={workName ?? ''}
            missing={f.verdict?.workId ? t('findings_work_gone') : t('findings_no_work')}
          />
          <figcaption>{t('findings_work_image')}</figcaption>
        </figure>
      </div>
      <div class="facts">
        <Verdict finding={f} />
        {workName && <p class="work" title={workName}>{t('findings_work', workName)}</p>}
        <p class="where">
          <span>{postSiteName(f.site, f.postUrl)}</span>
          <Author finding={f} />
        </p>
        {f.title && <p class="title muted" title={f.title}>{f.title}</p>}
        <p class="muted">{seen}</p>
      </div>
      <div class="side">
        <StatusChip status={f.status} title={f.case ? t('findings_case_updated', formatMoment(f.case.updatedAt)) : undefined} />
        <div class="actions">
          {/* As in the panel: a platform's AI label alone matched no work, so there is nothing to report or dismiss. */}
          {f.verdict && (
            <>
              <button type="button" class="primary" data-testid="report" disabled={busy} onClick={onReport}>
                {t(f.case ? 'findings_report_again' : 'findings_report')}
              </button>
              <button type="button" data-testid="not-mine" disabled={busy || f.status === 'not-mine'} onClick={onNotMine}>
                {t('findings_not_mine')}
              </button>
            </>
          )}
          <a class="button" href={f.postUrl} target="_blank" rel="noreferrer">{t('findings_open_post')}</a>
        </div>
      </div>
    </li>
  );
}
