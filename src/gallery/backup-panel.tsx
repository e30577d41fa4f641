// Backup and move: the whole gallery to one file, and back — in another browser or profile, or after a
// reinstall. The file is checked completely in this page before anything is written (backup.ts), so a
// malformed, hostile or foreign file changes nothing and says why.
import { useRef, useState } from 'preact/hooks';
import { ENGINE_VERSION } from '../engine/version';
import { getAll } from '../shared/db';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';
import { BackupError, backupSignals, buildBackup, readBackup, type BackupWork } from './backup';

/** Works go to the background in batches: each crosses runtime messaging as JSON. */
const BATCH = 25;

type Status = { state: 'busy' } | { state: 'ok'; text: string } | { state: 'error'; text: string; problem?: string };

async function exportGallery(withOriginals: boolean): Promise<{ count: number }> {
  const [works, files] = await Promise.all([getAll('works'), getAll('workFiles')]);
  const fileOf = new Map(files.map((f) => [f.id, f]));
  const list: BackupWork[] = works.filter((w) => w.deletedAt === undefined && fileOf.has(w.id)).map((w) => ({
    id: w.id, name: w.name, addedAt: w.addedAt, thumbnail: fileOf.get(w.id)!.thumbnail, image: withOriginals ? fileOf.get(w.id)!.image : undefined,
    // The original file's hash: a restored gallery still knows a file it already holds.
    details: { title: w.title, createdOn: w.createdOn, publishedUrl: w.publishedUrl, publishedOn: w.publishedOn, tags: w.tags, contentHash: w.contentHash },
    source: w.source,
    // Unknown for works stored before versions were recorded: a restore then recomputes them.
    signals: backupSignals(w.signals, w.engineVersion ?? 'unknown'),
  }));
  const { zip, name } = await buildBackup(list, { withOriginals, engineVersion: ENGINE_VERSION });
  const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { count: list.length };
}

export function BackupPanel({ onRestored }: { onRestored: () => void }) {
  const [originals, setOriginals] = useState(true);
  const [status, setStatus] = useState<Status | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function run(job: () => Promise<string>) {
    setStatus({ state: 'busy' });
    try {
      setStatus({ state: 'ok', text: await job() });
    } catch (err) {
      if (err instanceof BackupError) setStatus({ state: 'error', problem: err.problem, text: t('gallery_backup_refused', t(`gallery_backup_problem_${err.problem.replace(/-/g, '_')}`)) });
      else setStatus({ state: 'error', text: (err as Error).message });
    }
  }

  async function restore(file: File) {
    await run(async () => {
      const { works } = await readBackup(new Uint8Array(await file.arrayBuffer()));
      let added = 0, existing = 0, recomputed = 0;
      const failed: string[] = [];
      for (let i = 0; i < works.length; i += BATCH) {
        const r = await send('gallery/restore', { works: works.slice(i, i + BATCH) });
        added += r.added; existing += r.existing; recomputed += r.recomputed;
        failed.push(...r.failed.map((f) => `${f.name}: ${f.error}`));
      }
      onRestored();
      return [t('gallery_backup_restored', added, existing, recomputed), ...failed].join(' · ');
    });
  }

  return (
    <details class="backup" data-testid="backup">
      <summary>{t('gallery_backup_title')}</summary>
      <p class="muted">{t('gallery_backup_intro')}</p>
      <label class="check">
        <input type="checkbox" checked={originals} data-testid="backup-originals" onChange={(e) => setOriginals(e.currentTarget.checked)} />
        {t('gallery_backup_originals')}
      </label>
      <div class="row">
        <button type="button" data-testid="backup-export" disabled={status?.state === 'busy'}
          onClick={() => void run(async () => t('gallery_backup_saved', (await exportGallery(originals)).count))}>
          {t('gallery_backup_export')}
        </button>
        <button type="button" data-testid="backup-import-button" disabled={status?.state === 'busy'} onClick={() => input.current?.click()}>
          {t('gallery_backup_import')}
        </button>
        <input ref={input} type="file" accept=".zip,application/zip" hidden data-testid="backup-import"
          onChange={(e) => {
            const el = e.currentTarget;
            const file = el.files?.[0];
            if (file) void restore(file).finally(() => { el.value = ''; });
          }} />
      </div>
      {status && status.state !== 'busy' && (
        <p class={status.state === 'error' ? 'error' : 'muted'} data-testid="backup-status" data-state={status.state}
          data-problem={status.state === 'error' ? status.problem ?? '' : ''} role="status">
          {status.text}
        </p>
      )}
    </details>
  );
}
