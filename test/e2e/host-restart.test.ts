// The model host dying mid-scan (Chromium's offscreen document closed, as an out-of-memory kill or the browser
// would): the pictures it was working on are retried in a new one, none is recorded as failed, and the copies
// are still badged. (Firefox runs the model in its event page, whose restart xiaohongshu.test.ts covers.)
import { describe, expect, test } from 'vitest';
import { reportVia, tabIdOf, until } from '../support/feed';
import { hostKillScene } from '../support/host-kill';
import { scrollToEnd } from '../support/scenario';

const scene = hostKillScene();

describe('chromium: model host restarts', () => {
  test('the offscreen document closed twice mid-scan loses no picture and no copy', async () => {
    const { ext } = scene;
    const { posts, copies } = await scene.feedWithTwoCopies();
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    const tabId = await tabIdOf(ext, 'https://www.xiaohongshu.com/*');
    const closeHost = () => ext.extensionEval(async () => {
      const open = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
      if (open.length) await chrome.offscreen.closeDocument();
      return open.length;
    });
    // Closed while pictures are in flight: once a few are done, and again halfway down the feed.
    await until(() => reportVia(ext, tabId), (r) => r.scanned >= 2, 60_000);
    await until(() => closeHost(), (n) => n === 1, 60_000);
    await scrollToEnd(page, posts[15]!.id, 600, 200);
    await until(() => closeHost(), (n) => n === 1, 60_000);
    await scrollToEnd(page, posts.at(-1)!.id, 600, 200);
    const report = await until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length, 120_000);
    expect(report.failed).toEqual([]);
    expect([...new Set(report.findings.map((f) => f.post.postId))].sort()).toEqual(copies);
    await page.close();
  });
});
