import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StateView } from '../../engine/views/view-types';
import { scrollIntoScroller } from '../common/scroll-into-view';
import { ResourceTreeRow } from './ResourceTreeRow';
import { buildTreeRows, firstChangedRow, rowOverlaps, type TreeRow } from './tree-rows';
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

/** Past this many rows only the ones in view are rendered: 2,500 hot-added blocks make 2,500 entries. */
const VIRTUAL_ROWS = 200;
const ROW_ESTIMATE_PX = 26;

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
  const virtual = rows.length > VIRTUAL_ROWS;
  const v = useVirtualizer({ count: virtual ? rows.length : 0, getScrollElement: () => listRef.current, estimateSize: () => ROW_ESTIMATE_PX, overscan: 10, initialRect: { width: 400, height: 350 } });

  // A finding elsewhere may point at an entry scrolled out of sight: bring the first one in.
  // Not while the pointer is on the list: hovering a row highlights its parents too, and
  // scrolling under the pointer would change the hovered row.
  const pointerInside = useRef(false);
  const rangeStart = highlightRange?.start;
  const rangeEnd = highlightRange?.end;
  useEffect(() => {
    if (pointerInside.current) return;
    if (virtual) {
      if (highlightId === null && rangeStart === undefined) return;
      const i = rows.findIndex(isHighlighted);
      if (i >= 0) v.scrollToIndex(i, { align: 'auto' });
      return;
    }
    // only the list scrolls: scrollIntoView() would scroll the page too, so hovering the map moved it
    const first = listRef.current?.querySelector<HTMLElement>('[data-highlighted]');
    if (first && listRef.current) scrollIntoScroller(first, listRef.current);
  }, [highlightId, rangeStart, rangeEnd, rows, virtual]);

  // A step brings the first entry it changed into view, unless something picked elsewhere
  // is highlighted (the effect above shows that one). On a new state only, so moving the
  // highlight does not bring it back. Only the list scrolls, not the page.
  useEffect(() => {
    if (highlightId !== null || rangeStart !== undefined) return;
    const i = firstChangedRow(rows);
    if (i < 0) return;
    if (virtual) return void v.scrollToIndex(i, { align: 'center' });
    const el = listRef.current?.querySelector<HTMLElement>(`[data-key="${rows[i]!.key}"]`);
    if (el && listRef.current) scrollIntoScroller(el, listRef.current);
  }, [rows]);

  const select = (r: TreeRow | null): void => onHover(r && { id: r.id, start: r.start, end: r.end, name: r.name });

  const focusRow = (i: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActiveIndex(next);
    const focus = () => listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
    if (!virtual) return void listRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[next]?.focus();
    // The row may be out of view, so not rendered yet: scroll it in, then focus it once drawn.
    v.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(focus);
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
        {virtual ? (
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((it) => {
              const r = rows[it.index]!;
              return (
                <div key={r.key} data-index={it.index} ref={v.measureElement} className="rt-virtual-row" style={{ transform: `translateY(${it.start}px)` }}>
                  <ResourceTreeRow row={r} nameOf={nameOf} highlighted={isHighlighted(r)} active={it.index === active} onSelect={select} onKeyDown={(e) => keyDown(it.index, e)} onFocus={() => setActiveIndex(it.index)} />
                </div>
              );
            })}
          </div>
        ) : (
          rows.map((r, i) => (
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
          ))
        )}
      </div>
    </section>
  );
}
