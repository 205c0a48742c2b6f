import { NR_MEM_SECTIONS, pfnToPhys, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { BlockState, SEC_IN_BLOCK, hasBit } from '../state/section-bits';
import { type AdjustableRules, release_mem_region_adjustable } from '../resource/release';
import { hashx, pa } from './fmt';
import { GARBAGE, page_to_nid } from './page';
import { blockIdOfSection, blockState, dropSectionFromBlock, sectionsPerBlock } from './memory-block';
import { deactivateSection, present_section_nr } from './sparse';

/**
 * walk_memory_range(check_memblock_offlined_cb): the first block of the range that is
 * still online, as the [start, end] the warning prints, or null. Only sections below the
 * top of the address space are looked at; whether a kernel would read past it is the
 * caller's to say (refuseBeyondMemSection).
 */
export function firstOnlineBlock(k: Kernel, start: number, size: number): { start: number; end: number } | null {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const first = pfnToSection(physToPfn(start));
  const last = Math.min(pfnToSection(physToPfn(start + size) - 1), NR_MEM_SECTIONS - 1);
  for (let nr = first; nr <= last; nr++) {
    const id = blockIdOfSection(nr, spb);
    const st = blockState(k.sec, id, spb);
    if (st === BlockState.Online || st === BlockState.GoingOffline) {
      const s = pfnToPhys(sectionToPfn(id * spb));
      return { start: s, end: s + k.blockSizeBytes - 1 };
    }
  }
  return null;
}

export function warnOnlined(k: Kernel, r: { start: number; end: number }): void {
  k.printk(`removing memory fails, because memory [${pa(r.start)}-${pa(r.end)}] is onlined`);
}

/**
 * unregister_memory_section() -> remove_memory_section() (v4.18 and the 2018 RFCs):
 * drop the section from its block. unregister_mem_sect_under_nodes() finds the nodes
 * to unlink by get_nid_for_pfn() on every pfn of the section, which reads struct
 * pages; RFC v3's "Rework unregister_mem_sect_under_nodes" passes the nid down instead
 * (`nid` non-null) and only removes the two sysfs links.
 */
export function unregister_memory_section(k: Kernel, nr: number, nid: number | null = null): number {
  return k.tr.call('unregister_memory_section', () => `${nid === null ? '' : `nid ${nid}, `}section ${nr}`, () => {
    if (!present_section_nr(k, nr)) return -22;
    if (!hasBit(k.sec.get(nr), SEC_IN_BLOCK)) {
      if (k.tr.enabled) k.tr.note('find_memory_block(): none (added without want_memblock): nothing to unregister');
      return 0;
    }
    if (nid !== null) {
      k.tr.call('unregister_mem_sect_under_nodes', () => `nid ${nid}, memory${blockIdOfSection(nr, sectionsPerBlock(k.blockSizeBytes))}`, () => {
        if (k.tr.enabled) k.tr.note(`sysfs_remove_link() twice, between node${nid} and the block: the nid came from the caller, no struct page is read`);
      });
    } else {
      k.tr.call('unregister_mem_sect_under_nodes', () => `section ${nr}`, () => {
        const pageNid = page_to_nid(k, 'unregister_mem_sect_under_nodes', sectionToPfn(nr), 'through get_nid_for_pfn() to find the node symlink to remove');
        if (pageNid === GARBAGE) k.tr.note('node_online(garbage nid) is false: the symlink is left behind');
      });
    }
    dropSectionFromBlock(k, nr);
    return 0;
  });
}

/** sparse_remove_one_section(): section_mem_map = 0, memmap and usemap freed. */
export function sparse_remove_one_section(k: Kernel, nr: number, nodeNote: string): void {
  k.tr.call('sparse_remove_one_section', () => `${nodeNote}, section ${nr}`, () => deactivateSection(k, nr));
}


/**
 * __release_memory_resource() (d9eb1417c77d, v5.2): remove_memory() releases the resource
 * after arch_remove_memory(), once the sections are gone, instead of __remove_pages().
 */
export function __release_memory_resource(k: Kernel, rules: AdjustableRules, start: number, size: number): void {
  k.tr.call('__release_memory_resource', () => `${hashx(start)}, ${hashx(size)}`, () => {
    const ret = release_mem_region_adjustable(k, rules, start, size, '__release_memory_resource');
    if (ret) k.printk(`Unable to release resource <${pa(start)}-${pa(start + size - 1)}> (${ret})`);
  });
}
