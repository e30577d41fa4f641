// Platform AI-generation labels in a post's text. Platforms word them freely (小红书 「笔记含AI合成内容」,
// 微博 「内容由AI生成」, risk notices such as 「疑似包含AI创作」), so they are matched by pattern, not by class.
const AI_LABEL = /AI.{0,6}(合成|生成|创作|制作)|(合成|生成|创作|制作).{0,6}AI|AIGC|人工智能生成/i;

/** The label as shown (trimmed to its sentence), or null. */
export function findAiLabel(text: string): string | null {
  const m = AI_LABEL.exec(text);
  if (!m) return null;
  const start = Math.max(0, text.lastIndexOf('\n', m.index) + 1, m.index - 12);
  return text.slice(start, m.index + m[0].length + 8).split('\n')[0]!.trim();
}
