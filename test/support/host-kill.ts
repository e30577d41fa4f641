// The set-up shared by the tests that kill or close the model's host mid-scan (host-restart, process-crash): a
// Chromium with two of the artist's works in the gallery, and a 30-picture Xiaohongshu feed holding a copy of each.
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../src/dev/driver/chromium';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import { addToGallery, artistWorks, corpusImages, feed, repost } from './scenario';

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
