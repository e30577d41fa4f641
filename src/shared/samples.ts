// Bounded timing samples that bench:perf reads to split badge latency (content script and scan queue alike).

/** Samples kept per series: a long scroll's worth, bounded so a page left open for days does not grow it. */
const SAMPLES = 5_000;

export function sample(into: number[], ms: number): void {
  if (into.length < SAMPLES) into.push(ms);
}
