// Which evidence declared a picture or post AI-generated, one line each: the platform's label as shown in the post,
// and every metadata field of the picture's file that declared it (C2PA, TC260, IPTC, a generator's own fields).
// Shared by the in-page panel, the popup, the Findings page and the report page, so all four say the same.
import { t } from './i18n';
import { headline, type AiDeclaration } from '../engine/ai-declaration';
import type { FindingKind } from './types';

const SOURCE_KEYS: Record<string, string> = {
  c2pa: 'ai_source_c2pa', tc260: 'ai_source_tc260', iptc: 'ai_source_iptc', exif: 'ai_source_exif', xmp: 'ai_source_xmp',
  'png-text': 'ai_source_png_text', 'jpeg-comment': 'ai_source_jpeg_comment', stealth: 'ai_source_stealth',
};

export function AiEvidence({ ai, platformLabel, lineClass = 'line' }: { ai?: AiDeclaration; platformLabel?: string | null; lineClass?: string }) {
  // Records made before metadata was read carry only the platform's label.
  const platform = ai?.platform ?? platformLabel ?? undefined;
  const metadata = ai?.metadata ?? [];
  if (!platform && metadata.length === 0) return null;
  return (
    <ul class="ai-evidence" data-testid="ai-evidence">
      {platform && <li class={lineClass} data-testid="ai-evidence-platform">{t('panel_ai_label', platform)}</li>}
      {metadata.map((e) => (
        <li class={lineClass} key={`${e.source}|${e.field}|${e.value}`} data-testid="ai-evidence-metadata" data-source={e.source}>
          {t('ai_evidence_metadata', t(SOURCE_KEYS[e.source] ?? e.source), `${e.field}: ${e.value}`)}
          {e.generator ? ` · ${e.generator}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** The finding's kind in words; a style resemblance on an AI-declared post is "AI-labelled picture imitating your style". */
export function kindWords(kind: FindingKind, ai: AiDeclaration | undefined): string {
  const h = headline(kind, ai) ?? kind;
  return t(`verdict_${h.replace('-', '_')}`);
}
