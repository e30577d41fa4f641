// Each signal's best score against the bar it must clear, which one decided, and the engine that measured it.
import { hashScore } from '../engine/matcher';
import { GLOBAL_COPY, HASH_COPY_DISTANCE, REGIONAL_EDIT, STYLE_MATCH } from '../engine/verdict';
import { t } from '../shared/i18n';
import type { FindingView } from '../shared/types';
import { percent } from './format';

type Signal = 'hash' | 'global' | 'regional' | 'style';

const THRESHOLDS: Record<Signal, number> = {
  hash: hashScore(HASH_COPY_DISTANCE),
  global: GLOBAL_COPY,
  regional: REGIONAL_EDIT,
  style: STYLE_MATCH,
};

export function signalName(s: string | undefined): string {
  switch (s) {
    case 'hash': return t('report_signal_hash');
    case 'global': return t('report_signal_global');
    case 'regional': return t('report_signal_regional');
    case 'style': return t('report_signal_style');
    case 'local': return t('report_signal_local');
    case 'overlay': return t('report_signal_overlay');
    case 'screen': return t('report_signal_screen');
    case 'stickers': return t('report_signal_stickers');
    default: return t('report_not_recorded');
  }
}

export function Scores({ finding }: { finding: FindingView }) {
  const v = finding.verdict;
  if (!v) return null;
  const signals = v.signals;
  return (
    <section class="card scores" data-testid="scores" aria-labelledby="scores-h">
      <h2 id="scores-h">{t('report_scores_title')}</h2>
      <p>
        <strong data-testid="score-total">{t('report_score_total', percent(v.score))}</strong>
        {' · '}
        <span data-testid="method" data-method={v.signal ?? ''}>{t('report_decided_by', signalName(v.signal))}</span>
      </p>
      {signals && (
        <ul class="signals">
          {(['hash', 'global', 'regional', 'style'] as const).map((s) => (
            <li key={s} data-testid="signal" data-signal={s} class={v.signal === s ? 'decided' : ''}>
              <span class="label">{signalName(s)}</span>
              <span class="bar" aria-hidden="true">
                <span class="fill" style={{ width: `${percent(signals[s])}%` }} />
                <span class="mark" style={{ left: `${percent(THRESHOLDS[s])}%` }} />
              </span>
              <span class="value">{signals[s].toFixed(3)}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">{t('report_scores_hint')}</p>
      <p class="muted small">{t('report_engine', finding.engineVersion)}</p>
    </section>
  );
}
