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
import { SOURCES } from './sources';
import { PAGE_SIZE, physToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { errStr } from '../errno';
import type { Kernel, Variant } from '../kernel/kernel';
import { type Altmap, add_pages, altmapStr, arch_add_memory, ensureNodeOnline } from '../mm/add-memory';
import { hashx } from '../mm/fmt';
import { memory_block_offline, type OfflineRules } from '../mm/offline';
import { type RemovalRules, __remove_pages, arch_remove_memory, remove_memory } from '../mm/remove-memory';
import type { ShrinkRules } from '../mm/span-shrink';
import { offline_mem_sections, online_mem_sections } from '../mm/sparse';
import { move_pfn_range_to_zone } from '../mm/zone-grow';
import { ZONE_DEVICE } from '../state/kernel-state';
import { REMOVE_RFC_V1, __shrink_pages, rfc_v1, SHRINK_RFC_V1 } from './rfc-v1';
import { ADD_V4_18, hmmV4_18, memremapV4_18 } from './v4-18';

export const SHRINK_RFC_V2: ShrinkRules = { ...SHRINK_RFC_V1, pgdatHoleFilter: 'valid_section' };

/** shrink_pages(zone, start, end, offlined_pages): zone->present_pages moved in here. */
function shrink_pages(k: Kernel, shrink: ShrinkRules, nid: number, zi: number, startPfn: number, endPfn: number, offlined: number): void {
  __shrink_pages(k, shrink, nid, zi, startPfn, endPfn, offlined, 'shrink_pages', true);
}

/** __offline_pages() (RFC v2): managed pages here, present pages and both spans in shrink_pages(). */
export const offlineRfcV2 = (shrink: ShrinkRules): OfflineRules => ({
  firstLevelSystemRam: true,
  refuseHoles: false,
  finish(k, d) {
    const z = k.zone(d.nid, d.zi);
    k.tr.call('adjust_managed_page_count', () => `-${d.offlined}`, () => k.setZone(d.nid, d.zi, { managedPages: z.managedPages - d.offlined }));
    shrink_pages(k, shrink, d.nid, d.zi, d.validStart, d.validEnd, d.offlined);
  },
});

const OFFLINE_RFC_V2 = offlineRfcV2(SHRINK_RFC_V2);

/** __remove_pages() always asks release_mem_region_adjustable(), which now backs off from anything without IORESOURCE_SYSRAM. */
export const REMOVE_RFC_V2: RemovalRules = {
  ...REMOVE_RFC_V1,
  releasesResource(k) {
    if (k.tr.enabled) k.tr.decision('(none)', 'always call release_mem_region_adjustable(); it backs off from non-SYSRAM entries', 'remove_pages.device-check');
    return true;
  },
  sysramCheck: true,
};

/** add_device_memory(nid, start, size, altmap, mapping): the device sections become "online". */
function add_device_memory(k: Kernel, nid: number, start: number, size: number, altmap: Altmap | null, mapping: boolean): number {
  return k.tr.call('add_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, mapping ${mapping}`, () => {
    ensureNodeOnline(k, nid, physToPfn(start));
    const ret = mapping ? arch_add_memory(k, ADD_V4_18, nid, start, size, altmap, false) : add_pages(k, ADD_V4_18, nid, physToPfn(start), size / PAGE_SIZE, altmap, false);
    if (ret) return ret;
    online_mem_sections(k, physToPfn(start), physToPfn(start + size));
    move_pfn_range_to_zone(k, nid, ZONE_DEVICE, physToPfn(start), size / PAGE_SIZE, altmapStr(altmap));
    return 0;
  }, errStr);
}

/** del_device_memory(nid, start, size, altmap, mapping): offline the sections, shrink the Device zone, remove. */
function del_device_memory(k: Kernel, removal: RemovalRules, shrink: ShrinkRules, nid: number, start: number, size: number, altmap: Altmap | null, mapping: boolean): void {
  k.tr.call('del_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, mapping ${mapping}`, () => {
    const pfn = physToPfn(start);
    const nr = size / PAGE_SIZE;
    offline_mem_sections(k, pfn, pfn + nr);
    shrink_pages(k, shrink, nid, ZONE_DEVICE, pfn, pfn + nr, 0);
    if (mapping) arch_remove_memory(k, removal, nid, start, size, altmap);
    else __remove_pages(k, removal, { nid, zi: null }, pfn, nr, altmap);
  });
}

/** devm_memremap_pages() and its release through the new helpers; `removal` and `shrink` are what del_device_memory() hands on. */
export const memremapRfcV2 = (removal: RemovalRules, shrink: ShrinkRules): MemremapHooks => ({
  ...memremapV4_18(removal),
  add: (k, pg) => add_device_memory(k, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), true),
  remove: (k, pg) => del_device_memory(k, removal, shrink, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), true),
});

export const hmmRfcV2 = (removal: RemovalRules, shrink: ShrinkRules): HmmHooks => ({
  ...hmmV4_18(removal),
  addPages: (k, h, pg) => add_device_memory(k, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'public'),
  releasePages: (k, h, pg) => del_device_memory(k, removal, shrink, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'public'),
});

const MEMREMAP_RFC_V2 = memremapRfcV2(REMOVE_RFC_V2, SHRINK_RFC_V2);
const HMM_RFC_V2 = hmmRfcV2(REMOVE_RFC_V2, SHRINK_RFC_V2);

export const rfc_v2: Variant = {
  ...rfc_v1,
  id: 'rfc-v2',
  source: SOURCES['rfc-v2'],
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_RFC_V2, id),
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_RFC_V2, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_RFC_V2, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_RFC_V2, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_RFC_V2, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_RFC_V2, dev),
  shrinksDeviceZone: true,
  deviceZoneRuleFn: 'del_device_memory',
};
