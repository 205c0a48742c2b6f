/**
 * RFC v1, patch 2/3 "mm/memory_hotplug: Create __shrink_pages and move it to
 * offline_pages" (Oscar Salvador, 2018-08-07), on top of patch 1/3 (nid parameter to
 * arch_remove_memory). Compared with v4.18:
 *  - __remove_pages() takes a node id, not a zone, and decides "device memory, leave the
 *    resource alone" by `altmap != NULL` instead of is_dev_zone(zone). HMM has no altmap.
 *  - __remove_zone() is gone from __remove_section(): removal shrinks no span.
 *  - __shrink_pages() runs from __offline_pages() and from devm_memremap_pages_release(),
 *    with find_smallest/biggest_section_pfn and both hole scans testing online_section().
 */
import { PAGES_PER_SECTION, pfnToSection, physToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { EINVAL, errStr } from '../errno';
import { type Altmap, altmapStr, check_hotplug_memory_range, vmem_altmap_offset } from '../mm/add-memory';
import { hashx, hexPfn, pa } from '../mm/fmt';
import { accountOffline, memory_block_offline, type OfflineRules } from '../mm/offline';
import { page_zone } from '../mm/page';
import { endsBeyondPhysmem, refuseBeyondMemSection } from '../mm/phys-limits';
import { firstOnlineBlock, sparse_remove_one_section, unregister_memory_section, warnOnlined } from '../mm/remove-common';
import { type ShrinkRules, shrink_pgdat_span, shrink_zone_span } from '../mm/span-shrink';
import { valid_section_nr } from '../mm/sparse';
import { clear_zone_contiguous, set_zone_contiguous } from '../mm/zone-grow';
import { release_mem_region_adjustable } from '../resource/release';
import type { Kernel } from '../state/kernel';
import { ZONE_NAMES } from '../state/kernel-state';
import { HMM_V4_18, MEMREMAP_V4_18, try_offline_node_v4, v4_18, voidUnlessRefused } from './v4-18';
import type { Variant } from './variant';

/** find_smallest/biggest_section_pfn and both hole scans: !online_section(ms) instead of !valid_section(ms). */
export const SHRINK_RFC_V1: ShrinkRules = {
  findFilter: 'online_section',
  zoneHoleFilter: 'online_section',
  pgdatHoleFilter: 'online_section',
  step: PAGES_PER_SECTION,
  holeScanSkipsRange: false,
};

/**
 * __shrink_pages(zone, start, end, offlined_pages): what __remove_zone() did, section by
 * section, now at offline time; it also takes node_present_pages down by offlined_pages.
 */
export function __shrink_pages(k: Kernel, r: ShrinkRules, nid: number, zi: number, startPfn: number, endPfn: number, offlined: number, fn = '__shrink_pages'): void {
  k.tr.call(fn, () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}, ${offlined}`, () => {
    clear_zone_contiguous(k, nid, zi);
    for (let pfn = startPfn; pfn < endPfn; pfn += PAGES_PER_SECTION) {
      shrink_zone_span(k, r, nid, zi, pfn, pfn + PAGES_PER_SECTION);
      shrink_pgdat_span(k, r, nid, pfn, pfn + PAGES_PER_SECTION);
    }
    const before = k.node(nid).presentPages;
    k.setNode(nid, { presentPages: before - offlined });
    if (offlined > before) {
      k.finding(
        'accounting-mismatch',
        fn,
        `${fn}() took ${offlined} pages off node ${nid}'s node_present_pages, which held only ${before}: the count wraps below zero. ZONE_DEVICE memory never added to node_present_pages, so shrink_pages() must not subtract its size.`,
        { start: startPfn * 4096, end: endPfn * 4096 - 1 },
      );
    }
    set_zone_contiguous(k, nid, zi);
  });
}

export const OFFLINE_RFC_V1: OfflineRules = {
  firstLevelSystemRam: true,
  refuseHoles: false,
  finish(k, d) {
    accountOffline(k, d, { zonePresent: true, nodePresent: false });
    __shrink_pages(k, SHRINK_RFC_V1, d.nid, d.zi, d.validStart, d.validEnd, d.offlined);
  },
};

/** __remove_section(nid, ms, map_offset, altmap): no __remove_zone() any more (RFC v2 keeps it so). */
export function __remove_section_rfc(k: Kernel, nid: number, nr: number): number {
  return k.tr.call('__remove_section', () => `nid ${nid}, section ${nr}`, () => {
    if (!valid_section_nr(k, nr)) return -EINVAL;
    const ret = unregister_memory_section(k, nr);
    if (ret) return ret;
    sparse_remove_one_section(k, nr, `NODE_DATA(${nid})`);
    return 0;
  }, errStr);
}

/**
 * __remove_pages(nid, pfn, nr_pages, altmap) (RFC v1). The device test became
 * `if (altmap)`: right for pmem with an altmap, wrong for HMM, which never has one.
 */
export function __remove_pages_rfc1(k: Kernel, nid: number, pfn: number, nrPages: number, altmap: Altmap | null): number {
  return k.tr.call('__remove_pages', () => `nid ${nid}, ${hexPfn(pfn)}, ${nrPages}, altmap ${altmapStr(altmap)}`, () => {
    if (k.tr.enabled) k.tr.decision('altmap', altmap ? 'non-NULL: treat as device memory, leave the resource alone' : 'NULL: release the iomem resource', 'remove_pages.device-check');
    if (altmap) {
      if (k.tr.enabled) k.tr.note(`map_offset = vmem_altmap_offset(altmap) = ${vmem_altmap_offset(altmap)}`);
    } else {
      const start = pfn * 4096;
      const size = nrPages * 4096;
      const ret = release_mem_region_adjustable(k, { sysramCheck: false }, start, size, '__remove_pages');
      if (ret) k.printk(`Unable to release resource <${pa(start)}-${pa(start + size - 1)}> (${ret})`);
    }
    if (pfn % PAGES_PER_SECTION || nrPages % PAGES_PER_SECTION) k.bug('__remove_pages', '__remove_pages(): BUG_ON on an unaligned range', ['kernel BUG at mm/memory_hotplug.c:571!']);
    const first = pfnToSection(pfn);
    for (let i = 0; i < nrPages / PAGES_PER_SECTION; i++) {
      const ret = __remove_section_rfc(k, nid, first + i);
      if (ret) return ret;
    }
    return 0;
  }, errStr);
}

/** arch_remove_memory(nid, start, size, altmap) (x86_64, RFC v1): no page_zone() any more. */
export function arch_remove_memory_rfc(k: Kernel, removePages: typeof __remove_pages_rfc1, nid: number, start: number, size: number, altmap: Altmap | null): number {
  return k.tr.call('arch_remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}`, () => {
    const ret = removePages(k, nid, physToPfn(start), size / 4096, altmap);
    if (ret) k.tr.note('WARN_ON_ONCE(ret)');
    k.tr.call('kernel_physical_mapping_remove', () => `${hashx(start)}, ${hashx(start + size)}`, () => undefined);
    return ret;
  }, errStr);
}

export function remove_memory_rfc(k: Kernel, removePages: typeof __remove_pages_rfc1, nid: number, start: number, size: number): number {
  return k.tr.call('remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    if (check_hotplug_memory_range(k, start, size)) k.bug('remove_memory', 'remove_memory(): BUG_ON(check_hotplug_memory_range(start, size))', ['kernel BUG at mm/memory_hotplug.c:1905!']);
    const online = firstOnlineBlock(k, start, size);
    if (online) {
      warnOnlined(k, online);
      k.bug('remove_memory', `remove_memory() found memory [${pa(online.start)}-${pa(online.end)}] still online and called BUG().`, ['kernel BUG at mm/memory_hotplug.c:1919!'], online);
    }
    if (endsBeyondPhysmem(start, size)) return refuseBeyondMemSection(k, 'walk_memory_range() -> present_section_nr()', start, size);
    k.tr.call('memblock_remove', () => `${hashx(start)}, ${hashx(size)}`, () => undefined);
    arch_remove_memory_rfc(k, removePages, nid, start, size, null);
    try_offline_node_v4(k, nid);
    return 0;
  }, voidUnlessRefused);
}

/**
 * devm_memremap_pages_release() (RFC v1): shrink_pages() on the Device zone before
 * arch_remove_memory(nid, ...). shrink_pages() passes nr_pages as offlined_pages, and
 * ZONE_DEVICE sections are never online, so every scan skips them.
 */
const MEMREMAP_RFC_V1: MemremapHooks = {
  ...MEMREMAP_V4_18,
  remove(k, pg) {
    const altmap = pgmapAltmap(pg);
    const pfn = physToPfn(pg.alignStart);
    const zi = page_zone(k, 'devm_memremap_pages_release', pfn + vmem_altmap_offset(altmap), 'to find the zone to shrink');
    const nr = pg.alignSize / 4096;
    k.tr.call('shrink_pages', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(pfn)}, ${nr}`, () => __shrink_pages(k, SHRINK_RFC_V1, pg.nid, zi, pfn, pfn + nr, nr));
    arch_remove_memory_rfc(k, __remove_pages_rfc1, pg.nid, pg.alignStart, pg.alignSize, altmap);
  },
};

/** hmm_devmem_release() (RFC v1): only the __remove_pages(zone -> nid) call changed; no span shrink for HMM. */
const HMM_RFC_V1: HmmHooks = {
  ...HMM_V4_18,
  releasePages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    page_zone(k, 'hmm_devmem_release', pfn, 'to find the zone');
    if (h.type === 'private') __remove_pages_rfc1(k, h.nid, pfn, pg.alignSize / 4096, null);
    else arch_remove_memory_rfc(k, __remove_pages_rfc1, h.nid, pg.alignStart, pg.alignSize, null);
  },
};

export const rfc_v1: Variant = {
  ...v4_18,
  id: 'rfc-v1',
  title: 'RFC v1: __shrink_pages at offline, altmap test in __remove_pages',
  source: {
    tree: 'v4.18.20',
    patched: ['__remove_pages', '__remove_section', 'arch_remove_memory', '__shrink_pages', 'shrink_pages', '__offline_pages', 'find_smallest_section_pfn', 'find_biggest_section_pfn', 'shrink_zone_span', 'shrink_pgdat_span', 'devm_memremap_pages_release', 'hmm_devmem_release', 'sparse_remove_one_section', 'remove_memory'],
    patchUrl: 'https://lore.kernel.org/linux-mm/20180807133757.18352-3-osalvador@techadventures.net/',
  },
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_RFC_V1, id),
  remove_memory: (k, nid, start, size) => remove_memory_rfc(k, __remove_pages_rfc1, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_RFC_V1, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_RFC_V1, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_RFC_V1, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_RFC_V1, dev),
  shrinksDeviceZone: true,
};

