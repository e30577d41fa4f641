// The set-up shared by the tests that kill or close the model's host mid-scan (host-restart, process-crash): a
// Chromium with two of the artist's works in the gallery, and a 30-picture Xiaohongshu feed holding a copy of each.
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../src/dev/driver/chromium';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { killProcess } from '../../src/dev/driver/processes';
import type { TabPage } from '../../src/dev/driver/types';
import { reportVia, until } from './feed';
import { addToGallery, artistWorks, corpusImages, feed, repost, scrollToEnd } from './scenario';

/**
 * SIGKILLs the model's process, shows the extension survived (a new extension page loads and answers), then reads
 * the feed to its end and returns the tab's report once every post is scanned.
 */
export async function killThenRead(ext: ChromiumSession, pid: number, page: TabPage, tabId: number, posts: PublishedPost[]) {
  await killProcess(pid);
  const fresh = await ext.newPage();
  await fresh.goto(ext.extensionUrl('src/popup/index.html'));
  expect(await fresh.evaluate(() => chrome.runtime.id)).toBe(ext.extensionId);
  await fresh.close();
  await scrollToEnd(page, posts.at(-1)!.id, 600, 200);
  return until(() => reportVia(ext, tabId), (r) => r.scanned >= posts.length, 90_000);
}

export interface HostKillScene {
  server: FixtureServer;
  ext: ChromiumSession;
  /** Serves the feed; the copies are posts 4 and 24. */
  feedWithTwoCopies(): Promise<{ posts: PublishedPost[]; copies: string[] }>;
}

/** Registers the suite's beforeAll/afterAll; the scene's fields are there once beforeAll has run. */
export function hostKillScene(): HostKillScene {
  const scene = {} as HostKillScene;
  let works: { name: string; data: Buffer }[] = [];
  beforeAll(async () => {
    scene.server = await startFixtureServer();
    works = await artistWorks(2);
    scene.ext = await launchChromium({ sitesPort: scene.server.port });
    await addToGallery(scene.ext, works);
  });
  afterAll(async () => {
    await scene.ext?.close();
    await scene.server?.close();
  });
  scene.feedWithTwoCopies = async () => {
    const posts = await scene.server.setSite('xiaohongshu', feed(await corpusImages(30), [
      { at: 4, image: await repost(works[0]!.data, 'reencoded') },
      { at: 24, image: await repost(works[1]!.data, 'mirrored-crop') },
    ]));
    return { posts, copies: [posts[4]!.id, posts[24]!.id].sort() };
  };
  return scene;
}
