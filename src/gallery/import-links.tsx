// Import from pasted links: image URLs are queued as they are; page URLs are read for the pictures they show.
// The host permission for the links' sites is asked first, in the click (Firefox honours it only there).
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { LinkError, fetchLink, pageImages, parseUrlList, rankPictures } from './import-urls';

import type { WorkSource } from '../shared/db';

/** A link to import; `source` says how it came (pasted, the context menu), default a pasted link. */
export interface LinkItem { url: string; label: string; source?: WorkSource }

const origins = (urls: string[]) => [...new Set(urls.map((u) => `${new URL(u).origin}/*`))];

/** A link to a page becomes the pictures on it; a link to a picture stays one. */
async function expand(url: string): Promise<LinkItem[]> {
  // Guessing from the path first saves fetching every picture twice.
  if (/\.(jpe?g|png|webp|gif|avif|bmp)$/i.test(new URL(url).pathname)) return [{ url, label: url }];
  try {
    const got = await fetchLink(url);
    if (!got.type.includes('html')) return [{ url, label: url }];
    const doc = new DOMParser().parseFromString(await got.bytes.text(), 'text/html');
    return rankPictures(pageImages(doc), url).map((src) => ({ url: src, label: src }));
  } catch (err) {
    // Queued as is: the import reports why it could not be reached.
    if (err instanceof LinkError) return [{ url, label: url }];
    throw err;
  }
}

export function ImportLinks({ onItems }: { onItems: (items: LinkItem[]) => void }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function start() {
    const { urls, refused } = parseUrlList(text);
    if (!urls.length) {
      setNote(t('gallery_links_none'));
      return;
    }
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: origins(urls) });
    } catch (err) {
      setNote((err as Error).message);
      return;
    }
    if (!granted) {
      setNote(t('gallery_links_denied'));
      return;
    }
    setBusy(true);
    try {
      const items: LinkItem[] = [];
      for (const url of urls) items.push(...(await expand(url)));
      // Pages may name pictures on other sites (a CDN): those need their own permission, which the artist
      // gives with the next click; until then they are reported as unreachable.
      onItems(items);
      setNote(refused.length ? t('gallery_links_refused', refused.length) : '');
      setText('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="links" data-testid="links">
      <summary>{t('gallery_links_title')}</summary>
      <p class="muted">{t('gallery_links_intro')}</p>
      <textarea rows={4} data-testid="url-list" value={text} placeholder="https://…" onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <button type="button" data-testid="url-import" disabled={busy || !text.trim()} onClick={() => void start()}>
          {busy ? t('gallery_links_reading') : t('gallery_links_import')}
        </button>
        {note && <span class="muted" data-testid="url-note">{note}</span>}
      </div>
    </details>
  );
}
