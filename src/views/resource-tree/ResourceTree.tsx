import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StateView } from '../../worker/protocol';
import { ResourceTreeRow } from './ResourceTreeRow';
import { buildTreeRows, rowOverlaps, type TreeRow } from './tree-rows';
import './resource-tree.css';

export interface HoveredResource {
  id: number;
  start: number;
  end: number;
  name: string;
}

export interface ResourceTreeProps {
  state: StateView;
  previous: StateView | null;
  /** resource to highlight (from a finding or hover elsewhere) */
  highlightId: number | null;
  /** byte range highlighted elsewhere: entries overlapping it are marked */
  highlightRange: { start: number; end: number } | null;
  onHover(res: HoveredResource | null): void;
}

function summary(rows: TreeRow[]): string {
  const count = (p: (r: TreeRow) => boolean): number => rows.filter(p).length;
  const parts = [
    [count((r) => r.change.kind === 'added'), 'added'],
    [count((r) => r.freedNow), 'freed'],
    [count((r) => r.change.kind === 'adjusted'), 'adjusted'],
    [count((r) => r.change.kind === 'split'), 'split'],
    [count((r) => r.kind === 'ghost'), 'ghost'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length ? said.join(' · ') : 'no change';
}

export function ResourceTree({ state, previous, highlightId, highlightRange, onHover }: ResourceTreeProps) {
  const rows = useMemo(() => buildTreeRows(state, previous), [state, previous]);
  const names = useMemo(() => new Map(rows.map((r) => [r.id, r.name])), [rows]);
  const nameOf = (id: number): string => names.get(id) ?? `#${id}`;
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  // Several trees can share a page (one per kernel), so the heading's id must be unique.
  const headingId = useId();
  const active = Math.min(activeIndex, rows.length - 1);

  const isHighlighted = (r: TreeRow): boolean => r.id === highlightId || (highlightRange !== null && rowOverlaps(r, highlightRange));

  // A finding elsewhere may point at an entry scrolled out of sight: bring the first one in.
  // Not while the pointer is on the list: hovering a row highlights its parents too, and
  // scrolling under the pointer would change the hovered row.
  const pointerInside = useRef(false);
  const rangeStart = highlightRange?.start;
  const rangeEnd = highlightRange?.end;
  useEffect(() => {
    if (pointerInside.current) return;
    const first = listRef.current?.querySelector<HTMLElement>('[data-highlighted]');
    first?.scrollIntoView?.({ block: 'nearest' });
  }, [highlightId, rangeStart, rangeEnd, rows]);

  const select = (r: TreeRow | null): void => onHover(r && { id: r.id, start: r.start, end: r.end, name: r.name });

  const focusRow = (i: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActiveIndex(next);
    listRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[next]?.focus();
  };

  const keyDown = (i: number, e: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 };
    if (e.key === 'Enter' || e.key === ' ') select(rows[i] ?? null);
    else if (e.key === 'Escape') select(null);
    else if (e.key in moves) focusRow(moves[e.key]!);
    else return;
    e.preventDefault();
  };

  return (
    <section className="rt" aria-labelledby={headingId}>
      <header className="rt-head">
        <h2 id={headingId}>iomem resources</h2>
        <span className="rt-summary">
          step {state.step}: {previous ? summary(rows) : 'boot state'}
        </span>
      </header>
      {rows.length === 0 && <p className="rt-empty">The iomem tree is empty.</p>}
      <div
        className="rt-list"
        role="tree"
        aria-label={`iomem resource tree at step ${state.step}`}
        ref={listRef}
        onMouseEnter={() => (pointerInside.current = true)}
        onMouseLeave={() => (pointerInside.current = false)}
      >
        {rows.map((r, i) => (
          <ResourceTreeRow
            key={r.key}
            row={r}
            nameOf={nameOf}
            highlighted={isHighlighted(r)}
            active={i === active}
            onSelect={select}
            onKeyDown={(e) => keyDown(i, e)}
            onFocus={() => setActiveIndex(i)}
          />
        ))}
      </div>
    </section>
  );
}
