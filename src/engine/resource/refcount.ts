/**
 * idea-refcount: Jerome Glisse's "use a refcount on the resources instead of the
 * IORESOURCE_BUSY flags" (linux-mm, 9 Aug 2018), which nobody implemented. Only the two
 * sentences of the mail are his; every rule here is this project's (docs/proposals.md,
 * RC-1 to RC-8). A busy entry is busy while it has a holder; its requester is the first.
 */
import { pR } from '../mm/fmt';
import type { Kernel } from '../kernel/kernel';
import { IORESOURCE_BUSY, IORESOURCE_MEM, hasFlag } from './flags';
import { describe } from './request';
import { type Resource, type ResPath, nodeAt, withNodeAt } from './tree';

/** RC-2: a busy entry starts with one holder, its requester. */
const refsOf = (r: Resource): number => r.refs ?? 1;

function setRefs(k: Kernel, path: ResPath, res: Resource, refs: number): void {
  // one holder is written as no field, so a resource back at one holder is the state it was
  const next: Resource = { ...res, refs };
  if (refs === 1) delete (next as { refs?: number }).refs;
  k.iomem = withNodeAt(k.iomem, path, next);
  if (k.tr.enabled) k.tr.change('iomem', `${describe(res)}: refs ${refsOf(res)} -> ${refs}`);
}

/**
 * RC-5 and RC-6: drops one reference on the busy entry at `path`. True when others still
 * hold it (the entry stays, busy and in /proc/iomem); false when that was the last one and
 * the caller goes on to free, shrink or split it as the kernel does.
 */
export function putResourceRef(k: Kernel, path: ResPath): boolean {
  const res = nodeAt(k.iomem, path);
  const refs = refsOf(res);
  if (refs <= 1) {
    if (k.tr.enabled) k.tr.decision(`${describe(res)}: refs ${refs} -> 0`, 'the last holder: release the entry');
    return false;
  }
  if (k.tr.enabled) k.tr.decision(`${describe(res)}: refs ${refs} -> ${refs - 1}`, 'still held: keep the entry, busy, and return 0', 'resource.refcount');
  setRefs(k, path, res, refs - 1);
  return true;
}

/**
 * RC-3: the entry release_mem_region_adjustable() would reach for [start, end]: down
 * through non-busy containers to the first busy MEM entry that holds the whole range.
 */
function adjustableTarget(k: Kernel, start: number, end: number): ResPath | null {
  let path: ResPath = [];
  let i = k.iomem.children.firstEndingAtOrAbove(end);
  for (;;) {
    const res = nodeAt(k.iomem, path).children.at(i);
    if (!res || res.start >= end) return null;
    if (res.start > start || res.end < end) {
      i++;
      continue;
    }
    if (!hasFlag(res.flags, IORESOURCE_MEM)) return null;
    if (hasFlag(res.flags, IORESOURCE_BUSY)) return [...path, i];
    path = [...path, i];
    i = res.children.firstEndingAtOrAbove(end);
  }
}

/**
 * RC-3: the device hot-add takes a reference on the resource that backs the range, so the
 * hot-remove's release drops that one and leaves the driver's own.
 */
export function get_resource_ref(k: Kernel, start: number, size: number): void {
  k.tr.call('get_resource_ref', () => pR(start, start + size - 1), () => {
    if (k.tr.enabled) k.tr.note('idea-refcount is a proposal nobody implemented: this reference (RC-3) is the project\'s reconstruction, not kernel code');
    const path = adjustableTarget(k, start, start + size - 1);
    if (!path) {
      if (k.tr.enabled) k.tr.note('no busy MEM entry holds the whole section-aligned range: no reference taken, so the hot-remove will find none to drop either');
      return;
    }
    const res = nodeAt(k.iomem, path);
    setRefs(k, path, res, refsOf(res) + 1);
  });
}
