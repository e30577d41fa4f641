// Watches the feed for candidate pictures and keeps badges true: each picture is asked about once per identity
// (the ones the reader is about to see first), verdicts are remembered by identity, and a badge is re-checked whenever its node
// changes — recycled nodes (Weibo) show other posts, so a badge whose post or picture changed is removed.
import { send } from '../shared/messaging';
import { sample } from '../shared/samples';
import type { ImageVerdict } from '../shared/types';
import { pictureUrl, type Candidate, type SiteAdapter } from './adapters/types';
import { badgeFacts, badgeOf, placeBadge, removeBadge, showBadge, type BadgeActions } from './overlay/badge';
import { scanRank, sideOf, takeBest, type Side } from './scan-order';

/** Images smaller than this are avatars, emoji or UI art (design brief: ≥ 120 px). */
const MIN_SIZE = 120;
/** Requests in flight from this page: the background queues more, this keeps the page's share bounded. */
const MAX_IN_FLIGHT = 6;
/**
 * A request unanswered after this gives its page slot back: the background is waiting on a stuck server for that
 * picture (it answers by its deadline), and the pictures behind it should not wait with it.
 */
const SLOW_MS = 3_000;
/** Retries when the background is unreachable (its worker restarting), with growing delays. */
const RETRY_MS = [300, 1000, 3000, 6000];
/**
 * An ask unanswered after this is asked again. The background answers every job by its deadline (retries
 * included), but a reply can be lost with the worker or event page that owed it; asking again joins the job
 * if it is still running, so a lost reply costs a message, not a picture left unscanned for the page's life.
 */
const ANSWER_MS = 45_000;

/**
 * The longest the scanner has held the page's main thread in one go (ms). Browsers do not attribute long
 * tasks or long animation frames to extension scripts, so bench:perf reads this from the content script's
 * isolated world (DevTools protocol) to show the scanner never makes the feed stutter. Pages cannot see it.
 */
const stats = { longestMs: 0, totalMs: 0, runs: 0, over50: 0, rankMs: 0, waits: [] as number[], answers: [] as number[] };
(globalThis as unknown as { __inksealStats: typeof stats }).__inksealStats = stats;
function timed(run: () => void): void {
  const t = performance.now();
  run();
  const ms = performance.now() - t;
  stats.runs++;
  stats.totalMs += ms;
  if (ms >= 50) stats.over50++;
  stats.longestMs = Math.max(stats.longestMs, ms);
}

function withDeadline<T>(asked: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms); });
  return Promise.race([asked, late]).finally(() => clearTimeout(timer));
}

export class Scanner {
  private readonly verdicts = new Map<string, ImageVerdict>();
  private readonly pending = new Set<string>();
  private readonly visible = new WeakSet<Element>();
  /** Where each observed picture is now (scan-order.ts), from a second observer on the viewport itself. */
  private readonly side = new WeakMap<Element, Side>();
  private readonly observed = new WeakSet<Element>();
  private readonly queue: { c: Candidate; at: number }[] = [];
  private inFlight = 0;
  private scheduled = false;
  private stopped = false;
  private readonly io: IntersectionObserver;
  private readonly screenIo: IntersectionObserver;
  private readonly mo: MutationObserver;

  constructor(private readonly adapter: SiteAdapter, private readonly actions: BadgeActions) {
    // 600 px ahead: pictures about to scroll in are scanned before the artist reaches them.
    this.io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.visible.add(e.target);
        else this.visible.delete(e.target);
      }
      this.schedule();
    }, { rootMargin: '600px 0px' });
    this.screenIo = new IntersectionObserver((entries) => {
      for (const e of entries) this.side.set(e.target, sideOf(e.isIntersecting, e.boundingClientRect.bottom, e.rootBounds?.top ?? 0));
    });
    this.mo = new MutationObserver(() => timed(() => {
      // Before the next paint: a recycled node must not show its old post's badge for even one frame.
      this.dropStaleBadges();
      this.schedule();
    }));
  }

  start(): void {
    this.mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'href'] });
    // `load` does not bubble, but it can be caught on the way down.
    document.addEventListener('load', this.onLoad, true);
    // A wider or narrower window moves pictures without a mutation; their badges follow on the next pass.
    addEventListener('resize', this.onResize);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.mo.disconnect();
    this.io.disconnect();
    this.screenIo.disconnect();
    document.removeEventListener('load', this.onLoad, true);
    removeEventListener('resize', this.onResize);
    document.querySelectorAll('inkseal-badge').forEach((b) => b.remove());
  }

  /**
   * Decisions or cases changed: every picture that was a match asks again (the background answers from its
   * cache, with dismissals and cases applied), so a dismissed badge goes and an undone one comes back.
   */
  refreshMatches(): void {
    for (const [k, v] of this.verdicts) if (v.kind !== 'none') this.verdicts.delete(k);
    this.schedule();
  }

  /** A closer look (the background's second stage) changed these pictures' verdicts: they ask again. */
  refresh(imageKeys: string[]): void {
    for (const k of imageKeys) this.verdicts.delete(k);
    this.schedule();
  }

  /** The candidate showing this picture now, if any (for the evidence screenshot). */
  find(imageKey: string): Candidate | undefined {
    return this.adapter.candidates(document).find((c) => c.imageKey === imageKey);
  }

  private readonly onLoad = (e: Event): void => {
    if (e.target instanceof HTMLImageElement) this.schedule();
  };

  private readonly onResize = (): void => this.schedule();

  /** Coalesces bursts of mutations into one pass per frame, so the page never pays per mutation. */
  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    requestAnimationFrame(() => timed(() => {
      this.scheduled = false;
      this.pass();
    }));
  }

  /**
   * Removes every badge that no longer belongs where it is: its picture is no candidate now (node recycled into
   * something else, picture gone), it moved to another anchor, or it shows another post or picture now.
   */
  private dropStaleBadges(current?: Candidate[]): void {
    const hosts = document.querySelectorAll<HTMLElement>('inkseal-badge');
    if (hosts.length === 0) return;
    const now = new Map((current ?? this.adapter.candidates(document)).map((c) => [c.img, c]));
    for (const host of hosts) {
      const shown = badgeFacts(host);
      const c = shown && now.get(shown.img);
      if (!c || c.anchor !== host.parentElement || shown.postId !== c.post.postId || shown.imageKey !== c.imageKey) host.remove();
    }
  }

  private pass(): void {
    const current = this.adapter.candidates(document);
    this.dropStaleBadges(current);
    for (const c of current) {
      if (!this.observed.has(c.img)) {
        this.observed.add(c.img);
        this.io.observe(c.img);
        this.screenIo.observe(c.img);
      }
      this.reconcile(c);
    }
    this.drain();
  }

  private reconcile(c: Candidate): void {
    const badge = badgeOf(c);
    if (badge && (badge.postId !== c.post.postId || badge.imageKey !== c.imageKey)) removeBadge(c);
    else if (badge) placeBadge(c);
    const verdict = this.verdicts.get(c.imageKey);
    if (verdict) {
      this.draw(c, verdict);
      return;
    }
    if (this.pending.has(c.imageKey) || !this.ready(c)) return;
    this.pending.add(c.imageKey);
    this.queue.push({ c, at: performance.now() });
  }

  private ready(c: Candidate): boolean {
    // The background fetches `fetchUrl` itself, so an eager picture needs no layout or loaded pixels here.
    if (c.eager) return true;
    if (!this.visible.has(c.img)) return false;
    const r = c.img.getBoundingClientRect();
    // Still loading: a feed lays out its picture box before the pixels arrive, and that box is enough to tell
    // a picture from an icon. Scanning starts while the page's own copy loads, so the badge is not late.
    if (!c.img.complete) return r.width >= MIN_SIZE && r.height >= MIN_SIZE;
    if (c.img.naturalWidth === 0) return false;
    return Math.max(r.width, c.img.naturalWidth) >= MIN_SIZE && Math.max(r.height, c.img.naturalHeight) >= MIN_SIZE
      && r.width >= MIN_SIZE / 2;
  }

  private draw(c: Candidate, v: ImageVerdict): void {
    const flagged = v.kind !== 'none' && !v.dismissed && !v.error;
    if (flagged || c.post.aiLabel || v.provenance?.ai) showBadge(c, v, this.actions);
    else removeBadge(c);
  }

  /** Asks for the pictures the reader is about to see first (scan-order.ts), as slots free. */
  private drain(): void {
    if (this.inFlight >= MAX_IN_FLIGHT || !this.queue.length) return;
    const t = performance.now();
    // A picture the viewport observer has not reported yet just appeared, which in a feed is ahead.
    const next = takeBest(this.queue, MAX_IN_FLIGHT - this.inFlight, (q) => scanRank({
      side: this.side.get(q.c.img) ?? 'below', connected: q.c.img.isConnected, queuedAt: q.at,
    }));
    stats.rankMs = Math.max(stats.rankMs, performance.now() - t);
    for (const { c, at } of next) {
      sample(stats.waits, performance.now() - at);
      void this.ask(c, this.side.get(c.img) === 'on' ? 0 : 1);
    }
  }

  private async ask(c: Candidate, priority: number): Promise<void> {
    this.inFlight++;
    let counted = true;
    const slow = setTimeout(() => {
      counted = false;
      this.inFlight--;
      this.schedule();
    }, SLOW_MS);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const sent = performance.now();
          const verdict = await withDeadline(send('scan/image', {
            site: this.adapter.id, imageKey: c.imageKey, fetchUrl: c.fetchUrl, displayUrl: pictureUrl(c.img),
            post: c.post, priority,
          }), ANSWER_MS);
          sample(stats.answers, performance.now() - sent);
          this.verdicts.set(c.imageKey, verdict);
          break;
        } catch (err) {
          const delay = RETRY_MS[attempt];
          if (delay === undefined || this.stopped) {
            console.debug('[inkseal] giving up on', c.imageKey, err);
            break;
          }
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    } finally {
      clearTimeout(slow);
      if (counted) this.inFlight--;
      this.pending.delete(c.imageKey);
      this.schedule();
    }
  }
}
