// Verdicts together: which evidence declared AI stays apart, and a style resemblance on an AI-declared post reads
// as "AI-labelled picture imitating your style".
import { describe, expect, test } from 'vitest';
import { aiDeclaration, declaredBy, headline, mergeDeclarations } from '../../src/engine/ai-declaration';
import type { ProvenanceSummary } from '../../src/engine/provenance/summary';

const c2paAi: ProvenanceSummary = { ai: true, c2pa: 'valid', evidence: [{ source: 'c2pa', field: 'digitalSourceType', value: 'trainedAlgorithmicMedia', generator: 'Adobe Firefly' }] };
const invalid: ProvenanceSummary = { ai: false, c2pa: 'invalid', evidence: [] };

describe('AI declarations', () => {
  test('the platform label and the metadata are kept apart, and either alone declares AI', () => {
    expect(aiDeclaration('笔记含AI合成内容', null)).toEqual({ platform: '笔记含AI合成内容' });
    expect(aiDeclaration(null, c2paAi)).toEqual({ metadata: c2paAi.evidence });
    expect(declaredBy(aiDeclaration('内容由AI生成', c2paAi))).toBe('both');
    expect(declaredBy(aiDeclaration(null, c2paAi))).toBe('metadata');
  });

  test('an invalid C2PA manifest, or no label at all, declares nothing', () => {
    expect(aiDeclaration(null, invalid)).toBeNull();
    expect(aiDeclaration('  ', undefined)).toBeNull();
  });

  test('style on an AI-declared post reads as one finding; copies and plain style stand alone', () => {
    expect(headline('style', { metadata: c2paAi.evidence })).toBe('ai-style');
    expect(headline('style', { platform: 'AI生成' })).toBe('ai-style');
    expect(headline('style', null)).toBe('style');
    expect(headline('copy', { platform: 'AI生成' })).toBe('copy');
    expect(headline('none', { platform: 'AI生成' })).toBe('ai-labelled');
    expect(headline('none', null)).toBeNull();
  });

  test('two pictures of one post: what each file said is gathered once', () => {
    const a = aiDeclaration('AI生成', null);
    const b = aiDeclaration(null, c2paAi);
    const merged = mergeDeclarations(mergeDeclarations(a, b), b);
    expect(merged).toEqual({ platform: 'AI生成', metadata: c2paAi.evidence });
  });
});
