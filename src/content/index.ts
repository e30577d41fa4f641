// Content script: wiring only. Picks the site adapter, honours the per-site switch, runs the scanner, opens the
// panel frame for a badge, and answers the background (decisions changed, close the panel, show a picture).
import { handle, send } from '../shared/messaging';
import { getSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { adapterFor } from './adapters';
import type { SiteAdapter } from './adapters/types';
import { Frames } from './overlay/frames';
import { Scanner } from './scanner';
import { ProfileImport } from './profile-import';
import { profileAt } from '../sites';

function enabled(adapter: SiteAdapter, s: Settings): boolean {
  if (adapter.id === 'generic') return s.genericOrigins.includes(location.origin);
  return s[`site:${adapter.id}` as keyof Settings] !== false;
}

/** Two frames after a scroll the page has painted it; a hidden tab paints nothing, so it is bounded. */
const painted = () => new Promise<void>((r) => {
  requestAnimationFrame(() => requestAnimationFrame(() => r()));
  setTimeout(r, 1000);
});

async function main(): Promise<void> {
  const adapter = adapterFor(new URL(location.href));
  if (!adapter) return;
  let scanner: Scanner | undefined;
  let profileImport: ProfileImport | undefined;
  const frames = new Frames();
  handle('content', {
    'content/changed': ({ undoable, imageKeys }) => {
      if (imageKeys) scanner?.refresh(imageKeys);
      else scanner?.refreshMatches();
      if (undoable) {
        frames.closePanel(false);
        frames.showToast(undoable.id, undoable.kind);
      }
      return { ok: true };
    },
    'content/close-panel': ({ which }) => {
      if (which === 'toast') frames.closeToast();
      else frames.closePanel(true);
      return { ok: true };
    },
    'content/panel-size': ({ height }) => {
      frames.fitPanel(Number(height));
      return { ok: true };
    },
    'content/profile-import': ({ token }) => {
      // Read now, not at load: these sites change pages without loading one.
      const profile = profileAt(location.href);
      if (!profile || !adapter.profile || profile.site.id !== adapter.id) return { started: false, reason: 'not-a-profile' };
      if (profileImport && !profileImport.finished) return { started: false, reason: 'running' };
      profileImport?.close();
      const run = new ProfileImport(adapter.profile, profile.userId, String(token), () => { profileImport = undefined; });
      profileImport = run;
      void run.run().catch((err: unknown) => console.warn('[inkseal] profile import', err));
      return { started: true };
    },
    'content/scroll-to': async ({ imageKey }) => {
      const c = scanner?.find(String(imageKey));
      if (!c) return { found: false };
      // The evidence shows the post as the artist saw it, without Inkseal's panel over it.
      frames.closeAll();
      c.anchor.scrollIntoView({ block: 'center', inline: 'nearest' });
      await painted();
      return { found: true };
    },
  });
  const apply = (s: Settings) => {
    if (enabled(adapter, s) && !scanner) {
      scanner = new Scanner(adapter, {
        open: (c, badge) => {
          void send('panel/open', { site: adapter.id, imageKey: c.imageKey, postId: c.post.postId })
            .then(({ token }) => frames.openPanel(token, badge))
            .catch((err: unknown) => console.warn('[inkseal] panel', err));
        },
      });
      scanner.start();
    } else if (!enabled(adapter, s) && scanner) {
      scanner.stop();
      frames.closeAll();
      scanner = undefined;
    }
  };
  apply(await getSettings());
  onSettingsChanged(apply);
}

void main();
