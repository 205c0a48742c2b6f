/**
 * Upstream as of v5.5 (v5.5-rc5): "System RAM" may nest under a non-busy container
 * (__request_region), zone spans shrink at offline time in remove_pfn_range_from_zone()
 * (pfn_to_online_page scans, sub-section steps, node span recomputed from the zones),
 * __remove_pages() touches neither zones nor resources, try_remove_memory() releases the
 * resource after the sections are gone, and ZONE_DEVICE spans are never shrunk.
 */
import { SOURCES } from './sources';
import { PAGE_SIZE, PAGES_PER_SUBSECTION, SECTION_SIZE_BYTES, pfnToPhys, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import { devmMemremapPages, devmMemremapPagesRelease, pgmapAltmap, type MemremapHooks } from '../drivers/memremap';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { EBUSY, EEXIST, errStr } from '../errno';
import { type AddPagesRules, type Altmap, add_pages, altmapStr, arch_add_memory, check_hotplug_memory_range, ensureNodeOnline, vmem_altmap_offset } from '../mm/add-memory';
import { hashx, hexPfn, x016 } from '../mm/fmt';
import { create_memory_block_devices, listBlocks, remove_memory_block_devices, sectionsPerBlock } from '../mm/memory-block';
import { accountOffline, memory_block_offline, type OfflineRules } from '../mm/offline';
import { memory_block_online, onlineRangeBlocks, type OnlineRules } from '../mm/online';
import { page_to_nid } from '../mm/page';
import { endsBeyondPhysmem, refuseBeyondMemSection } from '../mm/phys-limits';
import { __release_memory_resource, firstOnlineBlock, warnOnlined } from '../mm/remove-common';
import { type ShrinkRules, shrink_zone_span } from '../mm/span-shrink';
import { deactivateSection, valid_section_nr } from '../mm/sparse';
import { clear_zone_contiguous, move_pfn_range_to_zone, set_zone_contiguous } from '../mm/zone-grow';
import { __request_region, describe } from '../resource/request';
import { IORESOURCE_SYSTEM_RAM } from '../resource/flags';
import type { Resource } from '../resource/tree';
import type { Kernel } from '../kernel/kernel';
import { MAX_NR_ZONES, ZONE_DEVICE, ZONE_NAMES, zoneEnd } from '../state/kernel-state';
import type { Variant } from '../kernel/kernel';

export const ADD_V5_5: AddPagesRules = { swallowEexist: false, subsections: true };
const ONLINE_V5_5: OnlineRules = { firstLevelSystemRam: false, probeCheck: false };
export const SHRINK_V5_5: ShrinkRules = {
  findFilter: 'pfn_to_online_page',
  zoneHoleFilter: 'pfn_to_online_page',
  pgdatHoleFilter: 'pfn_to_online_page',
  step: PAGES_PER_SUBSECTION,
  holeScanSkipsRange: true,
};

/** update_pgdat_span(): the node spans from its lowest zone start to its highest zone end; no page reads. */
export function update_pgdat_span(k: Kernel, nid: number): void {
  k.tr.call('update_pgdat_span', () => `node ${nid}`, () => {
    let lo = 0;
    let hi = 0;
    for (let zi = 0; zi < MAX_NR_ZONES; zi++) {
      const z = k.zone(nid, zi);
      if (!z.spannedPages) continue;
      if (!hi) {
        lo = z.startPfn;
        hi = zoneEnd(z);
        continue;
      }
      lo = Math.min(lo, z.startPfn);
      hi = Math.max(hi, zoneEnd(z));
    }
    k.setNode(nid, { startPfn: lo, spannedPages: hi - lo });
  });
}

/** remove_pfn_range_from_zone() (feee6b298916): ZONE_DEVICE is deliberately left alone. */
function remove_pfn_range_from_zone(k: Kernel, nid: number, zi: number, startPfn: number, nrPages: number): void {
  k.tr.call('remove_pfn_range_from_zone', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    if (k.tr.enabled) k.tr.decision('zone_idx(zone) == ZONE_DEVICE', zi === ZONE_DEVICE ? 'true: return, ZONE_DEVICE spans are never shrunk' : 'false: shrink', 'shrink.device-zone');
    if (zi === ZONE_DEVICE) return;
    clear_zone_contiguous(k, nid, zi);
    shrink_zone_span(k, SHRINK_V5_5, nid, zi, startPfn, startPfn + nrPages);
    update_pgdat_span(k, nid);
    set_zone_contiguous(k, nid, zi);
  });
}

const OFFLINE_V5_5: OfflineRules = {
  firstLevelSystemRam: false,
  refuseHoles: true,
  finish(k, d) {
    accountOffline(k, d, { zonePresent: true, nodePresent: true });
    remove_pfn_range_from_zone(k, d.nid, d.zi, d.startPfn, d.endPfn - d.startPfn);
  },
};

/** register_memory_resource() (v5.5): __request_region(), so it may nest under a non-busy container. */
export function register_memory_resource(k: Kernel, start: number, size: number, name: string): Resource | number {
  return k.tr.call('register_memory_resource', () => `${hashx(start)}, ${hashx(size)}, "${name}"`, () => {
    const res = __request_region(k, start, size, name, IORESOURCE_SYSTEM_RAM, 'memory-hotplug');
    if (!res) {
      if (k.tr.enabled) k.tr.note(`pr_debug: Unable to reserve System RAM region: ${x016(start)}->${x016(start + size - 1)}`);
      return -EEXIST;
    }
    return res;
  }, (r) => (typeof r === 'number' ? errStr(r) : describe(r)));
}

function add_memory_resource(k: Kernel, nid: number, res: Resource): number {
  return k.tr.call('add_memory_resource', () => `nid ${nid}, ${describe(res)}`, () => {
    const start = res.start;
    const size = res.end - res.start + 1;
    const ret = check_hotplug_memory_range(k, start, size);
    if (ret) return ret;
    k.tr.call('memblock_add_node', () => `${hashx(start)}, ${hashx(size)}, ${nid}`, () => undefined);
    ensureNodeOnline(k, nid, physToPfn(start));
    const r = arch_add_memory(k, ADD_V5_5, nid, start, size, null, true);
    if (r < 0) return r;
    const rb = create_memory_block_devices(k, nid, start, size);
    if (rb) return rb;
    k.tr.call('firmware_map_add_hotplug', () => `${hashx(start)}, ${hashx(start + size)}, "System RAM"`, () => undefined);
    if (k.cfg.auto_online) onlineRangeBlocks(k, start, size);
    return 0;
  }, errStr);
}

function add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number {
  return k.tr.call('add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () =>
    k.tr.call('__add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
      if (resName !== 'System RAM') k.tr.note(`the resource is named "${resName}" as add_memory_driver_managed() (v5.8+) names it; v5.5's kmem used add_memory() and "System RAM"`);
      const res = register_memory_resource(k, start, size, resName);
      if (typeof res === 'number') return res;
      return add_memory_resource(k, nid, res);
    }, errStr),
  errStr);
}

/**
 * __remove_pages(pfn, nr_pages, altmap) (v5.5): sections only. A section another
 * device range still uses keeps its memmap (the sub-section bitmap in the kernel).
 */
function __remove_pages_v5(k: Kernel, pfn: number, nrPages: number, altmap: Altmap | null, keep: (nr: number) => boolean = () => false): number {
  return k.tr.call('__remove_pages', () => `${hexPfn(pfn)}, ${nrPages}, altmap ${altmapStr(altmap)}`, () => {
    if (k.tr.enabled) k.tr.decision('(none)', 'no zone, no resource: __remove_pages() only tears down sections', 'remove_pages.device-check');
    if (altmap) k.tr.note(`map_offset = vmem_altmap_offset(altmap) = ${vmem_altmap_offset(altmap)}`);
    if (pfn % PAGES_PER_SUBSECTION || nrPages % PAGES_PER_SUBSECTION) {
      k.printk(`Misaligned __remove_pages start: ${hashx(pfn)} end: #${(pfn + nrPages - 1).toString(16)}`);
      return 0;
    }
    // 6.12 (which reuses this) calls sparse_remove_section() straight from the loop
    const sectionFrame = k.v.source.tree === 'v6.12.118' ? (_: () => string, body: () => void) => body() : (args: () => string, body: () => void) => k.tr.call('__remove_section', args, body);
    for (let nr = pfnToSection(pfn); sectionToPfn(nr) < pfn + nrPages; nr++) {
      sectionFrame(() => `${hexPfn(Math.max(pfn, sectionToPfn(nr)))}`, () => {
        if (!valid_section_nr(k, nr)) {
          if (k.tr.enabled) k.tr.note('WARN_ON_ONCE(!valid_section(ms))');
          return;
        }
        if (keep(nr)) {
          if (k.tr.enabled) k.tr.note(`section ${nr}: other sub-sections still in use, the memmap stays`);
          return;
        }
        k.tr.call('sparse_remove_section', () => `section ${nr}`, () => deactivateSection(k, nr));
      });
    }
    return 0;
  }, errStr);
}

export function arch_remove_memory_v5(k: Kernel, nid: number, start: number, size: number, altmap: Altmap | null, keep?: (nr: number) => boolean): void {
  k.tr.call('arch_remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}`, () => {
    __remove_pages_v5(k, physToPfn(start), size / PAGE_SIZE, altmap, keep);
    k.tr.call('kernel_physical_mapping_remove', () => `${hashx(start)}, ${hashx(start + size)}`, () => undefined);
  });
}

/** try_offline_node() (v5.5, 2c91f8fc6c99): no page reads; spans and block nids decide. */
export function try_offline_node(k: Kernel, nid: number): void {
  k.tr.call('try_offline_node', () => `${nid}`, () => {
    if (k.node(nid).spannedPages) return;
    for (const b of listBlocks(k.sec, sectionsPerBlock(k.blockSizeBytes))) if (b.nid === nid) return;
    if (nid === 0) return;
    k.setNode(nid, { online: false });
  });
}

function try_remove_memory(k: Kernel, nid: number, start: number, size: number): number {
  return k.tr.call('try_remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    if (check_hotplug_memory_range(k, start, size)) k.bug('try_remove_memory', 'try_remove_memory(): BUG_ON(check_hotplug_memory_range(start, size))', ['kernel BUG at mm/memory_hotplug.c:1766!']);
    const online = firstOnlineBlock(k, start, size);
    if (online) {
      warnOnlined(k, online);
      return -EBUSY;
    }
    // walk_memory_blocks() finds blocks by id and is safe up there; __remove_section() is not.
    if (endsBeyondPhysmem(start, size)) return refuseBeyondMemSection(k, 'arch_remove_memory() -> __remove_pages() -> __remove_section() -> __nr_to_section()', start, size);
    k.tr.call('firmware_map_remove', () => `${hashx(start)}, ${hashx(start + size)}, "System RAM"`, () => undefined);
    k.tr.call('memblock_remove', () => `${hashx(start)}, ${hashx(size)}`, () => undefined);
    remove_memory_block_devices(k, start, size);
    arch_remove_memory_v5(k, nid, start, size, null);
    __release_memory_resource(k, { sysramCheck: true }, start, size);
    try_offline_node(k, nid);
    return 0;
  }, errStr);
}

function remove_memory(k: Kernel, nid: number, start: number, size: number): number {
  return k.tr.call('remove_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => try_remove_memory(k, nid, start, size), errStr);
}

/** Sections another live device range or hot-added memory still uses. */
function sharedSection(k: Kernel, self: { alignStart: number; alignSize: number }) {
  return (nr: number): boolean => {
    const lo = pfnToPhys(sectionToPfn(nr));
    const hi = lo + SECTION_SIZE_BYTES;
    return k.pgmaps.some((p) => p.alignStart !== self.alignStart && p.alignStart < hi && p.alignStart + p.alignSize > lo);
  };
}

/** memremap_pages()/memunmap_pages() (v5.5): exact (sub-section aligned) ranges, no span shrink. */
const MEMREMAP_V5_5: MemremapHooks = {
  fnAdd: 'memremap_pages',
  fnRelease: 'memunmap_pages',
  add(k, pg) {
    pg.alignStart = pg.resStart;
    pg.alignSize = pg.resEnd - pg.resStart + 1;
    const altmap = pgmapAltmap(pg);
    ensureNodeOnline(k, pg.nid, physToPfn(pg.alignStart));
    const ret = arch_add_memory(k, ADD_V5_5, pg.nid, pg.alignStart, pg.alignSize, altmap, false);
    if (ret) return ret;
    move_pfn_range_to_zone(k, pg.nid, ZONE_DEVICE, physToPfn(pg.alignStart), pg.alignSize / PAGE_SIZE, altmapStr(altmap));
    return 0;
  },
  remove(k, pg) {
    const altmap = pgmapAltmap(pg);
    const nid = page_to_nid(k, 'memunmap_pages', physToPfn(pg.resStart) + vmem_altmap_offset(altmap));
    arch_remove_memory_v5(k, nid, pg.alignStart, pg.alignSize, altmap, sharedSection(k, pg));
  },
};

const HMM_V5_5: HmmHooks = {
  api: 'memremap_pages',
  addPages(k, h, pg) {
    pg.alignStart = pg.resStart;
    pg.alignSize = pg.resEnd - pg.resStart + 1;
    const pfn = physToPfn(pg.alignStart);
    const nr = pg.alignSize / PAGE_SIZE;
    ensureNodeOnline(k, h.nid, pfn);
    const ret = h.type === 'private' ? add_pages(k, ADD_V5_5, h.nid, pfn, nr, null, false) : arch_add_memory(k, ADD_V5_5, h.nid, pg.alignStart, pg.alignSize, null, false);
    if (ret) return ret;
    move_pfn_range_to_zone(k, h.nid, ZONE_DEVICE, pfn, nr);
    return 0;
  },
  releasePages(k, h, pg) {
    const pfn = physToPfn(pg.alignStart);
    page_to_nid(k, 'memunmap_pages', pfn);
    if (h.type === 'private') __remove_pages_v5(k, pfn, pg.alignSize / PAGE_SIZE, null, sharedSection(k, pg));
    else arch_remove_memory_v5(k, h.nid, pg.alignStart, pg.alignSize, null, sharedSection(k, pg));
  },
};

export const v5_5: Variant = {
  id: 'v5.5',
  source: SOURCES['v5.5'],
  add_memory,
  online_block: (k, id, type) => memory_block_online(k, ONLINE_V5_5, id, type),
  offline_block: (k, id) => memory_block_offline(k, OFFLINE_V5_5, id),
  remove_memory,
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_V5_5, req, 'fsdax'),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_V5_5, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_V5_5, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_V5_5, dev),
  shrinksDeviceZone: false,
  deviceZoneRuleFn: 'remove_pfn_range_from_zone',
};

