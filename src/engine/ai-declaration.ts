// Verdicts together: who declared a picture AI-generated (the platform's label in the post, the picture's own
// metadata, or both — kept apart so every view can say which evidence said what), and the headline a style
// resemblance gets when the same picture or post is AI-declared: "AI-labelled picture imitating your style", the
// case Inkseal was made for. Pure.
import type { MetadataEvidence, ProvenanceSummary } from './provenance/summary';

/** Either alone makes an `ai-labelled` finding. */
export interface AiDeclaration {
  /** The platform's label as shown in the post. */
  platform?: string;
  /** The picture's metadata declarations (C2PA, TC260, IPTC, a generator's fields), field by field. */
  metadata?: MetadataEvidence[];
}

/** Null when neither the page nor the file declares AI (an invalid C2PA manifest declares nothing). */
export function aiDeclaration(platformLabel: string | null | undefined, provenance: ProvenanceSummary | null | undefined): AiDeclaration | null {
  const platform = platformLabel?.trim() || undefined;
  const metadata = provenance?.ai ? provenance.evidence : undefined;
  if (!platform && !metadata) return null;
  return { ...(platform ? { platform } : {}), ...(metadata ? { metadata } : {}) };
}

/** Two sightings of one post (its pictures, or the same picture again): what either said, once. */
export function mergeDeclarations(a: AiDeclaration | null | undefined, b: AiDeclaration | null | undefined): AiDeclaration | null {
  if (!a || !b) return a ?? b ?? null;
  const seen = new Set<string>();
  const metadata = [...(a.metadata ?? []), ...(b.metadata ?? [])].filter((e) => {
    const key = `${e.source}|${e.field}|${e.value}`;
    return !seen.has(key) && seen.add(key);
  });
  const platform = b.platform ?? a.platform;
  return { ...(platform ? { platform } : {}), ...(metadata.length ? { metadata } : {}) };
}

export type Headline = 'copy' | 'edit' | 'style' | 'ai-labelled' | 'ai-style';

/** A style resemblance on an AI-declared picture or post reads as one finding; every other kind stands alone. */
export function headline(kind: 'copy' | 'edit' | 'style' | 'ai-labelled' | 'none', ai: AiDeclaration | null | undefined): Headline | null {
  if (kind === 'style' && ai && (ai.platform || ai.metadata?.length)) return 'ai-style';
  if (kind === 'none') return ai ? 'ai-labelled' : null;
  return kind;
}

/** Which evidence declared it, for the "said by" line: the platform, the metadata, or both. */
export function declaredBy(ai: AiDeclaration | null | undefined): 'platform' | 'metadata' | 'both' | null {
  const p = Boolean(ai?.platform);
  const m = Boolean(ai?.metadata?.length);
  return p && m ? 'both' : p ? 'platform' : m ? 'metadata' : null;
}
