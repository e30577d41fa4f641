// The page's three sections as an ARIA tab list: arrow keys, Home and End move between tabs.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export type TabId = 'findings' | 'decisions' | 'cases';
export const TAB_IDS: readonly TabId[] = ['findings', 'decisions', 'cases'];

export const tabDomId = (id: TabId) => `tab-${id}`;
export const panelDomId = (id: TabId) => `panel-${id}`;

interface Props {
  current: TabId;
  labels: Record<TabId, string>;
  label: string;
  onSelect: (id: TabId) => void;
}

export function Tabs({ current, labels, label, onSelect }: Props) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const i = TAB_IDS.indexOf(current);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TAB_IDS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const id = TAB_IDS[(next + TAB_IDS.length) % TAB_IDS.length]!;
    onSelect(id);
    list.current?.querySelector<HTMLElement>(`#${tabDomId(id)}`)?.focus();
  }

  return (
    <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {TAB_IDS.map((id) => (
        <button
          key={id} type="button" role="tab" id={tabDomId(id)} data-testid={tabDomId(id)}
          aria-selected={id === current} tabIndex={id === current ? 0 : -1}
          // Only the current panel is rendered, so only its tab names one.
          aria-controls={id === current ? panelDomId(id) : undefined}
          onClick={() => onSelect(id)}
        >
          {labels[id]}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, children }: { id: TabId; children: ComponentChildren }) {
  return (
    <section class="panel" role="tabpanel" id={panelDomId(id)} aria-labelledby={tabDomId(id)}>
      {children}
    </section>
  );
}
