/**
 * What one step did to the iomem tree, worked out from the two states alone: entries keep
 * their id for as long as the kernel keeps the struct resource, so ids tell an entry that
 * was resized from one that was freed and allocated again.
 */
import type { ResourceView } from '../../engine/views/view-types';

export type EntryChange =
  | { kind: 'unchanged' }
  | { kind: 'added' }
  | { kind: 'adjusted'; oldStart: number; oldEnd: number }
  /** allocated by release_mem_region_adjustable() to hold the tail of the adjusted entry `fromId` */
  | { kind: 'split'; fromId: number };

/** An entry of the previous state that is gone now, with the parent it hung under then. */
export interface FreedEntry {
  res: ResourceView;
  parentId: number;
}

export interface TreeChanges {
  /** every entry of the current tree below the root */
  byId: Map<number, EntryChange>;
  /** in the previous tree's pre-order, so a freed parent comes before its freed children */
  freed: FreedEntry[];
}

const UNCHANGED: EntryChange = { kind: 'unchanged' };

function indexTree(root: ResourceView): Map<number, ResourceView> {
  const byId = new Map<number, ResourceView>();
  const walk = (r: ResourceView): void => {
    byId.set(r.id, r);
    r.children.forEach(walk);
  };
  walk(root);
  return byId;
}

/**
 * The kernel splits an entry by shrinking it to the head and allocating a new one, same
 * name and flags, for the tail: so a new sibling right after an adjusted entry that lies
 * inside the adjusted entry's old range is that tail.
 */
function splitSource(prev: ResourceView, next: ResourceView, prevChange: EntryChange | undefined): number | null {
  if (prevChange?.kind !== 'adjusted') return null;
  const sameKind = next.name === prev.name && next.flags === prev.flags && next.desc === prev.desc;
  const insideOld = next.start > prev.end && next.start >= prevChange.oldStart && next.end <= prevChange.oldEnd;
  return sameKind && insideOld ? prev.id : null;
}

export function classifyTreeChanges(current: ResourceView, previous: ResourceView | null): TreeChanges {
  const byId = new Map<number, EntryChange>();
  const before = previous ? indexTree(previous) : null;

  const classify = (parent: ResourceView): void => {
    parent.children.forEach((r, i) => {
      const old = before?.get(r.id);
      let change: EntryChange = UNCHANGED;
      if (before && !old) {
        const left = parent.children[i - 1];
        const from = left ? splitSource(left, r, byId.get(left.id)) : null;
        change = from === null ? { kind: 'added' } : { kind: 'split', fromId: from };
      } else if (old && (old.start !== r.start || old.end !== r.end)) {
        change = { kind: 'adjusted', oldStart: old.start, oldEnd: old.end };
      }
      byId.set(r.id, change);
      classify(r);
    });
  };
  classify(current);

  const freed: FreedEntry[] = [];
  const collectFreed = (parent: ResourceView): void => {
    for (const r of parent.children) {
      if (!byId.has(r.id)) freed.push({ res: r, parentId: parent.id });
      collectFreed(r);
    }
  };
  if (previous) collectFreed(previous);
  return { byId, freed };
}
