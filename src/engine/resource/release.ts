import { pfnToPhys, pfnUp, physToPfn } from '../arch';
import { EINVAL, errStr } from '../errno';
import { pR, x016 } from '../mm/fmt';
import type { Kernel } from '../kernel/kernel';
import { IORESOURCE_BUSY, IORESOURCE_MEM, IORESOURCE_SYSRAM, hasFlag } from './flags';
import { driverHolding, holderPhrase } from './ownership';
import { putResourceRef } from './refcount';
import { __adjust_resource, describe, unlinkAndFree } from './request';
import { ResList } from './res-list';
import { type Resource, type ResPath, nodeAt, withChildrenAt } from './tree';

/**
 * __release_region(&iomem_resource, start, n): descends into non-busy entries and
 * frees the busy one that matches exactly; anything else is "nonexistent".
 */
export function __release_region(k: Kernel, start: number, n: number, caller: string): boolean {
  return k.tr.call('__release_region', () => `&iomem_resource, ${pR(start, start + n - 1)}`, () => {
    const end = start + n - 1;
    let path: ResPath = [];
    let i = k.iomem.children.firstEndingAtOrAbove(end);
    for (;;) {
      const kids = nodeAt(k.iomem, path).children;
      const res = kids.at(i);
      if (!res) break;
      if (res.start <= start && res.end >= end) {
        if (!hasFlag(res.flags, IORESOURCE_BUSY)) {
          path = [...path, i];
          i = res.children.firstEndingAtOrAbove(end);
          continue;
        }
        if (res.start !== start || res.end !== end) break;
        // idea-refcount (RC-6): the caller lets go of its hold; the entry goes with the last one
        if (k.v.refcountedResources && putResourceRef(k, [...path, i])) return true;
        unlinkAndFree(k, [...path, i], caller);
        return true;
      }
      i++;
    }
    k.printk(`Trying to free nonexistent resource <${x016(start)}-${x016(end)}>`);
    return false;
  }, (ok) => (ok ? 'released' : 'not found'));
}

export interface AdjustableRules {
  /** 65c78784135f (RFC v2, upstream from v5.0): back off from entries without IORESOURCE_SYSRAM */
  sysramCheck: boolean;
  /** idea-refcount (RC-5): the found entry loses a reference and is touched only when that was the last */
  refcounted?: boolean;
}

/**
 * release_mem_region_adjustable(&iomem_resource, start, size): finds the busy MEM entry
 * that contains the range and frees, shrinks or splits it. The four outcomes and the
 * error returns are the kernel's; `rules` adds the SYSRAM back-off of RFC v2 / v5.5.
 */
export function release_mem_region_adjustable(k: Kernel, rules: AdjustableRules, start: number, size: number, caller: string): number {
  return k.tr.call('release_mem_region_adjustable', () => `&iomem_resource, 0x${start.toString(16)}, 0x${size.toString(16)}`, () => {
    const end = start + size - 1;
    if (start < k.iomem.start || end > k.iomem.end) return -EINVAL;
    let path: ResPath = [];
    let i = k.iomem.children.firstEndingAtOrAbove(end);
    for (;;) {
      const res = nodeAt(k.iomem, path).children.at(i);
      if (!res) break;
      if (res.start >= end) break;
      if (res.start > start || res.end < end) {
        i++;
        continue;
      }
      if (rules.sysramCheck) {
        const sys = hasFlag(res.flags, IORESOURCE_SYSRAM);
        if (k.tr.enabled) k.tr.decision(`${describe(res)} has IORESOURCE_SYSRAM`, sys ? 'yes: go on' : 'no: not hot-added RAM, back off with 0', 'adjustable.sysram');
        if (!sys) return 0;
      }
      if (!hasFlag(res.flags, IORESOURCE_MEM)) return -EINVAL;
      if (!hasFlag(res.flags, IORESOURCE_BUSY)) {
        if (k.tr.enabled) k.tr.decision(`${describe(res)} is IORESOURCE_BUSY`, 'no: descend into its children');
        path = [...path, i];
        i = res.children.firstEndingAtOrAbove(end);
        continue;
      }
      if (rules.refcounted && putResourceRef(k, [...path, i])) return 0;
      return adjustFound(k, [...path, i], res, start, end, caller);
    }
    return -EINVAL;
  }, errStr);
}

function adjustFound(k: Kernel, path: ResPath, res: Resource, start: number, end: number, caller: string): number {
  const holder = driverHolding(k, res.id);
  let ret: number;
  let action: string;
  if (res.start === start && res.end === end) {
    if (k.tr.enabled) k.tr.decision('exact match', 'free the whole entry', 'adjustable.outcome');
    unlinkAndFree(k, path, caller);
    ret = 0;
    action = 'freed';
  } else if (res.start === start) {
    if (k.tr.enabled) k.tr.decision('same start, different end', 'adjust the start', 'adjustable.outcome');
    ret = __adjust_resource(k, path, end + 1, res.end - end);
    action = 'shrank (new start)';
  } else if (res.end === end) {
    if (k.tr.enabled) k.tr.decision('same end, different start', 'adjust the end', 'adjustable.outcome');
    ret = __adjust_resource(k, path, res.start, start - res.start);
    action = 'shrank (new end)';
  } else {
    if (k.tr.enabled) k.tr.decision('range strictly inside', 'split into two entries', 'adjustable.outcome');
    ret = split(k, path, res, start, end);
    action = 'split';
  }
  if (ret === 0 && holder) {
    k.finding(
      'resource-released-while-owned',
      caller,
      `${caller}() called release_mem_region_adjustable(), which ${action} the iomem entry ${describe(res)}. ` +
        `That entry belongs to ${holderPhrase(holder)}, which registered it and still owns it: the core hotplug code has taken away its claim to the range ` +
        `while ${holder === 'platform' ? 'the device behind it' : 'the driver'} goes on using it, so ${holder === 'platform' ? 'nothing stops' : 'the driver\'s own release will find nothing and'} another driver ${holder === 'platform' ? 'from claiming' : 'can now claim'} the same addresses.`,
      { start: res.start, end: res.end },
      res.id,
    );
  }
  return ret;
}

function split(k: Kernel, path: ResPath, res: Resource, start: number, end: number): number {
  // alloc_resource(GFP_KERNEL) succeeded before the lock was taken; the simulator never runs out of memory.
  const newRes: Resource = { ...res, id: k.allocResId(), start: end + 1, end: res.end, children: ResList.EMPTY };
  const ret = __adjust_resource(k, path, res.start, start - res.start);
  if (ret) return ret;
  const parentPath = path.slice(0, -1);
  const kids = nodeAt(k.iomem, parentPath).children.insert(path[path.length - 1]! + 1, newRes);
  k.iomem = withChildrenAt(k.iomem, parentPath, kids);
  if (k.tr.enabled) k.tr.change('iomem', `split: new entry ${describe(newRes)} copies name, flags and desc`);
  return 0;
}


export const REGION_DISJOINT = 0;
export const REGION_INTERSECTS = 1;
export const REGION_MIXED = -1;

/** region_intersects(start, size, flags, desc): top-level entries only, in v4.18 and v5.5. */
export function region_intersects(k: Kernel, start: number, size: number, flags: number, desc: number): number {
  const end = start + size - 1;
  let type = 0;
  let other = 0;
  for (const p of k.iomem.children) {
    const isType = ((p.flags & flags) >>> 0) === flags >>> 0 && (desc === 0 || desc === p.desc);
    const hits = Number(start >= p.start && start <= p.end) + Number(end >= p.start && end <= p.end) + Number(p.start >= start && p.end <= end);
    if (isType) type += hits;
    else other += hits;
  }
  if (other === 0) return type ? REGION_INTERSECTS : REGION_DISJOINT;
  if (type) return REGION_MIXED;
  return REGION_DISJOINT;
}

export function regionName(r: number): string {
  return r === REGION_INTERSECTS ? 'REGION_INTERSECTS' : r === REGION_MIXED ? 'REGION_MIXED' : 'REGION_DISJOINT';
}

/**
 * The System RAM pieces (busy, SYSRAM) of [startPfn, startPfn+nr) as walk_system_ram_range()
 * hands them to its callback, in whole pages. `firstLevelOnly` is v4.18's find_next_iomem_res().
 */
export function systemRamPieces(k: Kernel, startPfn: number, nrPages: number, firstLevelOnly: boolean): { pfn: number; nr: number }[] {
  const lo = pfnToPhys(startPfn);
  const hi = pfnToPhys(startPfn + nrPages) - 1;
  const out: { pfn: number; nr: number }[] = [];
  const visit = (list: ResList<Resource>): void => {
    for (let i = list.firstEndingAtOrAbove(lo); i < list.length && list.at(i)!.start <= hi; i++) {
      const r = list.at(i)!;
      if (hasFlag(r.flags, IORESOURCE_SYSRAM) && hasFlag(r.flags, IORESOURCE_MEM) && hasFlag(r.flags, IORESOURCE_BUSY)) {
        const s = Math.max(r.start, lo);
        const e = Math.min(r.end, hi);
        const pfn = pfnUp(s);
        const endPfn = physToPfn(e + 1);
        if (endPfn > pfn) out.push({ pfn, nr: endPfn - pfn });
        // the kernel moves on past this entry: its children are inside it
        continue;
      }
      if (!firstLevelOnly) visit(r.children);
    }
  };
  visit(k.iomem.children);
  return out;
}
