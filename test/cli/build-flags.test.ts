// Release builds leave the benchmark messages out: the mode decides the build-time constant, and the package
// check finds a benchmark message left in any script of a built extension (npm run package fails on one).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { benchLeftovers, buildFlags } from '../../src/cli/build-flags';

const dir = mkdtempSync(join(tmpdir(), 'inkseal-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('build flags', () => {
  test('only the release modes leave the benchmark messages out', () => {
    const bench = (mode: string) => JSON.parse(buildFlags(mode).__INKSEAL_BENCH__!) as boolean;
    expect(['production', 'firefox', 'release', 'firefox-release'].map(bench)).toEqual([true, true, false, false]);
  });

  test('this test run is a benchmark build: the contract holds the benchmark messages', async () => {
    const { CONTRACT } = await import('../../src/shared/messages');
    expect(Object.keys(CONTRACT)).toEqual(expect.arrayContaining(['bench/match', 'model/bench']));
  });

  test('the package check names each script that still holds a benchmark message', () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'clean.js'), 'const m={"scan/image":1,"model/ping":2};');
    writeFileSync(join(dir, 'assets', 'left.js'), 'h["bench/match"]=()=>0;');
    writeFileSync(join(dir, 'offscreen.mjs'), 'h["model/bench"]=()=>0;');
    writeFileSync(join(dir, 'notes.txt'), 'bench/match');
    expect(benchLeftovers(dir).sort()).toEqual([join('assets', 'left.js') + ' holds bench/match', 'offscreen.mjs holds model/bench']);
  });
});
