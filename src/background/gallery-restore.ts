// Restoring a gallery backup (src/gallery/backup.ts parsed and checked it in the page): works already here are
// kept as they are; fingerprints made by another engine version are recomputed from the backed-up picture, so a
// backup from an older Inkseal matches as well as a fresh import.
import { callModelHost } from '@platform';
import { ENGINE_VERSION } from '../engine/version';
import type { StoredWork, WorkFiles } from '../shared/db';
import type { RestoreResult } from '../shared/types';
import { storedSignals, type BackupWork } from '../gallery/backup';
import { checkSource, cleanDetails, gallery, storeWorks, workSignals } from './gallery';


const isImageDataUrl = (s: unknown): s is string => typeof s === 'string' && /^data:image\/(jpeg|png|webp);base64,/.test(s);

export async function restoreWorks(works: BackupWork[]): Promise<RestoreResult> {
  const { works: have } = await gallery();
  const result: RestoreResult = { added: 0, existing: 0, recomputed: 0, failed: [] };
  const fresh: (StoredWork & WorkFiles)[] = [];
  for (const w of works.slice(0, 20_000)) {
    const name = String(w.name).slice(0, 200);
    if (have.has(w.id)) {
      result.existing++;
      continue;
    }
    try {
      if (!isImageDataUrl(w.thumbnail)) throw new Error('no thumbnail');
      const image = isImageDataUrl(w.image) ? w.image : w.thumbnail;
      let signals: StoredWork['signals'];
      if (w.signals.engineVersion === ENGINE_VERSION) {
        signals = storedSignals(w.id, w.signals);
      } else {
        // Another engine's fingerprints do not compare with this one's: analyse the picture again.
        signals = workSignals(w.id, await callModelHost('model/signals', { url: image, role: 'gallery' }));
        result.recomputed++;
      }
      const { contentHash: hash, ...details } = w.details ?? {};
      const contentHash = typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined;
      fresh.push({
        id: w.id, name, addedAt: Number(w.addedAt) || Date.now(), thumbnail: w.thumbnail, image, signals, contentHash, engineVersion: ENGINE_VERSION,
        ...cleanDetails(details), source: checkSource(w.source, 'backup'),
      });
    } catch (err) {
      result.failed.push({ name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (fresh.length) await storeWorks(fresh);
  result.added = fresh.length;
  return result;
}
