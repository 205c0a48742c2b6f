import { type ReactNode, useId, useRef, useState } from 'react';

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
  // A tab focused by a click leaves ← → to the page, which steps (as everywhere but in a
  // text field); reached with the keyboard, ← → move between tabs. (:focus-visible cannot
  // tell: a key press makes the focus visible before its handler runs.)
  const pointer = useRef({ pressing: false, focused: false });
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
            onPointerDown={() => (pointer.current = { pressing: true, focused: true })}
            onFocus={() => (pointer.current = { pressing: false, focused: pointer.current.pressing })}
            onClick={() => {
              pointer.current.pressing = false;
              setActive(t.id);
            }}
            onKeyDown={(e) => {
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d || pointer.current.focused) return;
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
