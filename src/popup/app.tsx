// The popup: this tab's matches, side by side with the matched work, or an empty state that explains Inkseal.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send } from '../shared/messaging';
import { t } from '../shared/i18n';
import type { Finding } from '../shared/types';

/** The tab this popup speaks for: the active tab, or `?tab=<id>` when the popup is opened as a page. */
async function targetTab(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function FindingCard({ f }: { f: Finding }) {
  return (
    <li class="finding" data-testid="finding" data-post-id={f.postId}>
      <div class="pair">
        <figure>
          <img src={f.imageUrl} alt={t('popup_post_image')} referrerpolicy="no-referrer" />
          <figcaption>{t('popup_post_image')}</figcaption>
        </figure>
        <figure>
          <img src={f.workThumbnail} alt={f.verdict.workName ?? ''} />
          <figcaption>{t('popup_your_work', f.verdict.workName ?? '')}</figcaption>
        </figure>
      </div>
      <div class="meta">
        <span>
          <span class="kind">{t(`verdict_${f.verdict.kind}`)}</span>{' · '}
          <span data-testid="score">{t('popup_score', Math.round(f.verdict.score * 100))}</span>
        </span>
        <a href={f.postUrl} target="_blank" rel="noreferrer">{t('popup_open_post')}</a>
      </div>
    </li>
  );
}

export function App() {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [galleryEmpty, setGalleryEmpty] = useState(false);

  useEffect(() => {
    void (async () => {
      const tabId = await targetTab();
      const [report, works] = await Promise.all([
        tabId === undefined ? Promise.resolve({ scanned: 0, findings: [] }) : send('tab/report', { tabId }),
        send('gallery/list', {}),
      ]);
      setGalleryEmpty(works.length === 0);
      setFindings(report.findings);
    })();
  }, []);

  const openGallery = () => void browser.runtime.openOptionsPage();

  if (findings === null) return null;
  if (findings.length === 0) {
    return (
      <main class="empty" data-testid="empty">
        <h1>{t('popup_empty_title')}</h1>
        <p class="muted">{t('popup_empty_body')}</p>
        {galleryEmpty && <p>{t('popup_empty_gallery')}</p>}
        <button class="primary" onClick={openGallery}>{t('popup_open_gallery')}</button>
      </main>
    );
  }
  return (
    <main>
      <h1>{t('popup_title')}</h1>
      <ul style="list-style:none;padding:0;margin:0">
        {findings.map((f) => <FindingCard key={`${f.postId}|${f.imageUrl}`} f={f} />)}
      </ul>
      <button onClick={openGallery}>{t('popup_open_gallery')}</button>
    </main>
  );
}
