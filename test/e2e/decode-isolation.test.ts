// Issue 14, the decoding half: Chromium fetches a feed picture's bytes in the extension's process (only it has the
// host permissions) but decodes, prepares and keeps it in the sandboxed model frame's, so a picture that crashes its
// decoder or exhausts memory takes down that process, not the extension. Shown on the processes themselves: the
// decode workers are threads of the frame's process (the extension's has none) and they do the work (their CPU time
// grows as a feed is scanned); and a SIGKILL of that process while it holds pictures being decoded loses none — the
// offscreen document kept their bytes and sends them to the new frame. (Firefox has no sandboxed frame: its event
// page decodes, as decode.test.ts checks.)
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { modelProcess, processOfFrame } from '../../src/dev/driver/processes';
import { reportVia, tabIdOf, until } from '../support/feed';
import { hostKillScene, killThenRead } from '../support/host-kill';
import { restartLines } from '../support/host-log';

const scene = hostKillScene();

/** A process's dedicated-worker threads (Chromium names them so) and the CPU time each has used, in ms. */
function workerThreads(pid: number): { tid: number; cpuMs: number }[] {
  const tick = 1000 / 100; // USER_HZ: 100 on Linux everywhere Chromium runs.
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      if (!readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('DedicatedWorker')) return [];
      // Fields after the parenthesised name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return [{ tid: Number(tid), cpuMs: (Number(fields[11]) + Number(fields[12])) * tick }];
    } catch {
      return []; // The thread ended between the listing and the read.
    }
  });
}

describe('chromium: pictures decoded outside the extension process', () => {
  test('the decode workers run in the model frame\'s process, and pictures being decoded there survive its SIGKILL', async () => {
    const { ext } = scene;
    const { posts, copies } = await scene.feedWithTwoCopies();
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await until(() => reportVia(ext, tabId), (r) => r.scanned >= 2, 60_000);

    const model = await modelProcess(ext);
    const extension = await processOfFrame(ext, [ext.extensionUrl('src/model-host/offscreen.html')]);
    expect([model.extension, extension.extension]).toEqual([false, true]);
    // The heartbeat's worker and the two decode workers are the frame's; the extension's process starts none.
    expect(workerThreads(model.pid).length).toBeGreaterThanOrEqual(3);
    expect(workerThreads(extension.pid)).toEqual([]);

    // Killed with the first screen's pictures in flight (six at a time): their decodes die with it.
    const report = await killThenRead(ext, model.pid, page, tabId, posts);
    expect(report.failed).toEqual([]);
    expect([...new Set(report.findings.map((f) => f.post.postId))].sort()).toEqual(copies);

    // The new frame was sent the pictures the dead one held, bytes and all (they are fetched only here).
    expect((await restartLines(ext)).some((l) => /\(.*picture.*\)/.test(l))).toBe(true);
    // The new frame's decode workers decoded the rest of the feed: tens of milliseconds a picture, where the
    // heartbeat's worker takes a few in all. The extension's process still has no worker.
    const again = await modelProcess(ext);
    expect(again.pid).not.toBe(model.pid);
    const busy = workerThreads(again.pid).map((t) => t.cpuMs).sort((a, b) => b - a);
    expect(busy.length).toBeGreaterThanOrEqual(3);
    expect(busy[0]! + busy[1]!).toBeGreaterThanOrEqual(100);
    expect(workerThreads(extension.pid)).toEqual([]);
    await page.close();
  });
});
