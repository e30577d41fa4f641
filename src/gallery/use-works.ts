// The Gallery page's list of works. A large gallery's whole list takes most of a second to cross from the
// background (2.6 MB at 10,000 works), so the page first asks for the newest works and how many there are, draws
// them, and then asks for the rest. Until the rest is here the page is `partial`: the grid is sized for every
// work and shows the newest ones, and the controls that need the whole list wait.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import type { WorkSummary } from '../shared/types';
import { FIRST_PAGE, overlay } from './library/overlay';
import { firstScreenTiles } from './library/library';

/** The whole list is asked for then at the latest, pictures or not (a safety net: the first screen always asks). */
const PICTURES_WAIT_MS = 10_000;

export function useWorks() {
  const [works, setWorks] = useState<WorkSummary[] | null>(null);
  /** How many works the gallery holds while only the first page is here; null once the whole list is. */
  const [partialTotal, setPartialTotal] = useState<number | null>(null);
  const firstPage = useMemo(() => send('gallery/first-page', { count: FIRST_PAGE, pictures: Math.min(100, firstScreenTiles(innerWidth, innerHeight)) }), []);
  /** The first screen's thumbnails, which came with the first page. */
  const [pictures, setPictures] = useState<Record<string, string>>({});
  /** Called once the first screen has its pictures: the long answer must not hold them up in the background. */
  const picturesShown = useRef<() => void>(() => undefined);
  const picturesHere = useMemo(() => new Promise<void>((resolve) => { picturesShown.current = resolve; }), []);

  useEffect(() => {
    let live = true;
    void firstPage.then(async ({ works: first, total, thumbnails }) => {
      if (!live) return;
      setPictures(thumbnails);
      setWorks((shown) => overlay(first, shown));
      if (first.length >= total) return;
      setPartialTotal(total);
      await Promise.race([picturesHere, new Promise((r) => setTimeout(r, PICTURES_WAIT_MS))]);
      const all = await send('gallery/list', {});
      if (!live) return;
      setWorks((shown) => overlay(all, shown, first));
      setPartialTotal(null);
    }).catch((err: unknown) => console.warn('[inkseal] gallery list', err));
    return () => { live = false; };
  }, []);

  const refresh = async () => {
    const all = await send('gallery/list', {});
    setWorks(all);
    setPartialTotal(null);
  };
  return { works, setWorks, partialTotal, refresh, firstPage, pictures, picturesShown: () => picturesShown.current() };
}
