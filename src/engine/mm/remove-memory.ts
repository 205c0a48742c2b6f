/**
 * remove_memory() down to the sections, as v4.18 and the 2018 RFCs have it. The three
 * kernels run the same code but for the few lines their patches changed, which each
 * variant gives as RemovalRules: what __remove_pages() tests before it releases the
 * resource, whether removal shrinks spans, and whether the zone is read out of a struct
 * page or a node id is passed down (RFC patch 1/3).
 */
import { PAGE_SIZE, PAGES_PER_SECTION, pfnToPhys, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import { EINVAL, errStr } from '../errno';
import type { Kernel } from '../kernel/kernel';
import { release_mem_region_adjustable } from '../resource/release';
import { ZONE_NAMES } from '../state/kernel-state';
import { type Altmap, altmapStr, check_hotplug_memory_range, vmem_altmap_offset } from './add-memory';
import { hashx, hexPfn, pa } from './fmt';
import { GARBAGE, page_to_nid, page_zone } from './page';
import { endsBeyondPhysmem, refuseBeyondMemSection } from './phys-limits';
import { __release_memory_resource, firstOnlineBlock, sparse_remove_one_section, unregister_memory_section, warnOnlined } from './remove-common';
import { keepsDeviceSpan, type ShrinkRules, shrink_pgdat_span, shrink_zone_span } from './span-shrink';
import { present_section_nr, valid_section_nr } from './sparse';
import { clear_zone_contiguous, set_zone_contiguous } from './zone-grow';

export interface RemovalRules {
  /**
   * RFC patch 1/3: arch_remove_memory() and __remove_pages() are handed a node id. Without
   * it (v4.18) arch_remove_memory() reads the zone out of the range's first struct page and
   * __remove_pages() works on that zone.
   */
  takesNid: boolean;
  /**
   * __remove_pages()'s test before it calls release_mem_region_adjustable(): true means
   * release. `zi` is the zone when the kernel has one (v4.18), else null. Traces the decision.
   */
  releasesResource(k: Kernel, zi: number | null, altmap: Altmap | null): boolean;
  /** release_mem_region_adjustable()'s IORESOURCE_SYSRAM back-off (RFC v2) */
  sysramCheck: boolean;
  /** v4.18: __remove_section() calls __remove_zone(), which shrinks zone and node spans section by section */
  shrinkAtRemoval: ShrinkRules | null;
  /**
   * A flag the caller hands arch_remove_memory() and __remove_pages() (idea-is-device's
   * is_device), as the trace prints it; the rules themselves say what it decides.
   */
  callerFlag?: string;
  /** idea-refcount: release_mem_region_adjustable() drops a reference instead of freeing a held entry */
  refcounted?: boolean;
  /**
   * RFC v3 5/5: unregister_mem_sect_under_nodes() takes the nid __remove_section() was given
   * and reads no struct page (instead of get_nid_for_pfn() on the section's pfns).
   */
  unregisterByNid?: boolean;
  /** d9eb1417c77d (v5.2): remove_memory() releases the resource after arch_remove_memory(); __remove_pages() never does */
  releaseAfterArchRemove?: boolean;
}

/** Where __remove_pages() stands: a zone (v4.18) or a node (the RFCs). */
export interface RemoveTarget {
  nid: number;
  /** null when the kernel passes a nid and never looks at the zone */
  zi: number | null;
}

const flagArg = (r: RemovalRules): string => (r.callerFlag ? `, ${r.callerFlag}` : '');

const where = (t: RemoveTarget): string => (t.zi === null ? `nid ${t.nid}` : `zone ${ZONE_NAMES[t.zi]}`);

/** __remove_zone(): shrink zone and node spans for one section, under pgdat_resize_lock. */
function __remove_zone(k: Kernel, r: ShrinkRules, nid: number, zi: number, startPfn: number): void {
  k.tr.call('__remove_zone', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}`, () => {
    if (keepsDeviceSpan(k, r, zi)) return;
    shrink_zone_span(k, r, nid, zi, startPfn, startPfn + PAGES_PER_SECTION);
    shrink_pgdat_span(k, r, nid, startPfn, startPfn + PAGES_PER_SECTION);
  });
}

/** __remove_section(zone or nid, ms, map_offset, altmap) */
function __remove_section(k: Kernel, rules: RemovalRules, t: RemoveTarget, nr: number): number {
  return k.tr.call('__remove_section', () => `${where(t)}, section ${nr}`, () => {
    if (!valid_section_nr(k, nr)) return -EINVAL;
    const ret = unregister_memory_section(k, nr, rules.unregisterByNid ? t.nid : null);
    if (ret) return ret;
    if (rules.shrinkAtRemoval && t.zi !== null) __remove_zone(k, rules.shrinkAtRemoval, t.nid, t.zi, sectionToPfn(nr));
    sparse_remove_one_section(k, nr, t.zi === null ? `NODE_DATA(${t.nid})` : `zone ${ZONE_NAMES[t.zi]}`);
    return 0;
  }, errStr);
}

/**
 * __remove_pages(zone or nid, pfn, nr_pages, altmap). The resource is released first, if
 * the variant's test says so, then the alignment is checked (after the release, as the
 * kernel does it), then the sections go one by one.
 */
export function __remove_pages(k: Kernel, rules: RemovalRules, t: RemoveTarget, pfn: number, nrPages: number, altmap: Altmap | null): number {
  return k.tr.call('__remove_pages', () => `${where(t)}, ${hexPfn(pfn)}, ${nrPages}, altmap ${altmapStr(altmap)}${flagArg(rules)}`, () => {
    if (rules.releasesResource(k, t.zi, altmap)) {
      const start = pfnToPhys(pfn);
      const size = pfnToPhys(nrPages);
      const ret = release_mem_region_adjustable(k, { sysramCheck: rules.sysramCheck, refcounted: rules.refcounted === true }, start, size, '__remove_pages');
      if (ret) k.printk(`Unable to release resource <${pa(start)}-${pa(start + size - 1)}> (${ret})`);
    }
    if (altmap && k.tr.enabled) k.tr.note(`map_offset = vmem_altmap_offset(altmap) = ${vmem_altmap_offset(altmap)}`);
    if (t.zi !== null) clear_zone_contiguous(k, t.nid, t.zi);
    if (pfn % PAGES_PER_SECTION) k.bug('__remove_pages', `__remove_pages(): BUG_ON(phys_start_pfn & ~PAGE_SECTION_MASK): pfn ${hexPfn(pfn)} is not section aligned`, ['kernel BUG at mm/memory_hotplug.c:571!']);
    if (nrPages % PAGES_PER_SECTION) k.bug('__remove_pages', `__remove_pages(): BUG_ON(nr_pages % PAGES_PER_SECTION): ${nrPages} pages`, ['kernel BUG at mm/memory_hotplug.c:572!']);
    const first = pfnToSection(pfn);
    for (let i = 0; i < nrPages / PAGES_PER_SECTION; i++) {
      const ret = __remove_section(k, rules, t, first + i);
      if (ret) return ret;
    }
    if (t.zi !== null) set_zone_contiguous(k, t.nid, t.zi);
    return 0;
  }, errStr);
}

/**
 * arch_remove_memory() (x86_64). v4.18 takes the zone from the struct page of the first pfn
 * (after an altmap's reserved head): for memory that was added but never onlined, that
 * struct page was never initialised, which is the 2018 bug. The RFCs pass the nid down.
 */
export function arch_remove_memory(k: Kernel, rules: RemovalRules, nid: number, start: number, size: number, altmap: Altmap | null): number {
  const args = () => `${rules.takesNid ? `nid ${nid}, ` : ''}${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}${flagArg(rules)}`;
  return k.tr.call('arch_remove_memory', args, () => {
    const startPfn = physToPfn(start);
    let target: RemoveTarget = { nid, zi: null };
    if (!rules.takesNid) {
      const pagePfn = startPfn + vmem_altmap_offset(altmap);
      const zi = page_zone(k, 'arch_remove_memory', pagePfn, 'to find the zone to remove from');
      if (zi === GARBAGE) {
        k.bug('arch_remove_memory', `arch_remove_memory() got a garbage zone pointer from an uninitialised struct page and __remove_pages() dereferenced it: the kernel oopses.`, [
          'BUG: unable to handle kernel paging request',
          'RIP: 0010:clear_zone_contiguous',
        ]);
      }
      target = { nid: page_to_nid(k, 'arch_remove_memory', pagePfn), zi };
    }
    const ret = __remove_pages(k, rules, target, startPfn, size / PAGE_SIZE, altmap);
    if (ret) k.tr.note('WARN_ON_ONCE(ret)');
    k.tr.call('kernel_physical_mapping_remove', () => `${hashx(start)}, ${hashx(start + size)}`, () => undefined);
    return ret;
  }, errStr);
}

/** try_offline_node(nid) (v4.18 and the RFCs): offline the node if no present section of it remains. */
function try_offline_node(k: Kernel, nid: number): void {
  k.tr.call('try_offline_node', () => `${nid}`, () => {
    const n = k.node(nid);
    const end = n.startPfn + n.spannedPages;
    for (let pfn = n.startPfn; pfn < end; pfn += PAGES_PER_SECTION) {
      const nr = pfnToSection(pfn);
      if (!present_section_nr(k, nr)) {
        const next = k.sec.nextNonZero(nr + 1, pfnToSection(end - 1) + 1);
        if (next < 0) break;
        pfn = sectionToPfn(next) - PAGES_PER_SECTION + (pfn % PAGES_PER_SECTION);
        continue;
      }
      if (page_to_nid(k, 'try_offline_node', pfn, 'to see whether node memory remains') !== nid) continue;
      return;
    }
    if (nid === 0) {
      if (k.tr.enabled) k.tr.note('CPU 0 is on node 0: check_and_unmap_cpu_on_node() keeps the node online');
      return;
    }
    k.setNode(nid, { online: false });
  });
}

/** remove_memory() returns void; a non-zero value is the simulator's own refusal. */
const voidUnlessRefused = (ret: number): string => (ret ? errStr(ret) : 'void');

/**
 * remove_memory(nid, start, size): it cannot fail, so a range that is not block aligned or
 * still online is a BUG(). Above 2^46 the simulator stops before the kernel would read past
 * mem_section[].
 */
export function remove_memory(k: Kernel, rules: RemovalRules, nid: number, start: number, size: number): number {
  return k.tr.call('remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    if (check_hotplug_memory_range(k, start, size)) k.bug('remove_memory', 'remove_memory(): BUG_ON(check_hotplug_memory_range(start, size)): the range is not block aligned', ['kernel BUG at mm/memory_hotplug.c:1905!']);
    const online = firstOnlineBlock(k, start, size);
    if (online) {
      warnOnlined(k, online);
      k.bug('remove_memory', `remove_memory() found memory [${pa(online.start)}-${pa(online.end)}] still online and called BUG(): this remove_memory() cannot fail.`, ['kernel BUG at mm/memory_hotplug.c:1919!'], online);
    }
    if (endsBeyondPhysmem(start, size)) return refuseBeyondMemSection(k, 'walk_memory_range() -> present_section_nr()', start, size);
    k.tr.call('memblock_remove', () => `${hashx(start)}, ${hashx(size)}`, () => undefined);
    arch_remove_memory(k, rules, nid, start, size, null);
    if (rules.releaseAfterArchRemove) __release_memory_resource(k, { sysramCheck: rules.sysramCheck, refcounted: rules.refcounted === true }, start, size);
    try_offline_node(k, nid);
    return 0;
  }, voidUnlessRefused);
}

/**
 * d9eb1417c77d's __remove_pages() test, on the 2018 tree: there is none, it never releases;
 * remove_memory() does, after arch_remove_memory(), and a device's driver keeps its own.
 */
export const RELEASE_AFTER_ARCH_REMOVE: Pick<RemovalRules, 'releasesResource' | 'releaseAfterArchRemove'> = {
  releasesResource(k) {
    if (k.tr.enabled) k.tr.decision('(none)', 'no resource here: remove_memory() releases it after arch_remove_memory()', 'remove_pages.device-check');
    return false;
  },
  releaseAfterArchRemove: true,
};

/** RFC v1 without its altmap test: every hot-remove releases, and what that does is release_mem_region_adjustable()'s. */
export const ALWAYS_RELEASE: Pick<RemovalRules, 'releasesResource'> = {
  releasesResource(k) {
    if (k.tr.enabled) k.tr.decision('(none)', 'always call release_mem_region_adjustable()', 'remove_pages.device-check');
    return true;
  },
};
