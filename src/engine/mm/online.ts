import { PAGES_PER_SECTION, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import { EBUSY, EINVAL, ENOENT } from '../errno';
import type { OnlineType } from '../ops';
import { systemRamPieces } from '../resource/release';
import type { Kernel } from '../kernel/kernel';
import { ZONE_NAMES } from '../state/kernel-state';
import { BlockState } from '../state/section-bits';
import { hexPfn } from './fmt';
import { BLOCK_STATE_NAMES, blockNid, blockStartPfn, blockState, sectionsPerBlock, setBlockState } from './memory-block';
import { online_mem_sections, online_section_nr, present_section_nr, valid_section_nr } from './sparse';
import { mmop, zone_for_pfn_range } from './zone-choice';
import { move_pfn_range_to_zone } from './zone-grow';

/** pages_correctly_probed(): every section of the block present, with a memmap, not yet online. */
function pages_correctly_probed(k: Kernel, startPfn: number): boolean {
  return k.tr.call('pages_correctly_probed', () => hexPfn(startPfn), () => {
    const spb = sectionsPerBlock(k.blockSizeBytes);
    const first = pfnToSection(startPfn);
    for (let nr = first; nr < first + spb; nr++) {
      const pfn = sectionToPfn(nr);
      const range = `pfn[${pfn.toString(16)}, ${(pfn + PAGES_PER_SECTION).toString(16)})`;
      if (!present_section_nr(k, nr)) {
        k.printk(`section ${nr} ${range} not present`);
        return false;
      }
      if (!valid_section_nr(k, nr)) {
        k.printk(`section ${nr} ${range} no valid memmap`);
        return false;
      }
      if (online_section_nr(k, nr)) {
        k.printk(`section ${nr} ${range} is already online`);
        return false;
      }
    }
    return true;
  });
}

export interface OnlineRules {
  /** v4.18 walks top-level System RAM only; v5.5 walks the whole tree (kmem RAM sits under dax) */
  firstLevelSystemRam: boolean;
  /** v4.18 and the RFCs check pages_correctly_probed() before onlining */
  probeCheck: boolean;
}

/**
 * online_pages(pfn, nr_pages, online_type): choose the zone, grow its span, initialise
 * the memmap, then free the System RAM pieces to the buddy allocator and mark their
 * sections online.
 */
function online_pages(k: Kernel, rules: OnlineRules, pfn: number, nrPages: number, type: OnlineType, nid: number): number {
  return k.tr.call('online_pages', () => `${hexPfn(pfn)}, ${nrPages}, ${mmop(type)}`, () => {
    const zi = zone_for_pfn_range(k, type, nid, pfn, nrPages);
    move_pfn_range_to_zone(k, nid, zi, pfn, nrPages);
    let onlined = 0;
    k.tr.call('walk_system_ram_range', () => `${hexPfn(pfn)}, ${nrPages}, online_pages_range`, () => {
      for (const piece of systemRamPieces(k, pfn, nrPages, rules.firstLevelSystemRam)) {
        k.tr.call('online_pages_range', () => `${hexPfn(piece.pfn)}, ${piece.nr}`, () => {
          onlined += piece.nr;
          online_mem_sections(k, piece.pfn, piece.pfn + piece.nr);
        });
      }
    });
    const z = k.zone(nid, zi);
    k.setZone(nid, zi, { presentPages: z.presentPages + onlined, managedPages: z.managedPages + onlined });
    k.setNode(nid, { presentPages: k.node(nid).presentPages + onlined, online: true });
    if (k.tr.enabled) k.tr.note(`${onlined} pages onlined into zone ${ZONE_NAMES[zi]}`);
    return 0;
  });
}

/**
 * Writing `type` to memoryN/state: store_mem_state() -> device_online() ->
 * memory_block_action(MEM_ONLINE). An already-online block makes device_online()
 * return 1, which the store turns into -EINVAL.
 */
export function memory_block_online(k: Kernel, rules: OnlineRules, id: number, type: OnlineType): number {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  return k.tr.call(k.v.source.tree === 'v5.5-rc5' ? 'state_store' : 'store_mem_state', () => `memory${id}, "${type}"`, () => {
    const st = blockState(k.sec, id, spb);
    if (st === BlockState.None) {
      if (k.tr.enabled) k.tr.note(`/sys/devices/system/memory/memory${id} does not exist`);
      return -ENOENT;
    }
    if (st !== BlockState.Offline) {
      if (k.tr.enabled) k.tr.decision('device_online(): dev->offline', `false (block is ${BLOCK_STATE_NAMES[st]}): returns 1, store returns -EINVAL`);
      return -EINVAL;
    }
    const startPfn = blockStartPfn(id, spb);
    const ret = k.tr.call('memory_block_action', () => `${pfnToSection(startPfn)}, MEM_ONLINE, ${mmop(type)}`, () => {
      if (rules.probeCheck && !pages_correctly_probed(k, startPfn)) return -EBUSY;
      return online_pages(k, rules, startPfn, spb * PAGES_PER_SECTION, type, blockNid(k.sec, id, spb));
    });
    if (ret === 0) setBlockState(k, id, BlockState.Online);
    return ret;
  });
}

/** memhp_auto_online: walk_memory_range(online_memory_block) -> device_online() with the default policy. */
export function onlineRangeBlocks(k: Kernel, start: number, size: number): void {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  for (let nr = pfnToSection(physToPfn(start)); nr < pfnToSection(physToPfn(start + size)); nr += spb) {
    k.v.online_block(k, nr / spb, 'online');
  }
}
