// Build modes and what they build in: `vite build [--mode firefox]` for development, tests and benchmarks;
// `--mode release` / `--mode firefox-release` for the store packages (npm run package). Node-side: read by
// vite.config.ts, and by the package checks, which make sure a release build holds no benchmark code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const isRelease = (mode: string): boolean => mode.endsWith('release');

/** The `define` constants of src/build-flags.d.ts for a mode. */
export function buildFlags(mode: string): Record<string, string> {
  return { __INKSEAL_BENCH__: JSON.stringify(!isRelease(mode)) };
}

/** The names of the benchmark messages: the keys their handlers are reached by. */
const BENCH_MARKS = ['bench/match', 'model/bench'];

/** Every script of a built extension that still holds a benchmark message (empty for a release build). */
export function benchLeftovers(dir: string): string[] {
  const scripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.m?js$/.test(f));
  return scripts.flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return BENCH_MARKS.filter((mark) => text.includes(mark)).map((mark) => `${f} holds ${mark}`);
  });
}
