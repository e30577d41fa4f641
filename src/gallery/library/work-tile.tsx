// One work in the grid: its picture, title, when and where it came from, how many findings matched it, and
// the actions on it. Fixed height (INFO_HEIGHT) so the grid can place tiles without measuring them.
import { t } from '../../shared/i18n';
import type { WorkSummary } from '../../shared/types';

export const INFO_HEIGHT = 78;

const day = (ms: number) => new Date(ms).toLocaleDateString();

export function WorkTile({ work, thumbnail, selected, onSelect, onEdit, onDelete, style }: {
  work: WorkSummary; thumbnail?: string; selected: boolean; style: string;
  onSelect: (on: boolean) => void; onEdit: () => void; onDelete: () => void;
}) {
  const title = work.title || work.name;
  return (
    <li data-testid="work" data-id={work.id} data-title={title} class={selected ? 'selected' : ''} style={style}>
      <label class="pick" title={t('gallery_select')}>
        <input type="checkbox" data-testid="work-select" checked={selected} aria-label={t('gallery_select_work', title)}
          onChange={(e) => onSelect(e.currentTarget.checked)} />
      </label>
      {thumbnail ? <img src={thumbnail} alt={title} /> : <div class="img-wait" aria-hidden="true" />}
      <div class="info">
        <span class="name" title={title} data-testid="work-title">{title}</span>
        <span class="meta">
          {work.createdOn ?? day(work.addedAt)} · {t(`gallery_source_${(work.source?.kind ?? 'file').replace('-', '_')}`)}
        </span>
        <div class="row">
          {work.findings > 0
            ? <a data-testid="work-findings" href={`../findings/index.html?work=${encodeURIComponent(work.id)}`} target="_blank" title={t('gallery_seen_in', work.findings)}>{t('gallery_findings_count', work.findings)}</a>
            : <span class="muted">{t('gallery_seen_none')}</span>}
          <span class="actions">
            <button type="button" data-testid="work-edit" onClick={onEdit}>{t('gallery_edit')}</button>
            <button type="button" data-testid="work-delete" onClick={onDelete}>{t('gallery_delete')}</button>
          </span>
        </div>
      </div>
    </li>
  );
}
