/**
 * The rows the resource tree draws: the current entries, the entries this step freed (at
 * the place they had), and the ghosts (freed while a driver still owns them, placed where
 * a new request for their range would land), in /proc/iomem order.
 */
import { hierarchy } from 'd3';
import { IORESOURCE_BUSY, hasFlag } from '../../engine/resource/flags';
import type { GhostView, ResourceView, StateView } from '../../engine/views/view-types';
import { classifyTreeChanges, type EntryChange } from './tree-changes';

export interface TreeRow {
  /** unique among the rows: an id can be both a freed entry and, later, a ghost */
  key: string;
  kind: 'entry' | 'freed' | 'ghost';
  id: number;
  name: string;
  start: number;
  end: number;
  /** null for a ghost freed at an earlier step: only its range and owner are kept */
  flags: number | null;
  desc: number | null;
  owner: string;
  /** 0 for the children of the root ("PCI mem"), which is not drawn */
  depth: number;
  change: EntryChange;
  /** freed by the step that led to this state (a freed row, or a ghost born at this step) */
  freedNow: boolean;
  ghost: GhostView | null;
}

interface Draft {
  row: Omit<TreeRow, 'depth'> | null;
  children: Draft[];
}

const KIND_ORDER = { entry: 0, freed: 1, ghost: 2 } as const;
const UNCHANGED: EntryChange = { kind: 'unchanged' };

function entryRow(r: ResourceView, kind: TreeRow['kind'], change: EntryChange): Omit<TreeRow, 'depth'> {
  return { key: `${kind}-${r.id}`, kind, id: r.id, name: r.name, start: r.start, end: r.end, flags: r.flags, desc: r.desc, owner: r.owner, change, freedNow: kind !== 'entry', ghost: null };
}

function ghostRow(g: GhostView, step: number): Omit<TreeRow, 'depth'> {
  return { key: `ghost-${g.id}`, kind: 'ghost', id: g.id, name: g.name, start: g.start, end: g.end, flags: null, desc: null, owner: g.owner, change: UNCHANGED, freedNow: g.freedAtStep === step, ghost: g };
}

/**
 * __request_region() nests a new request inside any entry that contains it unless that
 * entry is BUSY, so that is where the ghost's range would be claimed again.
 */
function ghostParent(root: Draft, g: GhostView): Draft {
  let at = root;
  for (;;) {
    const inner = at.children.find((c) => c.row?.kind === 'entry' && c.row.flags !== null && !hasFlag(c.row.flags, IORESOURCE_BUSY) && c.row.start <= g.start && c.row.end >= g.end);
    if (!inner) return at;
    at = inner;
  }
}

function sortDraft(d: Draft): void {
  d.children.sort((a, b) => a.row!.start - b.row!.start || KIND_ORDER[a.row!.kind] - KIND_ORDER[b.row!.kind]);
  d.children.forEach(sortDraft);
}

export function buildTreeRows(state: StateView, previous: StateView | null): TreeRow[] {
  const changes = classifyTreeChanges(state.iomem, previous?.iomem ?? null);
  const byId = new Map<number, Draft>();
  const toDraft = (r: ResourceView): Draft => {
    const d: Draft = { row: entryRow(r, 'entry', changes.byId.get(r.id) ?? UNCHANGED), children: r.children.map(toDraft) };
    byId.set(r.id, d);
    return d;
  };
  const root: Draft = { row: null, children: state.iomem.children.map(toDraft) };
  byId.set(state.iomem.id, root);

  const ghosts = new Map(state.ghosts.map((g) => [g.id, g]));
  for (const f of changes.freed) {
    const ghost = ghosts.get(f.res.id);
    const row = entryRow(f.res, ghost ? 'ghost' : 'freed', UNCHANGED);
    const d: Draft = { row: { ...row, ghost: ghost ?? null }, children: [] };
    ghosts.delete(f.res.id);
    // Freed in pre-order, so a freed parent already has its draft.
    (byId.get(f.parentId) ?? root).children.push(d);
    byId.set(f.res.id, d);
  }
  for (const g of ghosts.values()) ghostParent(root, g).children.push({ row: ghostRow(g, state.step), children: [] });

  sortDraft(root);
  const rows: TreeRow[] = [];
  hierarchy(root, (d) => d.children).eachBefore((n) => {
    if (n.data.row) rows.push({ ...n.data.row, depth: n.depth - 1 });
  });
  return rows;
}

/** The first row the step changed (added, adjusted, split off, freed, or a ghost it made), or -1. */
export function firstChangedRow(rows: readonly TreeRow[]): number {
  return rows.findIndex(isChangedRow);
}

export const isChangedRow = (r: TreeRow): boolean => r.change.kind !== 'unchanged' || r.freedNow;

export function rowOverlaps(row: { start: number; end: number }, range: { start: number; end: number }): boolean {
  return row.start <= range.end && row.end >= range.start;
}
