import { type ReactNode, useId, useState } from 'react';

/** A tab focused by a click: the page's ← → step then, as everywhere but in a text field. */
function clicked(el: Element): boolean {
  try {
    return !el.matches(':focus-visible');
  } catch {
    return false;
  }
}

/**
 * Accessible tabs (arrow keys move between them once reached with the keyboard); hidden
 * panels stay in the DOM so their text twins do too. `active` and `onSelect` let the store
 * hold which one is open (it travels in the link).
 */
export function Tabs<Id extends string>({ tabs, label, active: held, onSelect }: { label: string; tabs: { id: Id; title: string; content: ReactNode }[]; active?: Id; onSelect?(id: Id): void }) {
  const [own, setOwn] = useState(tabs[0]!.id);
  const active = held ?? own;
  const setActive = onSelect ?? setOwn;
  const base = useId();
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => setActive(t.id)}
            onKeyDown={(e) => {
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d || clicked(e.currentTarget)) return;
              e.preventDefault();
              e.stopPropagation();
              const next = tabs[(i + d + tabs.length) % tabs.length]!;
              setActive(next.id);
              document.getElementById(`${base}-tab-${next.id}`)?.focus();
            }}
          >
            {t.title}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={active !== t.id} tabIndex={0}>
          {t.content}
        </div>
      ))}
    </div>
  );
}
