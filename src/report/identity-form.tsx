// "Your details": entered once, used in both notices, remembered on this device only if the artist asks.
import { t } from '../shared/i18n';
import type { Identity } from '../shared/types';
import { IDENTITY_FIELDS } from './identity';

export function fieldName(k: keyof Identity): string {
  switch (k) {
    case 'name': return t('report_identity_name');
    case 'email': return t('report_identity_email');
    case 'phone': return t('report_identity_phone');
    case 'address': return t('report_identity_address');
    case 'signature': return t('report_identity_signature');
  }
}

const INPUT: Record<keyof Identity, { type: 'text' | 'email' | 'tel'; autocomplete: string }> = {
  name: { type: 'text', autocomplete: 'name' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  address: { type: 'text', autocomplete: 'street-address' },
  signature: { type: 'text', autocomplete: 'off' },
};

interface Props {
  who: Identity;
  remember: boolean;
  /** One field changed. Several can change before a re-render (autofill fills them all at once). */
  onChange: (field: keyof Identity, value: string) => void;
  onRemember: (remember: boolean) => void;
}

export function IdentityForm({ who, remember, onChange, onRemember }: Props) {
  return (
    <section class="card identity" data-testid="identity" aria-labelledby="identity-h">
      <h2 id="identity-h">{t('report_identity_title')}</h2>
      <p class="muted small">{t('report_identity_hint')}</p>
      <div class="grid">
        {IDENTITY_FIELDS.map((k) => (
          <label key={k} class={k === 'address' ? 'wide' : ''}>
            <span>{fieldName(k)}</span>
            <input
              // Preact's input types are a union keyed on one literal `type`; each of ours is a plain text-like input.
              type={INPUT[k].type as 'text'} autocomplete={INPUT[k].autocomplete} value={who[k]} data-testid={`identity-${k}`}
              onInput={(e) => onChange(k, e.currentTarget.value)}
            />
            {k === 'signature' && <small class="muted">{t('report_identity_signature_hint')}</small>}
          </label>
        ))}
      </div>
      <label class="check">
        <input type="checkbox" checked={remember} data-testid="identity-remember" onChange={(e) => onRemember(e.currentTarget.checked)} />
        {t('report_identity_remember')}
      </label>
      <p class="muted small">{remember ? t('report_identity_remembered') : t('report_identity_not_remembered')}</p>
      <p class="warning" role="note" data-testid="liability-warning">{t('report_liability')}</p>
    </section>
  );
}
