// npm run bench:crash — recovery from a killed model process (issue 14), in the built extension in headless
// Chromium. A feed of FEED pictures (two reposts) is scrolled through at once; at KILLS points of the scan the
// process running the model gets SIGKILL, as the out-of-memory killer would send. Per kill it prints: kill → the
// offscreen document noticed and started a new model frame (model/ping's log), kill → next verdict stored, and
// kill → first verdict stored after the new frame started (that one surely needed the new model). At the end:
// whether every picture got a verdict, none failed, both copies found. Prints figures; asserts nothing.
// `--extension`: kills the extension's own process instead (where the model ran before issue 14) and prints how
// long extension pages stay unreachable, up to GIVE_UP_MS.
import { cpus, loadavg } from 'node:os';
import { killProcess, modelProcess, processOfFrame } from '../../src/dev/driver/processes';
import { startFixtureServer } from '../../src/dev/stand-ins/server';
import { launchChromium } from '../../src/dev/driver/chromium';
import { reportVia, tabIdOf, until } from '../support/feed';
import { restartLines } from '../support/host-log';
import { addToGallery, artistWorks, corpusImages, feed, repost, scrollToEnd } from '../support/scenario';

const FEED = 90;
/**
 * The scan's progress (verdicts stored) at which the model is killed; the reader scrolls slowly enough that pictures
 * are still waiting each time (a frame killed while idle is only made again for the next picture).
 */
const KILL_AT = [4, 24, 44];
const GIVE_UP_MS = 120_000;
const EXTENSION = process.argv.includes('--extension');
const log = (msg: string) => console.error(`[bench:crash] ${msg} (load ${loadavg()[0]!.toFixed(1)})`);

const server = await startFixtureServer();
const works = await artistWorks(2);
const ext = await launchChromium({ sitesPort: server.port });
await addToGallery(ext, works);
const posts = await server.setSite('xiaohongshu', feed(await corpusImages(FEED - 2), [
  { at: 4, image: await repost(works[0]!.data, 'reencoded') },
  { at: FEED - 6, image: await repost(works[1]!.data, 'mirrored-crop') },
]));
const page = await ext.newPage();
await page.goto('https://www.xiaohongshu.com/explore');
const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
const scanned = async () => (await reportVia(ext, tabId)).scanned;
const restarts = async () => (await restartLines(ext)).length;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (EXTENSION) {
  await until(scanned, (n) => n >= KILL_AT[0]!, 60_000, 50);
  const victim = await processOfFrame(ext, [ext.extensionUrl('src/model-host/offscreen.html')]);
  const t0 = Date.now();
  await killProcess(victim.pid);
  const back = await until(async () => {
    const p = await ext.newPage();
    try {
      await p.goto(ext.extensionUrl('src/popup/index.html'));
      return true;
    } finally {
      await p.close().catch(() => undefined);
    }
  }, (ok) => ok, GIVE_UP_MS, 1_000).then(() => Date.now() - t0, () => null);
  console.log(`extension process (pid ${victim.pid}, extension process: ${victim.extension}) killed: extension pages ${back === null ? `still unreachable after ${seconds(GIVE_UP_MS)}` : `load again after ${seconds(back)}`}`);
} else {
  const scrolled = scrollToEnd(page, posts.at(-1)!.id, 400, 300, 300_000);
  const rows: string[] = [];
  for (const [i, at] of KILL_AT.entries()) {
    await until(scanned, (n) => n >= at, 120_000, 50);
    const victim = await modelProcess(ext);
    const [before, restarted] = [await scanned(), await restarts()];
    const t0 = Date.now();
    await killProcess(victim.pid);
    const next = await until(scanned, (n) => n > before, GIVE_UP_MS, 50);
    const tNext = Date.now() - t0;
    await until(restarts, (n) => n > restarted, GIVE_UP_MS, 50);
    const tRestart = Date.now() - t0;
    const countAtRestart = await scanned();
    await until(scanned, (n) => n > countAtRestart, GIVE_UP_MS, 50);
    const tAfter = Date.now() - t0;
    rows.push(`kill ${i + 1} at ${before} verdicts (pid ${victim.pid}, extension process: ${victim.extension}): new frame ${seconds(tRestart)} (≤ 50 ms poll + ping), next verdict ${seconds(tNext)} (verdict ${next}), first verdict after the new frame ${seconds(tAfter)}`);
    log(rows.at(-1)!);
  }
  await scrolled;
  const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length, GIVE_UP_MS, 50);
  const copies = new Set(report.findings.map((f) => f.post.postId));
  console.log(`bench:crash — ${FEED} feed pictures, ${KILL_AT.length} SIGKILLs of the model's process, ${cpus().length} cores`);
  for (const r of rows) console.log(`  ${r}`);
  console.log(`  scanned ${report.scanned}/${posts.length}, failed ${report.failed.length}, copies found ${[posts[4]!.id, posts[FEED - 6]!.id].filter((id) => copies.has(id)).length}/2`);
}
await ext.close();
await server.close();
