// Which metadata declares an AI generator: the parameter blocks image generators write into PNG text chunks
// (and AUTOMATIC1111 into a JPEG's EXIF UserComment), and Software-like fields that name a generator. Each
// rule checks the block's shape, not only its keyword, so an unrelated tool's "prompt" chunk does not count. Pure.
import type { TextEntry } from './found';

export interface GeneratorHit { generator: string; field: string; value: string }

/** AUTOMATIC1111 / Forge / SD.Next "infotext": "…\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: …". */
export const A1111_INFOTEXT = /(^|\n)Steps: \d+, Sampler: [^,\n]+/;

/** Generator names in Software, CreatorTool, Source or UserComment fields. */
const NAMED = /\b(NovelAI|Midjourney|DALL[·-]?E ?\d?|Stable Diffusion|ComfyUI|AUTOMATIC1111|InvokeAI|Fooocus|Adobe Firefly|Imagen|Leonardo\.Ai|Ideogram|Dreamina|Flux\.1)\b|即梦|通义万相|文心一格|可灵/i;

export function namedGenerator(value: string): string | null {
  return NAMED.exec(value)?.[0] ?? null;
}

function json(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const shorten = (s: string) => (s.length > 160 ? `${s.slice(0, 160)}…` : s);

type Rule = (t: TextEntry, all: TextEntry[]) => string | null;

/** keyword → rule naming the generator when the chunk has that generator's shape. */
const RULES: Record<string, Rule> = {
  parameters: (t, all) => {
    const j = json(t.text);
    if (isObject(j) && (all.some((x) => x.keyword === 'fooocus_scheme') || /fooocus/i.test(String(j['version'] ?? j['Version'] ?? '')))) return 'Fooocus';
    return A1111_INFOTEXT.test(t.text) ? 'AUTOMATIC1111/Forge' : null;
  },
  fooocus_scheme: () => 'Fooocus',
  // ComfyUI's API graph: node id → { class_type, inputs }.
  prompt: (t) => {
    const j = json(t.text);
    return isObject(j) && Object.values(j).some((n) => isObject(n) && typeof n['class_type'] === 'string') ? 'ComfyUI' : null;
  },
  workflow: (t) => {
    const j = json(t.text);
    return isObject(j) && Array.isArray(j['nodes']) ? 'ComfyUI' : null;
  },
  invokeai_metadata: (t) => (isObject(json(t.text)) ? 'InvokeAI' : null),
  'sd-metadata': (t) => (isObject(json(t.text)) ? 'InvokeAI' : null),
  Dream: (t) => (/-s ?\d+|--steps/.test(t.text) ? 'InvokeAI' : null),
  Software: (t) => namedGenerator(t.text),
  Source: (t) => namedGenerator(t.text),
  // NovelAI's Comment is its parameters as JSON, next to Software: NovelAI.
  Comment: (t, all) => {
    const j = json(t.text);
    return isObject(j) && 'steps' in j && 'sampler' in j && all.some((x) => x.keyword === 'Software' && /NovelAI/i.test(x.text)) ? 'NovelAI' : null;
  },
  // NovelAI titles its pictures so; other tools that say it in a title say the same thing.
  Title: (t) => (/^\s*AI[- ]generated image\s*$/i.test(t.text) ? 'AI-generated (title)' : null),
  comment: (t) => (A1111_INFOTEXT.test(t.text) ? 'AUTOMATIC1111/Forge' : null),
};

export function textGenerators(texts: TextEntry[]): GeneratorHit[] {
  const out: GeneratorHit[] = [];
  for (const t of texts) {
    const rule = Object.hasOwn(RULES, t.keyword) ? RULES[t.keyword]! : null;
    const generator = rule?.(t, texts);
    if (generator) out.push({ generator, field: `${t.chunk} ${t.keyword}`, value: shorten(t.text) });
  }
  return out;
}
