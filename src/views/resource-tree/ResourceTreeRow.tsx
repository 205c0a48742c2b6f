import type { KeyboardEvent } from 'react';
import { IORES_DESC_NONE, descName, flagNames } from '../../engine/resource/flags';
import { iomemRange } from '../common/number-format';
import { isChangedRow, type TreeRow } from './tree-rows';
import { RESOURCE_CLASS_TITLES, type ResourceClass, resourceClass } from '../pfn-map/resource-class';

export interface ResourceTreeRowProps {
  row: TreeRow;
  /** id → name of the entries, so a split tail can say which entry it came from */
  nameOf(id: number): string;
  highlighted: boolean;
  /** roving tabindex: only the active row is a tab stop, arrows move between rows */
  active: boolean;
  onSelect(row: TreeRow | null): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
  onFocus(): void;
}

function ghostText(row: TreeRow): string | null {
  const g = row.ghost;
  return g ? `${g.name} — freed by ${g.freedBy}() at step ${g.freedAtStep}, still owned by ${g.heldBy}` : null;
}

/** The badge naming what the step did to the entry, or null when nothing. */
function changeText(row: TreeRow, nameOf: (id: number) => string): string | null {
  if (row.freedNow) return 'freed at this step';
  switch (row.change.kind) {
    case 'added':
      return 'added';
    case 'adjusted':
      return 'adjusted';
    case 'split':
      return `split from ${nameOf(row.change.fromId)} #${row.change.fromId}`;
    case 'unchanged':
      return null;
  }
}

/** The kinds of entry worth naming beside the flags: what the kernel prints them for, not what their flags make them. */
function classOf(row: TreeRow): ResourceClass | null {
  if (row.flags === null) return null;
  const c = resourceClass({ flags: row.flags, desc: row.desc ?? 0, name: row.name });
  return c === 'pmem' || c === 'reserved' || c === 'acpi' || c === 'pci' ? c : null;
}

function chips(row: TreeRow): string[] {
  const out = row.flags === null ? [] : flagNames(row.flags);
  if (row.desc !== null && row.desc !== IORES_DESC_NONE) out.push(descName(row.desc));
  return out;
}

/** What a screen reader says for the row: the same facts the eye gets, in one sentence. */
function rowAccessibleName(row: TreeRow, nameOf: (id: number) => string): string {
  const old = row.change.kind === 'adjusted' ? `, was ${iomemRange(row.change.oldStart, row.change.oldEnd)}` : '';
  const parts = [`${iomemRange(row.start, row.end)} ${row.name}${old}`, chips(row).join(' '), `owner ${row.owner}`, changeText(row, nameOf), ghostText(row)];
  return parts.filter((p) => p).join('; ');
}

export function ResourceTreeRow({ row, nameOf, highlighted, active, onSelect, onKeyDown, onFocus }: ResourceTreeRowProps) {
  const change = changeText(row, nameOf);
  const ghost = ghostText(row);
  const cls = classOf(row);
  const classes = ['rt-row', `rt-row--${row.kind}`, `rt-change--${row.change.kind}`, row.freedNow ? 'rt-row--freed-now' : '', isChangedRow(row) ? 'rt-row--changed' : '', highlighted ? 'rt-row--highlighted' : ''];
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={highlighted}
      aria-label={rowAccessibleName(row, nameOf)}
      tabIndex={active ? 0 : -1}
      className={classes.filter(Boolean).join(' ')}
      style={{ paddingLeft: `calc(${row.depth} * 1.1em + 0.4em)` }}
      data-key={row.key}
      data-highlighted={highlighted || undefined}
      data-changed={isChangedRow(row) || undefined}
      onMouseEnter={() => onSelect(row)}
      onMouseLeave={() => onSelect(null)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <span className="rt-range">
        {row.change.kind === 'adjusted' && (
          <>
            <del className="rt-old">{iomemRange(row.change.oldStart, row.change.oldEnd)}</del>
            <span aria-hidden="true"> → </span>
          </>
        )}
        {iomemRange(row.start, row.end)}
      </span>
      <span className="rt-name">{row.name}</span>
      {cls && <span className={`rt-class rt-class--${cls}`}>{RESOURCE_CLASS_TITLES[cls]}</span>}
      {chips(row).map((c) => (
        <span key={c} className={`rt-chip rt-chip--${c.toLowerCase()}`}>
          {c}
        </span>
      ))}
      <span className="rt-owner" title="owner">
        {row.owner}
      </span>
      {change && <span className={`rt-badge rt-badge--${row.freedNow ? 'freed' : row.change.kind}`}>{change}</span>}
      {ghost && <span className="rt-ghost-label">{ghost}</span>}
    </div>
  );
}
