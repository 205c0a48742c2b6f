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
import { SOURCES } from './sources';
import { PAGE_SIZE, PAGES_PER_SECTION, pfnToPhys, physToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove } from '../drivers/hmm';
import type { Kernel, Variant } from '../kernel/kernel';
import { vmem_altmap_offset } from '../mm/add-memory';
import { hexPfn } from '../mm/fmt';
import { accountOffline, memory_block_offline, type OfflineRules } from '../mm/offline';
import { page_zone } from '../mm/page';
import { type RemovalRules, arch_remove_memory, remove_memory } from '../mm/remove-memory';
import { keepsDeviceSpan, type ShrinkRules, shrink_pgdat_span, shrink_zone_span } from '../mm/span-shrink';
import { clear_zone_contiguous, set_zone_contiguous } from '../mm/zone-grow';
import { ZONE_NAMES } from '../state/kernel-state';
import { REMOVE_V4_18, hmmV4_18, memremapV4_18, v4_18 } from './v4-18';

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
export function __shrink_pages(k: Kernel, r: ShrinkRules, nid: number, zi: number, startPfn: number, endPfn: number, offlined: number, fn = '__shrink_pages', zonePresent = false): void {
  k.tr.call(fn, () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}, ${offlined}`, () => {
    if (keepsDeviceSpan(k, r, zi)) return;
    // RFC v2 and v3 moved zone->present_pages in here: one function of their own name, not a wrapper
    if (zonePresent) k.setZone(nid, zi, { presentPages: k.zone(nid, zi).presentPages - offlined });
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
        { start: pfnToPhys(startPfn), end: pfnToPhys(endPfn) - 1 },
      );
    }
    set_zone_contiguous(k, nid, zi);
  });
}

/** __offline_pages() (RFC v1): node_present_pages is __shrink_pages()'s now; `shrink` is how its scans test sections. */
export const offlineRfcV1 = (shrink: ShrinkRules): OfflineRules => ({
  firstLevelSystemRam: true,
  refuseHoles: false,
  finish(k, d) {
    accountOffline(k, d, { zonePresent: true, nodePresent: false });
    __shrink_pages(k, shrink, d.nid, d.zi, d.validStart, d.validEnd, d.offlined);
  },
});

const OFFLINE_RFC_V1 = offlineRfcV1(SHRINK_RFC_V1);

/**
 * Patch 1/3 passes the nid down instead of reading the zone from a struct page, and patch
 * 2/3 drops __remove_zone() from removal and changes the device test to `if (altmap)`:
 * right for pmem with an altmap, wrong for HMM, which never has one.
 */
export const REMOVE_RFC_V1: RemovalRules = {
  ...REMOVE_V4_18,
  takesNid: true,
  releasesResource(k, _zi, altmap) {
    if (k.tr.enabled) k.tr.decision('altmap', altmap ? 'non-NULL: treat as device memory, leave the resource alone' : 'NULL: release the iomem resource', 'remove_pages.device-check');
    return !altmap;
  },
  shrinkAtRemoval: null,
};

/**
 * devm_memremap_pages_release() (RFC v1): shrink_pages() on the Device zone before
 * arch_remove_memory(nid, ...). shrink_pages() passes nr_pages as offlined_pages, and
 * ZONE_DEVICE sections are never online, so every scan skips them.
 */
export const memremapRfcV1 = (removal: RemovalRules, shrink: ShrinkRules = SHRINK_RFC_V1): MemremapHooks => ({
  ...memremapV4_18(removal),
  remove(k, pg) {
    const altmap = pgmapAltmap(pg);
    const pfn = physToPfn(pg.alignStart);
    const zi = page_zone(k, 'devm_memremap_pages_release', pfn + vmem_altmap_offset(altmap), 'to find the zone to shrink');
    const nr = pg.alignSize / PAGE_SIZE;
    k.tr.call('shrink_pages', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(pfn)}, ${nr}`, () => __shrink_pages(k, shrink, pg.nid, zi, pfn, pfn + nr, nr));
    arch_remove_memory(k, removal, pg.nid, pg.alignStart, pg.alignSize, altmap);
  },
});

const MEMREMAP_RFC_V1 = memremapRfcV1(REMOVE_RFC_V1);

/** hmm_devmem_release() (RFC v1): only the __remove_pages(zone -> nid) call changed; no span shrink for HMM. */
const HMM_RFC_V1 = hmmV4_18(REMOVE_RFC_V1);

export const rfc_v1: Variant = {
  ...v4_18,
  id: 'rfc-v1',
  source: SOURCES['rfc-v1'],
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_RFC_V1, id),
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_RFC_V1, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_RFC_V1, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_RFC_V1, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_RFC_V1, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_RFC_V1, dev),
  shrinksDeviceZone: true,
  deviceZoneRuleFn: '__shrink_pages',
};

