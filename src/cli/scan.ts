// `npm run scan -- --gallery <dir> [--json] <file-or-dir>...`: the entry point; the scanner is in scan-lib.ts.
import { main } from './scan-lib';

// npm runs scripts from the package root, but the paths on the command line are relative to where the user typed
// them (npm's INIT_CWD). model-source fixed its default model folder at import, against the package root, so
// moving now keeps both right; test/cli/scan.test.ts runs the scanner this way.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

// `npm run scan … | head` closes stdout early: that ends the scan quietly instead of with an EPIPE trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

// exitCode, not exit(): the last JSON lines may still be queued on a pipe.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
