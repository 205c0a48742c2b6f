/**
 * RFC v2, patch 2/2 "mm/memory_hotplug: Shrink spanned pages when offlining memory"
 * (Oscar Salvador, 2018-08-17). Compared with RFC v1:
 *  - release_mem_region_adjustable() backs off (returns 0) from any entry without
 *    IORESOURCE_SYSRAM, so __remove_pages() may call it always: no altmap or zone test.
 *  - ZONE_DEVICE goes through add_device_memory()/del_device_memory(), which mark the
 *    device sections online and shrink the Device zone with offlined_pages = 0.
 *  - shrink_pages() also takes zone->present_pages down; shrink_pgdat_span()'s hole
 *    scan was not changed and still uses valid_section().
 */
import { PAGES_PER_SECTION, pfnToSection, physToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { errStr } from '../errno';
import { type Altmap, add_pages, altmapStr, arch_add_memory, ensureNodeOnline, vmem_altmap_offset } from '../mm/add-memory';
import { hashx, hexPfn, pa } from '../mm/fmt';
import { memory_block_offline, type OfflineRules } from '../mm/offline';
import type { ShrinkRules } from '../mm/span-shrink';
import { offline_mem_sections, online_mem_sections } from '../mm/sparse';
import { move_pfn_range_to_zone } from '../mm/zone-grow';
import { release_mem_region_adjustable } from '../resource/release';
import type { Kernel } from '../state/kernel';
import { ZONE_DEVICE, ZONE_NAMES } from '../state/kernel-state';
import { __remove_section_rfc, __shrink_pages, arch_remove_memory_rfc, remove_memory_rfc, rfc_v1, SHRINK_RFC_V1 } from './rfc-v1';
import { ADD_V4_18, HMM_V4_18, MEMREMAP_V4_18 } from './v4-18';
import type { Variant } from './variant';

export const SHRINK_RFC_V2: ShrinkRules = { ...SHRINK_RFC_V1, pgdatHoleFilter: 'valid_section' };

/** shrink_pages(zone, start, end, offlined_pages): zone->present_pages moved in here. */
function shrink_pages(k: Kernel, nid: number, zi: number, startPfn: number, endPfn: number, offlined: number): void {
  k.tr.call('shrink_pages', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}, ${offlined}`, () => {
    k.setZone(nid, zi, { presentPages: k.zone(nid, zi).presentPages - offlined });
    __shrink_pages(k, SHRINK_RFC_V2, nid, zi, startPfn, endPfn, offlined, 'shrink_pages');
  });
}

const OFFLINE_RFC_V2: OfflineRules = {
  firstLevelSystemRam: true,
  refuseHoles: false,
  finish(k, d) {
    const z = k.zone(d.nid, d.zi);
    k.tr.call('adjust_managed_page_count', () => `-${d.offlined}`, () => k.setZone(d.nid, d.zi, { managedPages: z.managedPages - d.offlined }));
    shrink_pages(k, d.nid, d.zi, d.validStart, d.validEnd, d.offlined);
  },
};

/** __remove_pages(nid, pfn, nr_pages, altmap) (RFC v2): always asks release_mem_region_adjustable(). */
function __remove_pages_rfc2(k: Kernel, nid: number, pfn: number, nrPages: number, altmap: Altmap | null): number {
  return k.tr.call('__remove_pages', () => `nid ${nid}, ${hexPfn(pfn)}, ${nrPages}, altmap ${altmapStr(altmap)}`, () => {
    if (altmap) k.tr.note(`map_offset = vmem_altmap_offset(altmap) = ${vmem_altmap_offset(altmap)}`);
    if (k.tr.enabled) k.tr.decision('(none)', 'always call release_mem_region_adjustable(); it backs off from non-SYSRAM entries', 'remove_pages.device-check');
    const start = pfn * 4096;
    const size = nrPages * 4096;
    const ret = release_mem_region_adjustable(k, { sysramCheck: true }, start, size, '__remove_pages');
    if (ret) k.printk(`Unable to release resource <${pa(start)}-${pa(start + size - 1)}> (${ret})`);
    if (pfn % PAGES_PER_SECTION || nrPages % PAGES_PER_SECTION) k.bug('__remove_pages', '__remove_pages(): BUG_ON on an unaligned range', ['kernel BUG at mm/memory_hotplug.c:571!']);
    const first = pfnToSection(pfn);
    for (let i = 0; i < nrPages / PAGES_PER_SECTION; i++) {
      const r = __remove_section_rfc(k, nid, first + i);
      if (r) return r;
    }
    return 0;
  }, errStr);
}

/** add_device_memory(nid, start, size, altmap, mapping): the device sections become "online". */
function add_device_memory(k: Kernel, nid: number, start: number, size: number, altmap: Altmap | null, mapping: boolean): number {
  return k.tr.call('add_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, mapping ${mapping}`, () => {
    ensureNodeOnline(k, nid, physToPfn(start));
    const ret = mapping ? arch_add_memory(k, ADD_V4_18, nid, start, size, altmap, false) : add_pages(k, ADD_V4_18, nid, physToPfn(start), size / 4096, altmap, false);
    if (ret) return ret;
    online_mem_sections(k, physToPfn(start), physToPfn(start + size));
    move_pfn_range_to_zone(k, nid, ZONE_DEVICE, physToPfn(start), size / 4096, altmapStr(altmap));
    return 0;
  }, errStr);
}

/** del_device_memory(nid, start, size, altmap, mapping): offline the sections, shrink the Device zone, remove. */
function del_device_memory(k: Kernel, nid: number, start: number, size: number, altmap: Altmap | null, mapping: boolean): void {
  k.tr.call('del_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, mapping ${mapping}`, () => {
    const pfn = physToPfn(start);
    const nr = size / 4096;
    offline_mem_sections(k, pfn, pfn + nr);
    shrink_pages(k, nid, ZONE_DEVICE, pfn, pfn + nr, 0);
    if (mapping) arch_remove_memory_rfc(k, __remove_pages_rfc2, nid, start, size, altmap);
    else __remove_pages_rfc2(k, nid, pfn, nr, altmap);
  });
}

const MEMREMAP_RFC_V2: MemremapHooks = {
  ...MEMREMAP_V4_18,
  add: (k, pg) => add_device_memory(k, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), true),
  remove: (k, pg) => del_device_memory(k, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), true),
};

const HMM_RFC_V2: HmmHooks = {
  ...HMM_V4_18,
  addPages: (k, h, pg) => add_device_memory(k, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'public'),
  releasePages: (k, h, pg) => del_device_memory(k, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'public'),
};

export const rfc_v2: Variant = {
  ...rfc_v1,
  id: 'rfc-v2',
  title: 'RFC v2: IORESOURCE_SYSRAM check, add/del_device_memory',
  source: {
    tree: 'v4.18.20',
    patched: ['__remove_pages', '__remove_section', 'arch_remove_memory', 'shrink_pages', '__offline_pages', 'find_smallest_section_pfn', 'find_biggest_section_pfn', 'shrink_zone_span', 'release_mem_region_adjustable', 'add_device_memory', 'del_device_memory', 'devm_memremap_pages', 'devm_memremap_pages_release', 'hmm_devmem_pages_create', 'hmm_devmem_release', 'sparse_remove_one_section'],
    patchUrl: 'https://lore.kernel.org/linux-mm/20180817154127.28602-3-osalvador@techadventures.net/',
  },
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_RFC_V2, id),
  remove_memory: (k, nid, start, size) => remove_memory_rfc(k, __remove_pages_rfc2, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_RFC_V2, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_RFC_V2, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_RFC_V2, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_RFC_V2, dev),
  sysramCheck: true,
  shrinksDeviceZone: true,
};
