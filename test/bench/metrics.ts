// Retrieval metrics for the benchmarks. A detection counts only when it names the right work.

export interface Scored { score: number; positive: boolean; correct: boolean }

/** Micro average precision over all queries pooled (DISC21's µAP): missed positives count as zero. */
export function microAP(items: Scored[]): number {
  const positives = items.filter((i) => i.positive).length;
  if (positives === 0) return 0;
  const ranked = [...items].sort((a, b) => b.score - a.score);
  let hits = 0;
  let sum = 0;
  ranked.forEach((it, rank) => {
    if (it.positive && it.correct) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return sum / positives;
}

/** The lowest threshold whose false-positive rate on negatives stays within `maxFpr`. */
export function thresholdAtFpr(negatives: number[], maxFpr: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(negatives.length * maxFpr);
  const edge = sorted[allowed];
  return edge === undefined ? -Infinity : edge + 1e-9;
}

export function rate(flags: boolean[]): number {
  return flags.length ? flags.filter(Boolean).length / flags.length : 0;
}

/** Mean average precision of ranking each item's same-class items first (leave-one-out). */
export function rankingMAP(vectors: Float32Array[], classes: string[], sim: (a: Float32Array, b: Float32Array) => number): number {
  let total = 0;
  vectors.forEach((q, qi) => {
    const ranked = vectors.map((v, j) => ({ j, s: j === qi ? -Infinity : sim(q, v) }))
      .filter((x) => x.j !== qi).sort((a, b) => b.s - a.s);
    let hits = 0;
    let ap = 0;
    ranked.forEach((x, r) => { if (classes[x.j] === classes[qi]) { hits++; ap += hits / (r + 1); } });
    total += hits ? ap / hits : 0;
  });
  return total / vectors.length;
}
