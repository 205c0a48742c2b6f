/**
 * memory_hotplug.online_policy=auto-movable as 6.12 decides it (mm/memory_hotplug.c,
 * auto_movable_zone_for_pfn() and auto_movable_can_online_movable()), read-only over a state
 * so that onlining (traced, in the v6.12 variant) and valid_zones (sysfs, on the page too)
 * ask the same question and get the same answer.
 *
 * The kernel keeps zone->present_early_pages and each memory group's present_movable_pages /
 * present_kernel_pages as counters; here they are read from the state: the early pages of a
 * zone are its present pages less the hot-added (not SECTION_IS_EARLY) online sections in it,
 * and a group's pages are its online sections by zone. Hot-added memory is always whole
 * sections of System RAM, so both readings agree with the counters.
 */
import { NR_MEM_SECTIONS, PAGES_PER_SECTION } from '../arch';
import { sectionsPerBlock } from './memory-block';
import { MAX_KERNEL_ZONE, ZONE_MOVABLE } from '../state/kernel-state';
import { Memmap, SEC_EARLY, SEC_GROUP_START, SEC_ONLINE, SEC_PRESENT, hasBit, memmapOf, nidOf, zoneOf } from '../state/section-bits';

export interface AutoMovableParams {
  /** auto_movable_ratio, percent */
  ratio: number;
  /** auto_movable_numa_aware */
  numaAware: boolean;
}

/** What the policy reads: a KernelState, a Kernel's draft or a page's StateView all have these. */
export interface PolicyReader {
  sections: { get(nr: number): number; nextNonZero(from: number, to?: number): number };
  nodes: readonly { zones: readonly { presentPages: number }[] }[];
  blockSizeBytes: number;
}

/** struct auto_movable_stats over one node, or over every node (nid null: NUMA_NO_NODE). */
export interface AutoMovableStats {
  movablePages: number;
  kernelEarlyPages: number;
}

/** A static memory group (an ACPI DIMM, a kmem device) as the blocks of one add_memory(). */
export interface MemoryGroupView {
  firstBlock: number;
  blocks: number;
  /** group->s.max_pages */
  maxPages: number;
  /** group->present_movable_pages, group->present_kernel_pages */
  movablePages: number;
  kernelPages: number;
}

/** One auto_movable_can_online_movable() test with the numbers it compared. */
export interface RatioCheck {
  /** the node tested, or null for every node (NUMA_NO_NODE) */
  nid: number | null;
  movablePages: number;
  nrPages: number;
  kernelEarlyPages: number;
  /** auto_movable_ratio * kernel_early_pages / 100, in the kernel's unsigned long arithmetic */
  limit: number;
  ok: boolean;
}

export interface AutoMovableDecision {
  movable: boolean;
  group: MemoryGroupView | null;
  /** why no ratio was tested (ratio 0, or the group already has kernel-zone pages), else null */
  shortcut: string | null;
  /** max_pages - online_pages: what the test assumes will be onlined Movable */
  nrPages: number;
  checks: RatioCheck[];
}

/** for_each_populated_zone() (or one node's zones) summed by auto_movable_stats_account_zone(). */
export function autoMovableStats(r: PolicyReader, nid: number | null): AutoMovableStats {
  let movable = 0;
  let kernelPresent = 0;
  r.nodes.forEach((n, i) => {
    if (nid !== null && i !== nid) return;
    n.zones.forEach((z, zi) => {
      if (zi === ZONE_MOVABLE) movable += z.presentPages;
      else kernelPresent += z.presentPages;
    });
  });
  let hotKernel = 0;
  for (let nr = r.sections.nextNonZero(0); nr >= 0; nr = r.sections.nextNonZero(nr + 1)) {
    const w = r.sections.get(nr);
    if (!hasBit(w, SEC_ONLINE) || hasBit(w, SEC_EARLY) || memmapOf(w) !== Memmap.Init) continue;
    if (zoneOf(w) > MAX_KERNEL_ZONE || (nid !== null && nidOf(w) !== nid)) continue;
    hotKernel += PAGES_PER_SECTION;
  }
  return { movablePages: movable, kernelEarlyPages: kernelPresent - hotKernel };
}

/**
 * auto_movable_can_online_movable(nid, group, nr_pages) without dynamic groups (virtio-mem,
 * which the engine has not): movable_pages + nr_pages <= ratio * kernel_early_pages / 100.
 */
export function canOnlineMovable(stats: AutoMovableStats, ratio: number, nrPages: number, nid: number | null): RatioCheck {
  // unsigned int times unsigned long: 64-bit, wrapping as the kernel's would
  const limit = Number(BigInt.asUintN(64, BigInt(ratio) * BigInt(stats.kernelEarlyPages)) / 100n);
  // "kernel_early_pages <= req_kernel_early_pages" with nothing required: no early kernel memory, no Movable
  const ok = stats.kernelEarlyPages > 0 && stats.movablePages + nrPages <= limit;
  return { nid, movablePages: stats.movablePages, nrPages, kernelEarlyPages: stats.kernelEarlyPages, limit, ok };
}

const isHotAdded = (r: PolicyReader, spb: number, id: number): boolean => {
  // a group may end at the top of the physical address space
  const w = id >= 0 && id * spb < NR_MEM_SECTIONS ? r.sections.get(id * spb) : 0;
  return hasBit(w, SEC_PRESENT) && !hasBit(w, SEC_EARLY);
};

/** mem->group of block `id`: null for boot memory (and for hot-added memory no group claimed). */
function staticGroupOfBlock(r: PolicyReader, id: number): MemoryGroupView | null {
  const spb = sectionsPerBlock(r.blockSizeBytes);
  if (!isHotAdded(r, spb, id)) return null;
  let first = id;
  while (!hasBit(r.sections.get(first * spb), SEC_GROUP_START)) {
    if (!isHotAdded(r, spb, first - 1)) return null;
    first--;
  }
  let end = first + 1;
  while (isHotAdded(r, spb, end) && !hasBit(r.sections.get(end * spb), SEC_GROUP_START)) end++;
  let movablePages = 0;
  let kernelPages = 0;
  for (let nr = first * spb; nr < end * spb; nr++) {
    const w = r.sections.get(nr);
    if (!hasBit(w, SEC_ONLINE)) continue;
    if (zoneOf(w) === ZONE_MOVABLE) movablePages += PAGES_PER_SECTION;
    else kernelPages += PAGES_PER_SECTION;
  }
  return { firstBlock: first, blocks: end - first, maxPages: (end - first) * spb * PAGES_PER_SECTION, movablePages, kernelPages };
}

/**
 * auto_movable_zone_for_pfn() for block `id` of node `nid`: Movable, or (movable false) the
 * default kernel zone. `statsOf` lets a caller that asks for many blocks of one state reuse
 * the zone sums.
 */
export function autoMovableDecision(
  r: PolicyReader,
  params: AutoMovableParams,
  nid: number,
  id: number,
  statsOf: (nid: number | null) => AutoMovableStats = (n) => autoMovableStats(r, n),
): AutoMovableDecision {
  const blockPages = sectionsPerBlock(r.blockSizeBytes) * PAGES_PER_SECTION;
  const group = staticGroupOfBlock(r, id);
  const no = (shortcut: string): AutoMovableDecision => ({ movable: false, group, shortcut, nrPages: blockPages, checks: [] });
  if (!params.ratio) return no('auto_movable_ratio is 0: always a kernel zone');
  if (group && group.kernelPages) return no(`the memory group already has ${group.kernelPages} pages in a kernel zone: the rest of it goes there too`);
  const nrPages = group ? group.maxPages - group.movablePages : blockPages;
  const checks = [canOnlineMovable(statsOf(null), params.ratio, nrPages, null)];
  if (checks[0]!.ok && params.numaAware) checks.push(canOnlineMovable(statsOf(nid), params.ratio, nrPages, nid));
  return { movable: checks.every((c) => c.ok), group, shortcut: null, nrPages, checks };
}

/** The comparison a check made, as the trace and the docs write it. */
export function ratioCheckText(c: RatioCheck, ratio: number): string {
  const sum = c.movablePages + c.nrPages;
  if (c.kernelEarlyPages <= 0) return `kernel_early_pages ${c.kernelEarlyPages}: no early kernel memory${c.nid === null ? '' : ` on node ${c.nid}`}, so nothing may go Movable: false`;
  return `movable_pages ${c.movablePages} + nr_pages ${c.nrPages} = ${sum} ${c.ok ? '<=' : '>'} ${ratio} * kernel_early_pages ${c.kernelEarlyPages} / 100 = ${c.limit}: ${c.ok}`;
}
