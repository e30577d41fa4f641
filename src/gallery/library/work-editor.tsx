// Editing a work's details: title, when it was made, where and when it was first published (the proof a
// complaint leans on), tags. A modal dialog: Esc cancels, Save stores every field as the form holds it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { send } from '../../shared/messaging';
import type { WorkSummary } from '../../shared/types';
import { parseTags } from './query';
import { AiEvidence } from '../../shared/ai-evidence';

export function WorkEditor({ work, thumbnail, onDone }: { work: WorkSummary; thumbnail?: string; onDone: (saved?: WorkSummary) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState('');
  useEffect(() => { dialog.current?.showModal(); }, []);

  async function save(form: HTMLFormElement) {
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    try {
      const saved = await send('gallery/update', { id: work.id, details: {
        title: v('title'), createdOn: v('createdOn'), publishedUrl: v('publishedUrl'), publishedOn: v('publishedOn'), tags: parseTags(v('tags')),
      } });
      onDone(saved);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <dialog ref={dialog} class="editor" data-testid="work-editor" onClose={() => onDone()}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void save(e.currentTarget); }}>
        <h2>{t('gallery_edit_title')}</h2>
        <div class="editor-body">
          {thumbnail && <img src={thumbnail} alt="" />}
          <div class="fields">
            <label>{t('gallery_field_title')}<input name="title" defaultValue={work.title ?? work.name} maxLength={200} /></label>
            <label>{t('gallery_field_created')}<input name="createdOn" type="date" defaultValue={work.createdOn ?? ''} /></label>
            <label>{t('gallery_field_published_url')}<input name="publishedUrl" type="url" defaultValue={work.publishedUrl ?? ''} placeholder="https://" /></label>
            <label>{t('gallery_field_published_on')}<input name="publishedOn" type="date" defaultValue={work.publishedOn ?? ''} /></label>
            <label>{t('gallery_field_tags')}<input name="tags" defaultValue={(work.tags ?? []).join(', ')} placeholder={t('gallery_field_tags_hint')} /></label>
            <p class="muted">{t('gallery_field_file', work.name)}</p>
            <FileMetadata work={work} />
          </div>
        </div>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="row end">
          <button type="button" onClick={() => dialog.current?.close()}>{t('gallery_edit_cancel')}</button>
          <button type="submit" class="primary" data-testid="work-save">{t('gallery_edit_save')}</button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * What the work's own file said when it was imported: its Content Credentials (a valid C2PA signature backs the
 * artist's claim; an invalid one is said plainly) and any AI-generation declaration, so the artist sees it before
 * a complaint leans on this file.
 */
function FileMetadata({ work }: { work: WorkSummary }) {
  const p = work.provenance;
  if (!p) return null;
  return (
    <div class="file-metadata" data-testid="work-provenance">
      {p.c2pa && <p class="muted" data-c2pa={p.c2pa}>{t(`gallery_c2pa_${p.c2pa}`)}</p>}
      {p.ai && <p class="warning">{t('gallery_file_declares_ai')}</p>}
      {p.ai && <AiEvidence ai={{ metadata: p.evidence }} />}
    </div>
  );
}
