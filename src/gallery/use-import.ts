// The gallery page follows the background's import (import-jobs.ts): it stages what the artist picked
// (import-stage.ts), then asks for the progress, often while an import runs and now and then otherwise (and when the page is shown again) (an
// import started in another tab, or one that went on while no page was open). Works the import added are handed
// to the page's list as they come, without listing the whole gallery again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import type { WorkSummary } from '../shared/types';
import type { Picked } from './import-files';
import type { LinkItem } from './import-links';
import { isActive, type ImportProgress } from './import-queue';
import { stageImport } from './import-stage';

const RUNNING_POLL_MS = 400;
/**
 * With no import under way: rarely, so an open gallery page does not keep the background awake for nothing
 * (Chromium stops an idle service worker after 30 s), and whenever the page comes back into view.
 */
const IDLE_POLL_MS = 30_000;
const ANSWER_MS = 10_000;

/** `after`: the first poll waits for it (the page's first list of works). */
export function useImport(onWorks: (works: WorkSummary[]) => void, after: Promise<unknown>) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The job followed and how many of its added works the page already has. */
  const follow = useRef<{ job?: string; since: number }>({ since: 0 });
  /** Asks one after another: an older answer arriving late must not move the bar back. */
  const chain = useRef<Promise<void>>(Promise.resolve());
  /** Whether the followed import is under way: the poll loop asks often then. */
  const active = useRef(false);
  const onWorksRef = useRef(onWorks);
  onWorksRef.current = onWorks;
  /**
   * True once the first poll has answered (or given up): the page shows its works only then, so a summary or bar
   * arriving a moment later does not push the grid down under the artist's pointer.
   */
  const [settled, setSettled] = useState(false);

  const poll = (): Promise<void> => {
    chain.current = chain.current.then(async () => {
      const asked = follow.current;
      // Chromium can drop a message sent while its service worker stops: that poll is given up, the next one asks.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const { progress: p, works } = await Promise.race([
        send('gallery/import-progress', { job: asked.job, since: asked.since }),
        new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error('no answer')), ANSWER_MS); }),
      ]).finally(() => clearTimeout(timer));
      // Nothing to show, or the page started following another import meanwhile: what is shown stays.
      if (!p || follow.current !== asked) return;
      follow.current = { job: p.id, since: p.added };
      active.current = isActive(p.state);
      if (works.length) onWorksRef.current(works);
      setProgress(p);
    }).catch((err: unknown) => console.warn('[inkseal] import progress', err));
    return chain.current;
  };

  /** Polls now and reschedules (set by the loop below): after staging, the bar should move at once. */
  const kick = useRef<() => void>(() => undefined);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = async () => {
      clearTimeout(timer);
      await poll();
      setSettled(true);
      if (!live) return;
      clearTimeout(timer);
      timer = setTimeout(() => void tick(), active.current ? RUNNING_POLL_MS : IDLE_POLL_MS);
    };
    void after.finally(() => {
      if (!live) return;
      kick.current = () => void tick();
      void tick();
    }).catch(() => undefined);
    const onVisible = () => { if (live && document.visibilityState === 'visible') void tick(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => { live = false; clearTimeout(timer); document.removeEventListener('visibilitychange', onVisible); };
  }, []);

  async function start(items: (Picked | LinkItem)[]): Promise<void> {
    setProblem(null);
    try {
      await stageImport(items, (job) => {
        if (follow.current.job !== job) follow.current = { job, since: 0 };
        active.current = true;
        kick.current();
      });
    } catch (err) {
      setProblem((err as Error).message);
    }
  }

  async function cancel(): Promise<void> {
    const { job } = follow.current;
    if (job === undefined) return;
    await send('gallery/import-cancel', { job });
    kick.current();
  }

  return { progress, problem, start, cancel, settled };
}
