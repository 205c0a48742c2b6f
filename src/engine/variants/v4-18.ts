/**
 * v4.18: the baseline. Span shrinking runs at removal (__remove_zone, valid_section
 * scans), __remove_pages() takes a zone that arch_remove_memory() reads out of the
 * first struct page, and `is_dev_zone(zone)` keeps ZONE_DEVICE away from
 * release_mem_region_adjustable().
 */
import { PAGES_PER_SECTION, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { EEXIST, EINVAL, errStr } from '../errno';
import { type AddPagesRules, type Altmap, add_pages, altmapStr, arch_add_memory, check_hotplug_memory_range, ensureNodeOnline, vmem_altmap_offset } from '../mm/add-memory';
import { hashx, hashx010, hexPfn, pR, pa } from '../mm/fmt';
import { accountOffline, memory_block_offline, type OfflineRules } from '../mm/offline';
import { memory_block_online, type OnlineRules } from '../mm/online';
import { page_zone, page_to_nid, GARBAGE } from '../mm/page';
import { endsBeyondPhysmem, refuseBeyondMemSection } from '../mm/phys-limits';
import { firstOnlineBlock, sparse_remove_one_section, unregister_memory_section, warnOnlined } from '../mm/remove-common';
import { SHRINK_V4_18, type ShrinkRules, shrink_pgdat_span, shrink_zone_span } from '../mm/span-shrink';
import { valid_section_nr, present_section_nr } from '../mm/sparse';
import { clear_zone_contiguous, move_pfn_range_to_zone, set_zone_contiguous } from '../mm/zone-grow';
import { IORESOURCE_BUSY, IORESOURCE_SYSTEM_RAM, IORES_DESC_DEVICE_PRIVATE_MEMORY } from '../resource/flags';
import { release_mem_region_adjustable } from '../resource/release';
import { describe, request_resource_conflict } from '../resource/request';
import { ResList } from '../resource/res-list';
import type { Resource } from '../resource/tree';
import { type Kernel } from '../state/kernel';
import { ZONE_DEVICE, ZONE_NAMES } from '../state/kernel-state';
import type { Variant } from './variant';

export const ADD_V4_18: AddPagesRules = { swallowEexist: true, subsections: false };
export const ONLINE_V4_18: OnlineRules = { firstLevelSystemRam: true, probeCheck: true };
export const OFFLINE_V4_18: OfflineRules = {
  firstLevelSystemRam: true,
  refuseHoles: false,
  // Spans are NOT shrunk here: zone_start_pfn/spanned_pages keep covering offline memory until remove_memory().
  finish: (k, d) => accountOffline(k, d, { zonePresent: true, nodePresent: true }),
};

/** register_memory_resource() (v4.18): top-level only, -EEXIST on any overlap. */
export function register_memory_resource_v4(k: Kernel, start: number, size: number, name: string): Resource | number {
  return k.tr.call('register_memory_resource', () => `${hashx(start)}, ${hashx(size)}`, () => {
    const res: Resource = { id: k.allocResId(), name, start, end: start + size - 1, flags: (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) >>> 0, desc: 0, owner: 'memory-hotplug', children: ResList.EMPTY };
    const conflict = request_resource_conflict(k, res);
    if (conflict) {
      if (conflict.desc === IORES_DESC_DEVICE_PRIVATE_MEMORY) k.tr.note(`pr_debug: Device unaddressable memory block memory hotplug at ${hashx010(start)} !`);
      if (k.tr.enabled) k.tr.note(`pr_debug: System RAM resource ${pR(start, start + size - 1)} cannot be added`);
      return -EEXIST;
    }
    return res;
  }, (r) => (typeof r === 'number' ? errStr(r) : describe(r)));
}

/** add_memory_resource(nid, res, online) (v4.18) */
export function add_memory_resource_v4(k: Kernel, nid: number, res: Resource): number {
  return k.tr.call('add_memory_resource', () => `nid ${nid}, ${describe(res)}, online ${k.cfg.auto_online}`, () => {
    const start = res.start;
    const size = res.end - res.start + 1;
    const ret = check_hotplug_memory_range(k, start, size);
    if (ret) return ret;
    k.tr.call('memblock_add_node', () => `${hashx(start)}, ${hashx(size)}, ${nid}`, () => undefined);
    ensureNodeOnline(k, nid, physToPfn(start));
    const r = arch_add_memory(k, ADD_V4_18, nid, start, size, null, true);
    if (r < 0) return r;
    k.tr.call('firmware_map_add_hotplug', () => `${hashx(start)}, ${hashx(start + size)}, "System RAM"`, () => undefined);
    if (k.cfg.auto_online) onlineRangeBlocks(k, start, size);
    return 0;
  }, errStr);
}

/** memhp_auto_online: walk_memory_range(online_memory_block) -> device_online() with the default policy. */
export function onlineRangeBlocks(k: Kernel, start: number, size: number): void {
  const spb = k.blockSizeBytes / (PAGES_PER_SECTION * 4096);
  for (let nr = pfnToSection(physToPfn(start)); nr < pfnToSection(physToPfn(start + size)); nr += spb) {
    k.v.online_block(k, nr / spb, 'online');
  }
}

function add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number {
  return k.tr.call('add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    const res = register_memory_resource_v4(k, start, size, resName);
    if (typeof res === 'number') return res;
    return add_memory_resource_v4(k, nid, res);
  }, errStr);
}

/** __remove_zone(): shrink zone and node spans for one section, under pgdat_resize_lock. */
function __remove_zone(k: Kernel, r: ShrinkRules, nid: number, zi: number, startPfn: number): void {
  k.tr.call('__remove_zone', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}`, () => {
    shrink_zone_span(k, r, nid, zi, startPfn, startPfn + PAGES_PER_SECTION);
    shrink_pgdat_span(k, r, nid, startPfn, startPfn + PAGES_PER_SECTION);
  });
}

/** __remove_section(zone, ms, map_offset, altmap) (v4.18) */
function __remove_section(k: Kernel, nid: number, zi: number, nr: number): number {
  return k.tr.call('__remove_section', () => `zone ${ZONE_NAMES[zi]}, section ${nr}`, () => {
    if (!valid_section_nr(k, nr)) return -EINVAL;
    const ret = unregister_memory_section(k, nr);
    if (ret) return ret;
    __remove_zone(k, SHRINK_V4_18, nid, zi, sectionToPfn(nr));
    sparse_remove_one_section(k, nr, `zone ${ZONE_NAMES[zi]}`);
    return 0;
  }, errStr);
}

/**
 * __remove_pages(zone, pfn, nr_pages, altmap) (v4.18). The resource is released first,
 * and only for memory that is not ZONE_DEVICE: "In the ZONE_DEVICE case device driver
 * owns the memory region".
 */
export function __remove_pages_v4(k: Kernel, nid: number, zi: number, pfn: number, nrPages: number, altmap: Altmap | null): number {
  return k.tr.call('__remove_pages', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(pfn)}, ${nrPages}, altmap ${altmapStr(altmap)}`, () => {
    const isDev = zi === ZONE_DEVICE;
    if (k.tr.enabled) k.tr.decision('is_dev_zone(zone)', isDev ? 'true: the device driver owns the region, leave resources alone' : 'false: release the iomem resource', 'remove_pages.device-check');
    if (isDev) {
      if (altmap) k.tr.note(`map_offset = vmem_altmap_offset(altmap) = ${vmem_altmap_offset(altmap)}`);
    } else {
      const start = pfn * 4096;
      const size = nrPages * 4096;
      const ret = release_mem_region_adjustable(k, { sysramCheck: false }, start, size, '__remove_pages');
      if (ret) k.printk(`Unable to release resource <${pa(start)}-${pa(start + size - 1)}> (${ret})`);
    }
    clear_zone_contiguous(k, nid, zi);
    if (pfn % PAGES_PER_SECTION) k.bug('__remove_pages', `__remove_pages(): BUG_ON(phys_start_pfn & ~PAGE_SECTION_MASK): pfn ${hexPfn(pfn)} is not section aligned`, ['kernel BUG at mm/memory_hotplug.c:571!']);
    if (nrPages % PAGES_PER_SECTION) k.bug('__remove_pages', `__remove_pages(): BUG_ON(nr_pages % PAGES_PER_SECTION): ${nrPages} pages`, ['kernel BUG at mm/memory_hotplug.c:572!']);
    const first = pfnToSection(pfn);
    for (let i = 0; i < nrPages / PAGES_PER_SECTION; i++) {
      const ret = __remove_section(k, nid, zi, first + i);
      if (ret) return ret;
    }
    set_zone_contiguous(k, nid, zi);
    return 0;
  }, errStr);
}

/**
 * arch_remove_memory(start, size, altmap) (x86_64, v4.18): the zone comes from the
 * struct page of the first pfn (after the altmap's reserved head). For memory that was
 * added but never onlined, that struct page was never initialised: the 2018 bug.
 */
export function arch_remove_memory_v4(k: Kernel, start: number, size: number, altmap: Altmap | null): number {
  return k.tr.call('arch_remove_memory', () => `${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}`, () => {
    const startPfn = physToPfn(start);
    const pagePfn = startPfn + vmem_altmap_offset(altmap);
    const zi = page_zone(k, 'arch_remove_memory', pagePfn, 'to find the zone to remove from');
    if (zi === GARBAGE) {
      k.bug('arch_remove_memory', `arch_remove_memory() got a garbage zone pointer from an uninitialised struct page and __remove_pages() dereferenced it: the kernel oopses.`, [
        'BUG: unable to handle kernel paging request',
        'RIP: 0010:clear_zone_contiguous',
      ]);
    }
    const nid = page_to_nid(k, 'arch_remove_memory', pagePfn);
    const ret = __remove_pages_v4(k, nid, zi, startPfn, size / 4096, altmap);
    if (ret) k.tr.note('WARN_ON_ONCE(ret)');
    k.tr.call('kernel_physical_mapping_remove', () => `${hashx(start)}, ${hashx(start + size)}`, () => undefined);
    return ret;
  }, errStr);
}

/** try_offline_node(nid) (v4.18): offline the node if no present section of it remains. */
export function try_offline_node_v4(k: Kernel, nid: number): void {
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

/** v4.18's remove_memory() returns void; a non-zero value is the simulator's own refusal. */
export const voidUnlessRefused = (ret: number): string => (ret ? errStr(ret) : 'void');

function remove_memory(k: Kernel, nid: number, start: number, size: number): number {
  return k.tr.call('remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    if (check_hotplug_memory_range(k, start, size)) k.bug('remove_memory', 'remove_memory(): BUG_ON(check_hotplug_memory_range(start, size)): the range is not block aligned', ['kernel BUG at mm/memory_hotplug.c:1905!']);
    const online = firstOnlineBlock(k, start, size);
    if (online) {
      warnOnlined(k, online);
      k.bug('remove_memory', `remove_memory() found memory [${pa(online.start)}-${pa(online.end)}] still online and called BUG(): v4.18's remove_memory() cannot fail.`, ['kernel BUG at mm/memory_hotplug.c:1919!'], online);
    }
    if (endsBeyondPhysmem(start, size)) return refuseBeyondMemSection(k, 'walk_memory_range() -> present_section_nr()', start, size);
    k.tr.call('memblock_remove', () => `${hashx(start)}, ${hashx(size)}`, () => undefined);
    arch_remove_memory_v4(k, start, size, null);
    try_offline_node_v4(k, nid);
    return 0;
  }, voidUnlessRefused);
}

/** devm_memremap_pages() in v4.18: arch_add_memory(want_memblock=false) + ZONE_DEVICE. */
export const MEMREMAP_V4_18: MemremapHooks = {
  fnAdd: 'devm_memremap_pages',
  fnRelease: 'devm_memremap_pages_release',
  add(k, pg) {
    const altmap = pgmapAltmap(pg);
    const ret = arch_add_memory(k, ADD_V4_18, pg.nid, pg.alignStart, pg.alignSize, altmap, false);
    if (ret) return ret;
    ensureNodeOnline(k, pg.nid, physToPfn(pg.alignStart));
    move_pfn_range_to_zone(k, pg.nid, ZONE_DEVICE, physToPfn(pg.alignStart), pg.alignSize / 4096, altmapStr(altmap));
    return 0;
  },
  remove(k, pg) {
    arch_remove_memory_v4(k, pg.alignStart, pg.alignSize, pgmapAltmap(pg));
  },
};

/** hmm_devmem_pages_create()/hmm_devmem_release() in v4.18. HMM never uses an altmap. */
export const HMM_V4_18: HmmHooks = {
  api: 'hmm_devmem',
  addPages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    const nr = pg.alignSize / 4096;
    ensureNodeOnline(k, h.nid, pfn);
    const ret = h.type === 'public' ? arch_add_memory(k, ADD_V4_18, h.nid, pg.alignStart, pg.alignSize, null, false) : add_pages(k, ADD_V4_18, h.nid, pfn, nr, null, false);
    if (ret) return ret;
    move_pfn_range_to_zone(k, h.nid, ZONE_DEVICE, pfn, nr);
    return 0;
  },
  releasePages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    const zi = page_zone(k, 'hmm_devmem_release', pfn, 'to find the zone');
    if (h.type === 'private') __remove_pages_v4(k, h.nid, zi, pfn, pg.alignSize / 4096, null);
    else arch_remove_memory_v4(k, pg.alignStart, pg.alignSize, null);
  },
};

export const v4_18: Variant = {
  id: 'v4.18',
  title: 'v4.18 (before the patch)',
  source: { tree: 'v4.18.20', patched: [], patchUrl: null },
  add_memory,
  online_block: (k, id, type) => memory_block_online(k, ONLINE_V4_18, id, type),
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_V4_18, id),
  remove_memory,
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_V4_18, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_V4_18, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_V4_18, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_V4_18, dev),
  sysramCheck: false,
  shrinksDeviceZone: true,
};
