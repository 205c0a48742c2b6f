/**
 * Linux 6.12 (read from Debian's 6.12.118, the kernel of fixtures/qemu-6.12), written as what
 * changed since v5.5 (docs/sources/kernel-notes-6.12.md §2):
 *  - offline_pages() logs "Offlined Pages" with pr_debug, so nothing reaches the log;
 *  - release_mem_region_adjustable() has no IORESOURCE_SYSRAM back-off, so kmem's
 *    "System RAM (kmem)" under dax0.0 is released when kmem unbinds;
 *  - memmap_on_memory: with the option on, each memory block an ACPI hot-add creates holds its
 *    own memmap at its start (mem->altmap); those pages are present, never managed;
 *  - shrink_zone_span() empties the zone when no edge section is left, without v5.5's hole scan;
 *  - memory_hotplug.online_policy: under auto-movable a plain online picks Movable while the
 *    MOVABLE:KERNEL_EARLY ratio allows, for the DIMM's whole memory group (v6-12-online-policy.ts);
 *  - remove_memory() takes no nid: try_offline_node() is asked about the node of the range's last
 *    memory block (check_memblock_offlined_cb), whatever node the caller meant;
 *  - the call chain is 6.12's: memory_block_online()/memory_block_offline() around
 *    online_pages()/offline_pages(), remove_memory() straight into try_remove_memory().
 * The device paths (memremap_pages, HMM) are v5.5's.
 */
import { SOURCES } from './sources';
import { NR_MEM_SECTIONS, PAGES_PER_SECTION, PAGEBLOCK_NR_PAGES, pfnToPhys, pfnToSection, physToPfn } from '../arch';
import { EBUSY, EINVAL, ENOENT, errStr } from '../errno';
import type { Kernel, Variant } from '../kernel/kernel';
import { type Altmap, altmapStr, arch_add_memory, check_hotplug_memory_range, ensureNodeOnline } from '../mm/add-memory';
import { singleZoneOfRange } from '../mm/block-zones';
import { hashx, hashx010, hexPfn } from '../mm/fmt';
import { BLOCK_STATE_NAMES, blockIdOfSection, blockNid, blockStartPfn, blockState, create_memory_block_devices, remove_memory_block_devices, sectionsPerBlock, setBlockState } from '../mm/memory-block';
import { unmovableIn } from '../mm/offline';
import { onlineRangeBlocks } from '../mm/online';
import { page_zone } from '../mm/page';
import { endsBeyondPhysmem, refuseBeyondMemSection } from '../mm/phys-limits';
import { firstOnlineBlock, warnOnlined } from '../mm/remove-common';
import { find_biggest_section_pfn, find_smallest_section_pfn } from '../mm/span-shrink';
import { offline_mem_sections, online_mem_sections } from '../mm/sparse';
import { mmop } from '../mm/zone-choice';
import { clear_zone_contiguous, move_pfn_range_to_zone, set_zone_contiguous } from '../mm/zone-grow';
import { release_mem_region_adjustable, systemRamPieces } from '../resource/release';
import { describe } from '../resource/request';
import type { Resource } from '../resource/tree';
import { ZONE_DEVICE, ZONE_NAMES, zoneEnd } from '../state/kernel-state';
import { BlockState } from '../state/section-bits';
import {
  adjust_present_page_count,
  blockHasAltmap,
  blockVmemmapPages,
  memmapPagesPerBlock,
  mhp_deinit_memmap_on_memory,
  mhp_init_memmap_on_memory,
  mhp_supports_memmap_on_memory,
  setBlockAltmap,
} from './v6-12-memmap';
import { memory_group_register_static, memory_group_unregister, zone_for_pfn_range } from './v6-12-online-policy';
import { ADD_V5_5, SHRINK_V5_5, arch_remove_memory_v5, register_memory_resource, try_offline_node, update_pgdat_span, v5_5 } from './v5-5';

/** shrink_zone_span() (6.12): pull in the edge the range sat on; no section left there empties the zone. */
function shrink_zone_span(k: Kernel, nid: number, zi: number, startPfn: number, endPfn: number): void {
  k.tr.call('shrink_zone_span', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const z = k.zone(nid, zi);
    const zEnd = zoneEnd(z);
    const edge = z.startPfn === startPfn ? 'first' : zEnd === endPfn ? 'last' : null;
    if (k.tr.enabled) k.tr.decision('zone_start_pfn == start_pfn / zone_end_pfn == end_pfn', edge ? `the range is the zone's ${edge}` : 'neither: the span stays', 'shrink.hole-scan');
    if (!edge) return;
    const pfn = edge === 'first' ? find_smallest_section_pfn(k, SHRINK_V5_5, nid, zi, endPfn, zEnd) : find_biggest_section_pfn(k, SHRINK_V5_5, nid, zi, z.startPfn, startPfn);
    if (!pfn) {
      if (k.tr.enabled) k.tr.note('no online section of the zone is left on that side: the zone becomes empty');
      k.setZone(nid, zi, { startPfn: 0, spannedPages: 0 });
    } else if (edge === 'first') k.setZone(nid, zi, { startPfn: pfn, spannedPages: zEnd - pfn });
    else k.setZone(nid, zi, { spannedPages: pfn - z.startPfn + 1 });
  });
}

/** remove_pfn_range_from_zone() (6.12): ZONE_DEVICE is still left alone. */
function remove_pfn_range_from_zone(k: Kernel, nid: number, zi: number, startPfn: number, nrPages: number): void {
  k.tr.call('remove_pfn_range_from_zone', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    if (k.tr.enabled) k.tr.decision('zone_is_zone_device(zone)', zi === ZONE_DEVICE ? 'true: return, ZONE_DEVICE spans are never shrunk' : 'false: shrink', 'shrink.device-zone');
    if (zi === ZONE_DEVICE) return;
    clear_zone_contiguous(k, nid, zi);
    shrink_zone_span(k, nid, zi, startPfn, startPfn + nrPages);
    update_pgdat_span(k, nid);
    set_zone_contiguous(k, nid, zi);
  });
}

/** online_pages(pfn, nr_pages, zone, group) (6.12): the zone is chosen by the caller. */
function online_pages(k: Kernel, nid: number, zi: number, pfn: number, nrPages: number): number {
  return k.tr.call('online_pages', () => `${hexPfn(pfn)}, ${nrPages}, zone ${ZONE_NAMES[zi]}`, () => {
    if (!nrPages || pfn % PAGEBLOCK_NR_PAGES || (pfn + nrPages) % PAGES_PER_SECTION) return -EINVAL;
    move_pfn_range_to_zone(k, nid, zi, pfn, nrPages);
    let onlined = 0;
    k.tr.call('online_pages_range', () => `${hexPfn(pfn)}, ${nrPages}`, () => {
      // the block is System RAM throughout in every case the engine builds; count what is, to be safe
      for (const piece of systemRamPieces(k, pfn, nrPages, false)) onlined += piece.nr;
      online_mem_sections(k, pfn, pfn + nrPages);
    });
    const z = k.zone(nid, zi);
    k.setZone(nid, zi, { managedPages: z.managedPages + onlined });
    adjust_present_page_count(k, nid, zi, pfn, onlined);
    k.setNode(nid, { online: true });
    if (k.tr.enabled) k.tr.note(`${onlined} pages onlined into zone ${ZONE_NAMES[zi]}`);
    return 0;
  }, errStr);
}

/** memory_block_online() (drivers/base/memory.c): the memmap pages first, then the rest. */
function memory_block_online(k: Kernel, id: number, type: Parameters<Variant['online_block']>[2]): number {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const startPfn = blockStartPfn(id, spb);
  const nrPages = spb * PAGES_PER_SECTION;
  const nid = blockNid(k.sec, id, spb);
  return k.tr.call('memory_block_online', () => `memory${id}, ${mmop(type)}`, () => {
    const zi = zone_for_pfn_range(k, type, nid, id, startPfn, nrPages);
    const vmemmap = blockVmemmapPages(k, id);
    if (k.tr.enabled) k.tr.decision('mem->altmap', vmemmap ? `${vmemmap} memmap pages at the block's start: they join zone ${ZONE_NAMES[zi]} first` : 'NULL: the memmap lives elsewhere');
    if (vmemmap) mhp_init_memmap_on_memory(k, nid, zi, startPfn, vmemmap);
    const ret = online_pages(k, nid, zi, startPfn + vmemmap, nrPages - vmemmap);
    if (ret) return ret;
    if (vmemmap) adjust_present_page_count(k, nid, zi, startPfn, vmemmap);
    return 0;
  }, errStr);
}

/** offline_pages(start_pfn, nr_pages, zone, group) (6.12). */
function offline_pages(k: Kernel, nid: number, startPfn: number, nrPages: number): number {
  return k.tr.call('offline_pages', () => `${hexPfn(startPfn)}, ${nrPages}`, () => {
    const endPfn = startPfn + nrPages;
    const fail = (ret: number, reason: string): number => {
      if (k.tr.enabled) k.tr.note(`pr_debug: memory offlining [mem ${hashx010(pfnToPhys(startPfn))}-${hashx010(pfnToPhys(endPfn) - 1)}] failed due to ${reason}`);
      return ret;
    };
    if (!nrPages || startPfn % PAGEBLOCK_NR_PAGES || endPfn % PAGES_PER_SECTION) return -EINVAL;
    const pieces = systemRamPieces(k, startPfn, nrPages, false);
    const ramPages = pieces.reduce((a, p) => a + p.nr, 0);
    if (ramPages !== nrPages) return fail(-EINVAL, 'memory holes');
    const first = pfnToSection(startPfn);
    const zi = singleZoneOfRange(k, nid, first, pfnToSection(endPfn - 1) - first + 1);
    if (k.tr.enabled) k.tr.decision('page_zone(start_pfn) != zone || page_zone(end_pfn - 1) != zone', zi === null ? 'true: several zones' : `false: zone ${ZONE_NAMES[zi]}`);
    if (zi === null) return fail(-EINVAL, 'multizone range');
    page_zone(k, 'offline_pages', startPfn, 'to find the zone being offlined');
    const blocker = unmovableIn(k, pfnToPhys(startPfn), pfnToPhys(endPfn) - 1);
    const isolated = k.tr.call('start_isolate_page_range', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}, MIGRATE_MOVABLE`, () => (blocker ? -EBUSY : 0));
    if (isolated) {
      if (k.tr.enabled) k.tr.note(`"${blocker!.name}" lies in the range: its pages are not movable`);
      return fail(isolated, 'failure to isolate range');
    }
    k.tr.call('__offline_isolated_pages', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => offline_mem_sections(k, startPfn, endPfn));
    if (k.tr.enabled) k.tr.note(`pr_debug("Offlined Pages ${nrPages}"): not in the kernel log`);
    const z = k.zone(nid, zi);
    k.tr.call('adjust_managed_page_count', () => `-${ramPages}`, () => k.setZone(nid, zi, { managedPages: z.managedPages - ramPages }));
    adjust_present_page_count(k, nid, zi, startPfn, -ramPages);
    remove_pfn_range_from_zone(k, nid, zi, startPfn, nrPages);
    return 0;
  }, errStr);
}

/** memory_block_offline(): the memmap pages are unaccounted first and leave the zone last. */
function memory_block_offline(k: Kernel, id: number): number {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const startPfn = blockStartPfn(id, spb);
  const nrPages = spb * PAGES_PER_SECTION;
  const nid = blockNid(k.sec, id, spb);
  return k.tr.call('memory_block_offline', () => `memory${id}`, () => {
    const vmemmap = blockVmemmapPages(k, id);
    const zi = vmemmap ? page_zone(k, 'memory_block_offline', startPfn, 'mem->zone, the zone the block was onlined to') : -1;
    if (vmemmap) adjust_present_page_count(k, nid, zi, startPfn, -vmemmap);
    const ret = offline_pages(k, nid, startPfn + vmemmap, nrPages - vmemmap);
    if (ret) {
      if (vmemmap) adjust_present_page_count(k, nid, zi, startPfn, vmemmap);
      return ret;
    }
    if (vmemmap) mhp_deinit_memmap_on_memory(k, startPfn, vmemmap, (pfn, nr) => remove_pfn_range_from_zone(k, nid, zi, pfn, nr));
    return 0;
  }, errStr);
}

/** Writing to memoryN/state: state_store() -> device_online()/device_offline() -> memory_block_change_state(). */
function state_store(k: Kernel, id: number, want: 'online' | 'offline', run: () => number, label: string): number {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  return k.tr.call('state_store', () => `memory${id}, "${label}"`, () => {
    const st = blockState(k.sec, id, spb);
    if (st === BlockState.None) {
      if (k.tr.enabled) k.tr.note(`/sys/devices/system/memory/memory${id} does not exist`);
      return -ENOENT;
    }
    const ready = want === 'online' ? st === BlockState.Offline : st === BlockState.Online;
    if (!ready) {
      if (k.tr.enabled) k.tr.decision(`device_${want}(): dev->offline`, `${want === 'online' ? 'false' : 'true'} (block is ${BLOCK_STATE_NAMES[st]}): returns 1, store returns -EINVAL`);
      return -EINVAL;
    }
    if (want === 'offline') setBlockState(k, id, BlockState.GoingOffline);
    const ret = run();
    if (want === 'offline') setBlockState(k, id, ret === 0 ? BlockState.Offline : BlockState.Online);
    else if (ret === 0) setBlockState(k, id, BlockState.Online);
    return ret;
  });
}

/** create_altmaps_and_memory_blocks(): one arch_add_memory() and one memory block per block, each with its altmap. */
function create_altmaps_and_memory_blocks(k: Kernel, nid: number, start: number, size: number): number {
  return k.tr.call('create_altmaps_and_memory_blocks', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}`, () => {
    const bs = k.blockSizeBytes;
    for (let cur = start; cur < start + size; cur += bs) {
      const altmap: Altmap = { basePfn: physToPfn(cur), reserve: 0, free: memmapPagesPerBlock(bs) };
      const r = arch_add_memory(k, ADD_V5_5, nid, cur, bs, altmap, true);
      if (r < 0) return r;
      const rb = create_memory_block_devices(k, nid, cur, bs);
      if (rb) return rb;
      setBlockAltmap(k, blockIdOfSection(pfnToSection(physToPfn(cur)), sectionsPerBlock(bs)), true);
    }
    return 0;
  }, errStr);
}

/**
 * add_memory_resource(nid, res, mhp_flags) (6.12). ACPI's hot-add asks for MHP_MEMMAP_ON_MEMORY;
 * kmem asks only when its dax device's memmap_on_memory attribute is set, which the engine's
 * kmem never does.
 */
function add_memory_resource(k: Kernel, nid: number, res: Resource, memmapFlag: boolean): number {
  return k.tr.call('add_memory_resource', () => `nid ${nid}, ${describe(res)}, ${memmapFlag ? 'MHP_MEMMAP_ON_MEMORY' : 'MHP_NONE'}`, () => {
    const start = res.start;
    const size = res.end - res.start + 1;
    const ret = check_hotplug_memory_range(k, start, size);
    if (ret) return ret;
    ensureNodeOnline(k, nid, physToPfn(start));
    let selfHosted = false;
    if (memmapFlag) {
      const why = mhp_supports_memmap_on_memory(k);
      selfHosted = why === null;
      if (why !== null && k.cfg.memmap_on_memory && k.tr.enabled) k.tr.note(`memmap_on_memory does not apply: ${why}; the memmap is allocated from other memory`);
    } else if (k.cfg.memmap_on_memory && k.tr.enabled) {
      k.tr.note('memmap_on_memory does not apply: the caller did not ask for MHP_MEMMAP_ON_MEMORY (kmem asks only when its dax device\'s memmap_on_memory attribute is set)');
    }
    if (selfHosted) {
      const r = create_altmaps_and_memory_blocks(k, nid, start, size);
      if (r) return r;
    } else {
      const r = arch_add_memory(k, ADD_V5_5, nid, start, size, null, true);
      if (r < 0) return r;
      const rb = create_memory_block_devices(k, nid, start, size);
      if (rb) return rb;
    }
    // the ACPI driver (or kmem) registers the group before adding; marked once its blocks exist
    memory_group_register_static(k, nid, start, size);
    if (res.name === 'System RAM') k.tr.call('firmware_map_add_hotplug', () => `${hashx(start)}, ${hashx(start + size)}, "System RAM"`, () => undefined);
    if (k.cfg.auto_online) onlineRangeBlocks(k, start, size);
    return 0;
  }, errStr);
}

function add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number {
  const viaAcpi = resName === 'System RAM';
  const body = (): number => {
    const res = register_memory_resource(k, start, size, resName);
    if (typeof res === 'number') return res;
    return add_memory_resource(k, nid, res, viaAcpi);
  };
  // add_memory_driver_managed() (the kmem caller, traced by the driver) calls add_memory_resource() itself
  if (!viaAcpi) return body();
  return k.tr.call('__add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, MHP_MEMMAP_ON_MEMORY`, body, errStr);
}

/** remove_memory_blocks_and_altmaps(): block by block, each with its own memmap. */
function remove_memory_blocks_and_altmaps(k: Kernel, nid: number, start: number, size: number): void {
  k.tr.call('remove_memory_blocks_and_altmaps', () => `${hashx(start)}, ${hashx(size)}`, () => {
    const bs = k.blockSizeBytes;
    const spb = sectionsPerBlock(bs);
    for (let cur = start; cur < start + size; cur += bs) {
      const id = blockIdOfSection(pfnToSection(physToPfn(cur)), spb);
      const altmap: Altmap = { basePfn: physToPfn(cur), reserve: 0, free: memmapPagesPerBlock(bs) };
      setBlockAltmap(k, id, false);
      remove_memory_block_devices(k, cur, bs);
      arch_remove_memory_v5(k, nid, cur, bs, altmap);
      if (k.tr.enabled) k.tr.note(`the memmap of memory${id} (${altmapStr(altmap)}) goes with its block`);
    }
  });
}

/** memory_blocks_have_altmaps(): 1 when every block of the range has one, 0 when none. */
function memory_blocks_have_altmaps(k: Kernel, start: number, size: number): number {
  return k.tr.call('memory_blocks_have_altmaps', () => `${hashx(start)}, ${hashx(size)}`, () => {
    if (!k.cfg.memmap_on_memory) return 0;
    const spb = sectionsPerBlock(k.blockSizeBytes);
    let n = 0;
    const blocks = size / k.blockSizeBytes;
    for (let i = 0; i < blocks; i++) if (blockHasAltmap(k, blockIdOfSection(pfnToSection(physToPfn(start)), spb) + i)) n++;
    if (n === 0) return 0;
    if (n !== blocks) {
      if (k.tr.enabled) k.tr.note(`WARN_ON_ONCE: ${n} of ${blocks} blocks have altmaps`);
      return -EINVAL;
    }
    return 1;
  }, String);
}

/**
 * The node check_memblock_offlined_cb() leaves behind: 6.12's remove_memory() takes no nid, and
 * the walk over the range's blocks keeps the last block's (NUMA_NO_NODE, null, when it has none).
 */
function lastBlockNid(k: Kernel, start: number, size: number): number | null {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const first = blockIdOfSection(pfnToSection(physToPfn(start)), spb);
  // walk_memory_blocks() finds blocks by id: none lies past the sections that exist
  const last = blockIdOfSection(Math.min(pfnToSection(physToPfn(start + size) - 1), NR_MEM_SECTIONS - 1), spb);
  for (let id = last; id >= first; id--) if (blockState(k.sec, id, spb) !== BlockState.None) return blockNid(k.sec, id, spb);
  return null;
}

/** try_remove_memory() (6.12): the resource goes after the sections, with no SYSRAM back-off. */
function try_remove_memory(k: Kernel, given: number, start: number, size: number): number {
  return k.tr.call('try_remove_memory', () => `${hashx(start)}, ${hashx(size)}`, () => {
    if (check_hotplug_memory_range(k, start, size)) k.bug('try_remove_memory', 'try_remove_memory(): BUG_ON(check_hotplug_memory_range(start, size))', ['kernel BUG at mm/memory_hotplug.c:2266!']);
    const online = firstOnlineBlock(k, start, size);
    if (online) {
      warnOnlined(k, online);
      return -EBUSY;
    }
    if (endsBeyondPhysmem(start, size)) return refuseBeyondMemSection(k, 'arch_remove_memory() -> __remove_pages() -> __remove_section() -> __nr_to_section()', start, size);
    const found = lastBlockNid(k, start, size);
    const nid = found ?? given;
    if (k.tr.enabled && found !== given) k.tr.note(`remove_memory() takes no nid in 6.12: the blocks say node ${found === null ? 'NUMA_NO_NODE (the range has none)' : found}, not the step's node ${given}`);
    k.tr.call('firmware_map_remove', () => `${hashx(start)}, ${hashx(start + size)}, "System RAM"`, () => undefined);
    const altmaps = memory_blocks_have_altmaps(k, start, size);
    if (altmaps < 0) return altmaps;
    if (altmaps) remove_memory_blocks_and_altmaps(k, nid, start, size);
    else {
      remove_memory_block_devices(k, start, size);
      arch_remove_memory_v5(k, nid, start, size, null);
    }
    const ret = release_mem_region_adjustable(k, { sysramCheck: false }, start, size, 'try_remove_memory');
    if (ret && k.tr.enabled) k.tr.note(`release_mem_region_adjustable() failed (${errStr(ret)}); it returns void in 6.12 and logs nothing`);
    if (found !== null) try_offline_node(k, nid);
    memory_group_unregister(k, start, size);
    return 0;
  }, errStr);
}

function remove_memory(k: Kernel, nid: number, start: number, size: number): number {
  return k.tr.call('remove_memory', () => `${hashx(start)}, ${hashx(size)}`, () => try_remove_memory(k, nid, start, size), errStr);
}

export const v6_12: Variant = {
  ...v5_5,
  id: 'v6.12',
  source: SOURCES['v6.12'],
  onlinePolicy: true,
  add_memory,
  online_block: (k, id, type) => state_store(k, id, 'online', () => memory_block_online(k, id, type), type),
  offline_block: (k, id) => state_store(k, id, 'offline', () => memory_block_offline(k, id), 'offline'),
  remove_memory,
};
