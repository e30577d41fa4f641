// Thumbnails for the tiles on screen, asked for in one batch per render and kept for the page's life: a tile
// scrolled back into view shows its picture at once. `known`: thumbnails the page already has (the first page
// brings the first screen's). `onAnswer` hears when the tiles on screen have their answer — at once when every one
// was known (the page loads the rest of a large gallery only after the first screen's pictures, use-works.ts).
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../shared/messaging';

export function useThumbnails(ids: readonly string[], onAnswer?: () => void, known?: Record<string, string>): ReadonlyMap<string, string> {
  // Made once, from what the page already had when the grid first drew.
  const [cache] = useState(() => new Map(Object.entries(known ?? {})));
  const [asked] = useState(() => new Set(cache.keys()));
  const [, setVersion] = useState(0);
  useEffect(() => {
    const missing = ids.filter((id) => !asked.has(id));
    if (!missing.length) return void onAnswer?.();
    for (const id of missing) asked.add(id);
    void send('gallery/thumbnails', { ids: missing }).then((got) => {
      for (const [id, url] of Object.entries(got)) cache.set(id, url);
      setVersion((v) => v + 1);
    }, () => { for (const id of missing) asked.delete(id); }).finally(() => onAnswer?.());
  }, [ids.join('\n')]);
  return cache;
}
