// "Import my works from this page", the page's side: scrolls the artist's profile step by step while they watch
// (the site loads its posts only as the page scrolls), reads each new post through the site adapter, and sends
// the posts one at a time to the background, which imports their pictures. A progress bar at the top says how
// far it is and has a Stop button: Stop ends the scrolling and every import not yet started.
import { MessageError, send } from '../shared/messaging';
import type { ProfilePost, ProfilePostResult } from '../shared/types';
import type { ListedPost, ProfileReader } from './adapters/types';
import { ImportBar, type ImportCounts, type ImportState } from './overlay/import-bar';

/** A profile longer than this is imported in more than one go (the duplicates are skipped the next time). */
export const MAX_POSTS = 1000;
/** At the bottom of the page, this many waits without a new post end the scrolling: the profile has no more. */
const IDLE_AT_BOTTOM = 3;
/** Anywhere: a page that stopped growing (an error, a login wall) does not keep the import scrolling for ever. */
const IDLE_ANYWHERE = 12;
/** How long a step waits for the page to show new posts after a scroll. */
const STEP_MS = 1500;

export class ProfileImport {
  private readonly seen = new Set<string>();
  private readonly queue: ListedPost[] = [];
  private readonly counts: ImportCounts = { found: 0, processed: 0, added: 0, duplicates: 0, failed: 0 };
  private readonly bar: ImportBar;
  private state: ImportState = 'scrolling';
  private stopped = false;
  private scrolling = true;
  private wake: (() => void) | undefined;
  /** The summary is showing: a new import may replace this one. */
  finished = false;

  constructor(private readonly reader: ProfileReader, private readonly owner: string, private readonly token: string, private readonly onClose: () => void) {
    this.bar = new ImportBar(() => this.stop(), () => this.close());
    this.render();
  }

  /** Takes the bar away (its Close button, or a new import after this one). */
  close(): void {
    this.stop();
    this.bar.remove();
    this.onClose();
  }

  /** Runs until the profile is read and imported, or stopped; the bar then shows the summary. */
  async run(): Promise<void> {
    await Promise.all([this.scroll().finally(() => { this.scrolling = false; this.wakeImporter(); }), this.importAll()]);
    this.state = this.stopped ? 'stopped' : 'done';
    this.finished = true;
    this.render();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    this.wakeImporter();
  }

  private render(): void {
    this.bar.show(this.state, this.counts);
  }

  private wakeImporter(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** Takes the posts on the page not seen before; true if there were any. */
  private collect(): boolean {
    let fresh = false;
    for (const post of this.reader.posts(document, this.owner)) {
      if (this.seen.has(post.postId) || this.seen.size >= MAX_POSTS) continue;
      this.seen.add(post.postId);
      this.queue.push(post);
      fresh = true;
    }
    if (fresh) {
      this.counts.found = this.seen.size;
      this.render();
      this.wakeImporter();
    }
    return fresh;
  }

  private async scroll(): Promise<void> {
    let idle = 0;
    this.collect();
    while (!this.stopped && this.seen.size < MAX_POSTS) {
      if (document.hidden) {
        // A hidden tab runs no animation frames, so the site renders nothing new: wait for the artist to return.
        this.state = 'paused';
        this.render();
        await new Promise<void>((r) => document.addEventListener('visibilitychange', () => r(), { once: true }));
        this.state = 'scrolling';
        this.render();
        continue;
      }
      const bottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 4;
      if (!bottom) window.scrollBy(0, Math.round(innerHeight * 0.8));
      const fresh = await this.newPosts(STEP_MS);
      idle = fresh ? 0 : idle + 1;
      if ((bottom && idle >= IDLE_AT_BOTTOM) || idle >= IDLE_ANYWHERE) break;
    }
    this.state = 'importing';
    this.render();
  }

  /** Waits until the page shows a post not seen before (true) or `ms` pass without one (false). */
  private newPosts(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let queued = false;
      const finish = (fresh: boolean) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(fresh);
      };
      // Read once per batch of changes, after the site's own rendering of that frame.
      const observer = new MutationObserver(() => {
        if (queued) return;
        queued = true;
        setTimeout(() => {
          queued = false;
          if (this.stopped || this.collect()) finish(!this.stopped);
        }, 50);
      });
      const timer = setTimeout(() => finish(this.collect()), ms);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'href'] });
    });
  }

  private async importAll(): Promise<void> {
    while (!this.stopped) {
      const next = this.queue.shift();
      if (next) {
        await this.importOne(next);
        continue;
      }
      if (!this.scrolling) return;
      await new Promise<void>((r) => { this.wake = r; });
    }
  }

  private async importOne(listed: ListedPost): Promise<void> {
    try {
      const { complete, ...post } = listed;
      const full: ProfilePost = complete ? await complete() : post;
      const r = await this.send(full);
      this.counts.added += r.added;
      this.counts.duplicates += r.duplicates;
      this.counts.failed += r.failed.length;
      if (r.failed.length) console.warn('[inkseal] profile import', full.postUrl, r.failed);
    } catch (err) {
      // The post's page could not be read, or the background refused it: its pictures are not imported.
      this.counts.failed += Math.max(1, listed.pictures.length);
      console.warn('[inkseal] profile import', listed.postUrl, err);
    }
    this.counts.processed++;
    this.render();
  }

  /** A background stopped mid-import (an idle service worker) drops the message: it is sent once more. */
  private async send(post: ProfilePost): Promise<ProfilePostResult> {
    const message = { token: this.token, post: { ...post, pictures: [...post.pictures] } };
    try {
      return await send('profile/import-post', message);
    } catch (err) {
      if (err instanceof MessageError) throw err;
      return send('profile/import-post', message);
    }
  }
}
