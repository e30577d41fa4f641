// What a new user needs before anything else: what Inkseal does, that their works stay in this browser, and the
// one step that makes it useful — adding their works. Shows how far they are (works already in the gallery).
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import { send } from '../shared/messaging';

export function App() {
  const [works, setWorks] = useState<number | null>(null);
  useEffect(() => { void send('gallery/count', {}).then((r) => setWorks(r.works), () => setWorks(0)); }, []);
  const steps = [
    { title: t('welcome_step_add'), body: t('welcome_step_add_body') },
    { title: t('welcome_step_browse'), body: t('welcome_step_browse_body') },
    { title: t('welcome_step_act'), body: t('welcome_step_act_body') },
  ];
  return (
    <main class="welcome">
      <h1>{t('welcome_title')}</h1>
      <p class="lead">{t('welcome_lead')}</p>
      <section class="privacy" data-testid="welcome-privacy">
        <h2>{t('welcome_privacy_title')}</h2>
        <p>{t('welcome_privacy_body')}</p>
      </section>
      <ol class="steps">
        {steps.map((s) => <li key={s.title}><strong>{s.title}</strong><p class="muted">{s.body}</p></li>)}
      </ol>
      <div class="cta">
        <button type="button" class="primary" data-testid="welcome-add" onClick={() => void browser.runtime.openOptionsPage()}>
          {works ? t('welcome_open_gallery') : t('welcome_add_works')}
        </button>
        {works !== null && <span class="muted" data-testid="welcome-count">{works ? t('welcome_have_works', works) : t('welcome_no_works')}</span>}
      </div>
      <p class="muted small">{t('welcome_limits')}</p>
    </main>
  );
}
