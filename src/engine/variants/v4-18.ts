/**
 * v4.18: the baseline. Span shrinking runs at removal (__remove_zone, valid_section
 * scans), __remove_pages() takes a zone that arch_remove_memory() reads out of the
 * first struct page, and `is_dev_zone(zone)` keeps ZONE_DEVICE away from
 * release_mem_region_adjustable().
 */
import { SOURCES } from './sources';
import { PAGE_SIZE, physToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { EEXIST, errStr } from '../errno';
import type { Kernel, Variant } from '../kernel/kernel';
import { type AddPagesRules, add_pages, altmapStr, arch_add_memory, check_hotplug_memory_range, ensureNodeOnline } from '../mm/add-memory';
import { hashx, hashx010, pR } from '../mm/fmt';
import { accountOffline, memory_block_offline, type OfflineRules } from '../mm/offline';
import { memory_block_online, onlineRangeBlocks, type OnlineRules } from '../mm/online';
import { page_zone } from '../mm/page';
import { type RemovalRules, __remove_pages, arch_remove_memory, remove_memory } from '../mm/remove-memory';
import { SHRINK_V4_18 } from '../mm/span-shrink';
import { move_pfn_range_to_zone } from '../mm/zone-grow';
import { IORESOURCE_BUSY, IORESOURCE_SYSTEM_RAM, IORES_DESC_DEVICE_PRIVATE_MEMORY } from '../resource/flags';
import { ResList } from '../resource/res-list';
import { describe, request_resource_conflict } from '../resource/request';
import type { Resource } from '../resource/tree';
import { ZONE_DEVICE } from '../state/kernel-state';

export const ADD_V4_18: AddPagesRules = { swallowEexist: true, subsections: false };
const ONLINE_V4_18: OnlineRules = { firstLevelSystemRam: true, probeCheck: true };
export const OFFLINE_V4_18: OfflineRules = {
  firstLevelSystemRam: true,
  refuseHoles: false,
  // Spans are NOT shrunk here: zone_start_pfn/spanned_pages keep covering offline memory until remove_memory().
  finish: (k, d) => accountOffline(k, d, { zonePresent: true, nodePresent: true }),
};

/** register_memory_resource() (v4.18): top-level only, -EEXIST on any overlap. */
function register_memory_resource_v4(k: Kernel, start: number, size: number, name: string): Resource | number {
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
function add_memory_resource_v4(k: Kernel, nid: number, res: Resource): number {
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

function add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number {
  return k.tr.call('add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    const res = register_memory_resource_v4(k, start, size, resName);
    if (typeof res === 'number') return res;
    return add_memory_resource_v4(k, nid, res);
  }, errStr);
}

/**
 * __remove_pages(zone, ...): the resource is released only for memory that is not
 * ZONE_DEVICE ("In the ZONE_DEVICE case device driver owns the memory region"), and
 * __remove_zone() shrinks the spans section by section as they go.
 */
export const REMOVE_V4_18: RemovalRules = {
  takesNid: false,
  releasesResource(k, zi) {
    const isDev = zi === ZONE_DEVICE;
    if (k.tr.enabled) k.tr.decision('is_dev_zone(zone)', isDev ? 'true: the device driver owns the region, leave resources alone' : 'false: release the iomem resource', 'remove_pages.device-check');
    return !isDev;
  },
  sysramCheck: false,
  shrinkAtRemoval: SHRINK_V4_18,
};

/** devm_memremap_pages() in v4.18: arch_add_memory(want_memblock=false) + ZONE_DEVICE; the release removes it the kernel's way. */
export const memremapV4_18 = (removal: RemovalRules): MemremapHooks => ({
  fnAdd: 'devm_memremap_pages',
  fnRelease: 'devm_memremap_pages_release',
  add(k, pg) {
    const altmap = pgmapAltmap(pg);
    const ret = arch_add_memory(k, ADD_V4_18, pg.nid, pg.alignStart, pg.alignSize, altmap, false);
    if (ret) return ret;
    ensureNodeOnline(k, pg.nid, physToPfn(pg.alignStart));
    move_pfn_range_to_zone(k, pg.nid, ZONE_DEVICE, physToPfn(pg.alignStart), pg.alignSize / PAGE_SIZE, altmapStr(altmap));
    return 0;
  },
  remove(k, pg) {
    arch_remove_memory(k, removal, pg.nid, pg.alignStart, pg.alignSize, pgmapAltmap(pg));
  },
});

/** hmm_devmem_pages_create()/hmm_devmem_release() in v4.18. HMM never uses an altmap. */
export const hmmV4_18 = (removal: RemovalRules): HmmHooks => ({
  api: 'hmm_devmem',
  addPages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    const nr = pg.alignSize / PAGE_SIZE;
    ensureNodeOnline(k, h.nid, pfn);
    const ret = h.type === 'public' ? arch_add_memory(k, ADD_V4_18, h.nid, pg.alignStart, pg.alignSize, null, false) : add_pages(k, ADD_V4_18, h.nid, pfn, nr, null, false);
    if (ret) return ret;
    move_pfn_range_to_zone(k, h.nid, ZONE_DEVICE, pfn, nr);
    return 0;
  },
  releasePages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    const zi = page_zone(k, 'hmm_devmem_release', pfn, 'to find the zone');
    if (h.type === 'private') __remove_pages(k, removal, { nid: h.nid, zi: removal.takesNid ? null : zi }, pfn, pg.alignSize / PAGE_SIZE, null);
    else arch_remove_memory(k, removal, h.nid, pg.alignStart, pg.alignSize, null);
  },
});

const MEMREMAP_V4_18 = memremapV4_18(REMOVE_V4_18);
const HMM_V4_18 = hmmV4_18(REMOVE_V4_18);

export const v4_18: Variant = {
  id: 'v4.18',
  source: SOURCES['v4.18'],
  add_memory,
  online_block: (k, id, type) => memory_block_online(k, ONLINE_V4_18, id, type),
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_V4_18, id),
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_V4_18, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_V4_18, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_V4_18, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_V4_18, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_V4_18, dev),
  shrinksDeviceZone: true,
  deviceZoneRuleFn: '__remove_zone',
};
