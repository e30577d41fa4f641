// Build-time constants, replaced by vite.config.ts `define` (also under vitest, which reads the same config).

/**
 * Whether the benchmark messages (npm run bench:perf) and their handlers are built in: true in every build but
 * the release ones (npm run package), so a shipped extension holds no code that builds 200,000-vector test
 * galleries or runs 5,000-picture soaks on request.
 */
declare const __INKSEAL_BENCH__: boolean;
