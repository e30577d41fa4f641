// The post's picture beside the matched work, or laid over it with a wipe slider. In the overlay the work is
// turned the way the repost turned it (mirrored, rotated) and, when the verdict says which regions matched,
// scaled and moved so its matched region covers the post's (align.ts does the maths).
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { alignTransform, readAlign } from './align';

interface Props {
  postSrc: string;
  /** The post picture is the page's own URL (not captured bytes): load it without a Referer, as the popup does. */
  postIsRemote: boolean;
  workSrc: string;
  workTitle: string;
  verdict: unknown;
  transform?: string;
}

export function Compare({ postSrc, postIsRemote, workSrc, workTitle, verdict, transform }: Props) {
  const [mode, setMode] = useState<'side' | 'overlay'>('side');
  const [wipe, setWipe] = useState(50);
  const [aspect, setAspect] = useState<number | null>(null);
  const align = readAlign(verdict);
  const placed = alignTransform({ transform, align, postAspect: aspect ?? 1 });
  const referrer = postIsRemote ? 'no-referrer' : undefined;
  const notes = [placed.mirrored && t('report_compare_turned'), placed.aligned && t('report_compare_aligned')].filter(Boolean).join(' ');

  return (
    <section class="card compare" data-testid="compare" data-mode={mode} aria-labelledby="compare-h">
      <div class="section-head">
        <h2 id="compare-h">{t('report_compare_title')}</h2>
        <div class="segmented" role="group" aria-label={t('report_compare_title')}>
          <button type="button" aria-pressed={mode === 'side'} data-testid="compare-side" onClick={() => setMode('side')}>
            {t('report_compare_side')}
          </button>
          <button type="button" aria-pressed={mode === 'overlay'} data-testid="compare-overlay" onClick={() => setMode('overlay')}>
            {t('report_compare_overlay')}
          </button>
        </div>
      </div>
      {mode === 'side' ? (
        <div class="pair">
          <figure>
            <img src={postSrc} alt={t('report_post_picture')} referrerpolicy={referrer} data-testid="compare-post" />
            <figcaption>{t('report_post_picture')}</figcaption>
          </figure>
          <figure>
            <img src={workSrc} alt={workTitle} data-testid="compare-work" />
            <figcaption>{t('report_your_work', workTitle)}</figcaption>
          </figure>
        </div>
      ) : (
        <>
          {/* A tall post (a phone screenshot) is kept within the window's height. */}
          <div class="overlay" style={aspect ? { maxWidth: `min(560px, ${Math.round(70 * aspect)}vh)` } : undefined}>
            <img
              class="base" src={postSrc} alt={t('report_post_picture')} referrerpolicy={referrer}
              onLoad={(e) => {
                const img = e.currentTarget;
                if (img.naturalWidth && img.naturalHeight) setAspect(img.naturalWidth / img.naturalHeight);
              }}
            />
            <div class="wipe" style={{ clipPath: `inset(0 ${100 - wipe}% 0 0)` }}>
              <img src={workSrc} alt={workTitle} data-testid="overlay-work" data-transform={placed.css} style={{ transform: placed.css }} />
            </div>
            <div class="wipe-line" style={{ left: `${wipe}%` }} aria-hidden="true" />
            <span class="tag left" aria-hidden="true">{t('report_compare_work_tag')}</span>
            <span class="tag right" aria-hidden="true">{t('report_compare_post_tag')}</span>
          </div>
          <input
            type="range" min={0} max={100} step={1} value={wipe} data-testid="compare-slider"
            aria-label={t('report_compare_slider')} aria-valuetext={t('report_compare_slider_value', wipe)}
            onInput={(e) => setWipe(Number(e.currentTarget.value))}
          />
          <p class="muted small">{t('report_compare_slider')}{notes && ` ${notes}`}</p>
        </>
      )}
    </section>
  );
}
