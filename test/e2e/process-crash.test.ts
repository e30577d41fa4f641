// Issue 14: the process running the model killed mid-scan, as the out-of-memory killer would (SIGKILL). Chromium
// runs the model in a sandboxed frame of the offscreen document, in a renderer process of its own: killing that
// one leaves the service worker and every extension page running, the frame is made again, the pictures it was
// working on are asked again, and none is lost or recorded as failed. (Before, the model shared the extension's
// process, and the same kill had Chromium disable Inkseal for over a minute.) Firefox runs the model in its event
// page, whose restart xiaohongshu.test.ts covers. Recovery times: npm run bench:crash.
import { describe, expect, test } from 'vitest';
import { modelProcess } from '../../src/dev/driver/processes';
import { reportVia, tabIdOf, until } from '../support/feed';
import { hostKillScene, killThenRead } from '../support/host-kill';
import { recordBadges, recorded, scrollToEnd, scrollToTop, XHS_POST_OF_CARD } from '../support/scenario';

const scene = hostKillScene();

describe('chromium: the model process killed', () => {
  test('a SIGKILL of the model mid-scan leaves the extension running and loses no picture and no copy', async () => {
    const { ext } = scene;
    const { posts, copies } = await scene.feedWithTwoCopies();
    const page = await ext.newPage();
    await recordBadges(page, XHS_POST_OF_CARD);
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    await until(() => reportVia(ext, tabId), (r) => r.scanned >= 2, 60_000);

    // Killed while the pictures on screen are still in flight, then the reader scrolls on.
    const model = await modelProcess(ext);
    // The extension is still there (a new extension page loads and the background answers it), and the feed is read on.
    const report = await killThenRead(ext, model.pid, page, tabId, posts);
    expect(report.failed).toEqual([]);
    expect([...new Set(report.findings.map((f) => f.post.postId))].sort()).toEqual(copies);
    // A reader scrolling back sees both copies badged, and nothing else.
    await scrollToTop(page);
    await scrollToEnd(page, posts.at(-1)!.id, 600, 120);
    expect((await recorded(page)).badges).toEqual(copies);
    // The model runs again, in a new process that is still not the extension's.
    const again = await modelProcess(ext);
    expect(again.pid).not.toBe(model.pid);
    expect(again.extension).toBe(false);
    await page.close();
  });
});
