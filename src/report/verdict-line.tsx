// The verdict in one sentence: what the post holds, of which work, how sure.
import { t } from '../shared/i18n';
import type { FindingView } from '../shared/types';
import { percent } from './format';
import { thisPost } from './site-words';
import { AiEvidence } from '../shared/ai-evidence';
import { declaredBy, headline } from '../engine/ai-declaration';

/** The kind of copy in words, from the verdict's transform. */
export function copyKind(kind: 'copy' | 'edit', transform: string | undefined): string {
  switch (transform) {
    case undefined:
    case 'identity': return kind === 'copy' ? t('report_kind_copy') : t('report_kind_edit');
    case 'mirror-x': return t('report_kind_mirror');
    case 'cropped': return t('report_kind_cropped');
    case 'framed': return t('report_kind_framed');
    case 'collage': return t('report_kind_collage');
    case 'screen-photo': return t('report_kind_screen_photo');
    case 'stickers': return t('report_kind_stickers');
    case 'inverted':
    case 'inverted-mirror-x': return t('report_kind_inverted');
    case 'rot90':
    case 'rot180':
    case 'rot270':
    case 'rotated': return t('report_kind_rotated');
    case 'mirror-y':
    case 'transpose':
    case 'anti-transpose': return t('report_kind_flipped');
    default: return t('report_kind_edit');
  }
}

export function verdictSentence(f: FindingView, workName: string): string {
  const subject = thisPost(f.site, f.postUrl);
  const v = f.verdict;
  if (f.kind === 'ai-labelled' || !v) {
    // The platform's label when there is one; otherwise the picture's own metadata said it.
    const platform = f.ai?.platform ?? f.aiLabel;
    return platform ? t('report_verdict_ai', subject, platform) : t('report_verdict_ai_metadata', subject);
  }
  const score = percent(v.score);
  if (headline(f.kind, f.ai) === 'ai-style') return t('report_verdict_ai_style', subject, workName, score);
  if (f.kind === 'style') return t('report_verdict_style', subject, workName, score);
  return t('report_verdict', subject, copyKind(f.kind, v.transform), workName, score);
}

export function VerdictLine({ finding, workName }: { finding: FindingView; workName: string }) {
  return (
    <>
      <p class={`verdict kind-${finding.kind}`} data-testid="report-verdict" data-kind={finding.kind} data-ai={declaredBy(finding.ai) ?? undefined}>
        {verdictSentence(finding, workName)}
      </p>
      <AiEvidence ai={finding.ai} platformLabel={finding.aiLabel} />
    </>
  );
}
