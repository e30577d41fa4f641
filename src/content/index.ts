// Content script: wiring only. Picks the site adapter, honours the per-site switch, runs the scanner, and
// carries out badge actions. Small and tfjs-free: it sends URLs and post facts, never pixels.
import { send } from '../shared/messaging';
import { getSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { adapterFor } from './adapters';
import type { SiteAdapter } from './adapters/types';
import { Scanner } from './scanner';

function enabled(adapter: SiteAdapter, s: Settings): boolean {
  if (adapter.id === 'generic') return s.genericOrigins.includes(location.origin);
  return s[`site:${adapter.id}` as keyof Settings] !== false;
}

async function main(): Promise<void> {
  const adapter = adapterFor(new URL(location.href));
  if (!adapter) return;
  let scanner: Scanner | undefined;
  const apply = (s: Settings) => {
    if (enabled(adapter, s) && !scanner) {
      scanner = new Scanner(adapter, {
        notMine: async (c) => {
          await send('feedback/not-mine', { imageKey: c.imageKey });
          scanner?.forget((key) => key === c.imageKey);
        },
        authorise: async (c) => {
          await send('feedback/authorise', { site: adapter.id, post: c.post });
          scanner?.authorise(c.post);
        },
      });
      scanner.start();
    } else if (!enabled(adapter, s) && scanner) {
      scanner.stop();
      scanner = undefined;
    }
  };
  apply(await getSettings());
  onSettingsChanged(apply);
}

void main();
