/**
 * RFC v3 "Do not touch pages/zones during hot-remove path" (Oscar Salvador, 2018-10-02),
 * all five patches. Compared with RFC v2, where most of it was already:
 *  - 4/5: __offline_pages() hands zone and node accounting and both span shrinks to
 *    shrink_zone_pgdat_pages(), and all four scan sites test online_section(), the
 *    shrink_pgdat_span() hole scan too (RFC v2 left that one at valid_section()).
 *  - 4/5: del_device_memory() offlines the device sections and shrinks the Device zone of
 *    the nid it is given, then removes.
 *  - 5/5: unregister_mem_sect_under_nodes() takes the nid down from __remove_section() and
 *    reads no struct page, so add-never-online-remove no longer BUGs under DEBUG_VM.
 * The series sat on Dan Williams' HMM rework, which the engine's v4.18 HMM lacks; the HMM
 * call sites are PATCH v1 2/5's, which converted mm/hmm.c directly (docs/proposals.md).
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
import { SHRINK_RFC_V1, __shrink_pages } from './rfc-v1';
import { REMOVE_RFC_V2, rfc_v2 } from './rfc-v2';
import { ADD_V4_18, hmmV4_18, memremapV4_18 } from './v4-18';

/**
 * shrink_zone_pgdat_pages(zone, start, end, offlined_pages), 4/5: what __remove_zone() did,
 * plus zone and node present_pages, with online_section() at every scan (SHRINK_RFC_V1's).
 */
function shrink_zone_pgdat_pages(k: Kernel, shrink: ShrinkRules, nid: number, zi: number, startPfn: number, endPfn: number, offlined: number): void {
  __shrink_pages(k, shrink, nid, zi, startPfn, endPfn, offlined, 'shrink_zone_pgdat_pages', true);
}

/** __offline_pages() (4/5): managed pages here, the rest in shrink_zone_pgdat_pages(). */
export const offlineRfcV3 = (shrink: ShrinkRules): OfflineRules => ({
  firstLevelSystemRam: true,
  refuseHoles: false,
  finish(k, d) {
    const z = k.zone(d.nid, d.zi);
    k.tr.call('adjust_managed_page_count', () => `-${d.offlined}`, () => k.setZone(d.nid, d.zi, { managedPages: z.managedPages - d.offlined }));
    shrink_zone_pgdat_pages(k, shrink, d.nid, d.zi, d.validStart, d.validEnd, d.offlined);
  },
});

const OFFLINE_RFC_V3 = offlineRfcV3(SHRINK_RFC_V1);

/** 3/5 and 4/5: release_mem_region_adjustable() always, with the SYSRAM back-off; 5/5: the nid reaches unregister_mem_sect_under_nodes(). */
export const REMOVE_RFC_V3: RemovalRules = { ...REMOVE_RFC_V2, unregisterByNid: true };

/** add_device_memory(nid, start, size, altmap, private_mem), 2/5 and 4/5. */
function add_device_memory(k: Kernel, nid: number, start: number, size: number, altmap: Altmap | null, privateMem: boolean): number {
  return k.tr.call('add_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, private_mem ${privateMem}`, () => {
    const pfn = physToPfn(start);
    ensureNodeOnline(k, nid, pfn);
    const ret = privateMem ? add_pages(k, ADD_V4_18, nid, pfn, size / PAGE_SIZE, null, false) : arch_add_memory(k, ADD_V4_18, nid, start, size, altmap, false);
    if (ret) return ret;
    online_mem_sections(k, pfn, physToPfn(start + size));
    move_pfn_range_to_zone(k, nid, ZONE_DEVICE, pfn, size / PAGE_SIZE, altmapStr(altmap));
    return 0;
  }, errStr);
}

/** del_device_memory(nid, start, size, altmap, private_mem), 4/5: the zone is NODE_DATA(nid)'s ZONE_DEVICE, read from no page. */
function del_device_memory(k: Kernel, removal: RemovalRules, shrink: ShrinkRules, nid: number, start: number, size: number, altmap: Altmap | null, privateMem: boolean): void {
  k.tr.call('del_device_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}, private_mem ${privateMem}`, () => {
    const pfn = physToPfn(start);
    const nr = size / PAGE_SIZE;
    offline_mem_sections(k, pfn, pfn + nr);
    shrink_zone_pgdat_pages(k, shrink, nid, ZONE_DEVICE, pfn, pfn + nr, 0);
    if (privateMem) __remove_pages(k, removal, { nid, zi: null }, pfn, nr, null);
    else arch_remove_memory(k, removal, nid, start, size, altmap);
  });
}

/** devm_memremap_pages() and its release (2/5): private_mem is false for every devm user the engine runs. */
export const memremapRfcV3 = (removal: RemovalRules, shrink: ShrinkRules): MemremapHooks => ({
  ...memremapV4_18(removal),
  add: (k, pg) => add_device_memory(k, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), false),
  remove: (k, pg) => del_device_memory(k, removal, shrink, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg), false),
});

/** hmm_devmem_pages_create()/hmm_devmem_release() as PATCH v1 2/5 converted them: the same helpers, no altmap. */
export const hmmRfcV3 = (removal: RemovalRules, shrink: ShrinkRules): HmmHooks => ({
  ...hmmV4_18(removal),
  addPages: (k, h, pg) => add_device_memory(k, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'private'),
  releasePages: (k, h, pg) => del_device_memory(k, removal, shrink, h.nid, pg.alignStart, pg.alignSize, null, h.type === 'private'),
});

const MEMREMAP_RFC_V3 = memremapRfcV3(REMOVE_RFC_V3, SHRINK_RFC_V1);
const HMM_RFC_V3 = hmmRfcV3(REMOVE_RFC_V3, SHRINK_RFC_V1);

export const rfc_v3: Variant = {
  ...rfc_v2,
  id: 'rfc-v3',
  source: SOURCES['rfc-v3'],
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_RFC_V3, id),
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_RFC_V3, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_RFC_V3, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_RFC_V3, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_RFC_V3, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_RFC_V3, dev),
  shrinksDeviceZone: true,
};
