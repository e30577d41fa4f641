// The notice in both languages, built live from the facts and the artist's details; or, for a style
// resemblance or an AI label, why there is no infringement notice and what the artist can do instead.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n';
import type { Identity } from '../shared/types';
import { fieldName } from './identity-form';

/** "name, email and phone" / 「姓名、电子邮箱和电话」 in the UI language. */
const list = (items: string[]) => new Intl.ListFormat(browser.i18n.getUILanguage(), { type: 'conjunction' }).format(items);

function CopyButton({ lang, text, missing }: { lang: 'zh' | 'en'; text: string; missing: (keyof Identity)[] }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const label = lang === 'zh' ? t('report_copy_zh') : t('report_copy_en');
  return (
    <button
      type="button" class="primary" data-testid={`copy-notice-${lang}`} data-state={state} disabled={missing.length > 0}
      onClick={() => navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'))}
    >
      {state === 'copied' ? t('report_copied') : state === 'failed' ? t('report_copy_failed') : label}
    </button>
  );
}

export function Notices({ zh, en, missing }: { zh: string; en: string; missing: (keyof Identity)[] }) {
  return (
    <section class="card notices" aria-labelledby="notices-h">
      <h2 id="notices-h">{t('report_notice_title')}</h2>
      <p class="muted small">{t('report_notice_hint')}</p>
      {missing.length > 0 && (
        <p class="error" role="status" data-testid="notice-missing">{t('report_notice_missing', list(missing.map(fieldName)))}</p>
      )}
      <div class="notice-pair">
        <div>
          <h3 lang="zh-CN">{t('report_notice_zh')}</h3>
          <textarea readOnly lang="zh-CN" rows={18} data-testid="notice-zh" value={zh} aria-label={t('report_notice_zh')} />
          <CopyButton lang="zh" text={zh} missing={missing} />
        </div>
        <div>
          <h3 lang="en">{t('report_notice_en')}</h3>
          <textarea readOnly lang="en" rows={18} data-testid="notice-en" value={en} aria-label={t('report_notice_en')} />
          <CopyButton lang="en" text={en} missing={missing} />
        </div>
      </div>
    </section>
  );
}

export function NoNotice({ kind }: { kind: string }) {
  return (
    <section class="card notices" data-testid="no-notice" data-kind={kind} aria-labelledby="notices-h">
      <h2 id="notices-h">{t('report_no_notice_title')}</h2>
      <p>{t('report_no_notice_style')}</p>
      <p>{t('report_no_notice_report')}</p>
    </section>
  );
}
