// The toast after an action, with Undo where the action can be undone. It stays while pointed at or focused,
// so the artist has the time they need to reach Undo (WCAG 2.2.1). Rendered inside the page's live region.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

export interface ToastData {
  /** Changes with every toast, so a new one restarts the timer. */
  id: number;
  text: string;
  undo?: () => Promise<void>;
}

const SHOWN_MS = 8000;

export function Toast({ toast, onClose }: { toast: ToastData; onClose: () => void }) {
  const [held, setHeld] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    if (held) return undefined;
    const timer = setTimeout(() => close.current(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast.id, held]);

  async function undo() {
    setUndoing(true);
    try {
      await toast.undo?.();
    } finally {
      close.current();
    }
  }

  return (
    <div
      class="toast" data-testid="toast"
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)} onFocusOut={() => setHeld(false)}
      onKeyDown={(e) => { if (e.key === 'Escape') close.current(); }}
    >
      <span>{toast.text}</span>
      {toast.undo && (
        <button type="button" class="primary" data-testid="undo" disabled={undoing} onClick={() => void undo()}>
          {t('findings_undo')}
        </button>
      )}
      <button type="button" class="close" aria-label={t('findings_dismiss')} title={t('findings_dismiss')} onClick={() => close.current()}>
        ×
      </button>
    </div>
  );
}
