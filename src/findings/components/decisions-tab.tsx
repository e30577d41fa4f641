// The Decisions section: pictures marked "Not my work" and authorised accounts. Removing one undoes the
// decision, so the badge shows again on the page.
import { t } from '../../shared/i18n';
import type { Decision, FindingView } from '../../shared/types';
import { formatDay, profileUrl, siteName } from '../format';
import { authorOf } from './finding-row';
import { Picture } from './picture';

interface Props {
  decisions: Decision[];
  findings: FindingView[];
  busy: ReadonlySet<string>;
  onRemove: (d: Decision) => void;
}

/** What the artist recognises a decision by: the post's author and the matched work, not a CDN URL. */
function Subject({ decision: d, finding }: { decision: Decision; finding?: FindingView }) {
  if (d.kind === 'authorised') {
    // The key is `<site>|<profile URL or name>`.
    const url = profileUrl(d.key.slice(d.key.indexOf('|') + 1));
    return <p class="label">{url ? <a href={url} target="_blank" rel="noreferrer">{d.label}</a> : d.label}</p>;
  }
  const work = finding?.verdict?.workName;
  return (
    <>
      <p class="label" title={d.label}>{finding ? t('findings_decision_picture', authorOf(finding)) : t('findings_decision_picture_unknown')}</p>
      {work && <p class="work" title={work}>{t('findings_work', work)}</p>}
    </>
  );
}

function DecisionRow({ decision: d, finding, busy, onRemove }: { decision: Decision; finding?: FindingView; busy: boolean; onRemove: () => void }) {
  const name = d.kind === 'authorised' ? d.label : finding ? authorOf(finding) : d.label;
  return (
    <li class="decision" data-testid="decision-row" data-decision-id={d.id} data-kind={d.kind}>
      {d.kind === 'not-mine' && (
        <Picture src={d.imageUrl ?? finding?.displayUrl} alt={t('findings_post_image')} missing={t('findings_image_gone')} noReferrer />
      )}
      <div class="facts">
        <Subject decision={d} finding={finding} />
        <p class="muted">{siteName(d.site)} · {t('findings_decision_at', formatDay(d.at))}</p>
      </div>
      <button
        type="button" data-testid="decision-remove" disabled={busy}
        aria-label={t('findings_decision_remove_label', name)} onClick={onRemove}
      >
        {t('findings_decision_remove')}
      </button>
    </li>
  );
}

interface GroupProps extends Props { title: string; none: string }

function Group({ title, none, decisions, findings, busy, onRemove }: GroupProps) {
  return (
    <section class="decision-group">
      <h2>{title}</h2>
      {decisions.length === 0 ? (
        <p class="muted">{none}</p>
      ) : (
        <ul class="decisions">
          {decisions.map((d) => (
            <DecisionRow
              key={d.id} decision={d} busy={busy.has(d.id)} onRemove={() => onRemove(d)}
              finding={d.kind === 'not-mine' ? findings.find((f) => f.imageKey === d.key) : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export function DecisionsTab(props: Props) {
  const newest = [...props.decisions].sort((a, b) => b.at - a.at);
  const notMine = newest.filter((d) => d.kind === 'not-mine');
  const authorised = newest.filter((d) => d.kind === 'authorised');
  return (
    <>
      <p class="muted">{t('findings_decisions_intro')}</p>
      <Group
        {...props} decisions={notMine}
        title={t('findings_decisions_not_mine', notMine.length)} none={t('findings_decisions_none_not_mine')}
      />
      <Group
        {...props} decisions={authorised}
        title={t('findings_decisions_authorised', authorised.length)} none={t('findings_decisions_none_authorised')}
      />
    </>
  );
}
