/**
 * memmap_on_memory as v6.12 has it (mm/memory_hotplug.c, drivers/base/memory.c): a hot-added
 * memory block may hold its own struct pages in its first pages (mem->altmap). Those pages
 * join the block's zone when it is onlined and count in present_pages, never in managed_pages
 * (they are never freed to the buddy allocator), and leave with the block.
 */
import { PAGE_SIZE, PAGEBLOCK_NR_PAGES, PAGES_PER_SECTION } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { blockFirstSection, sectionsPerBlock } from '../mm/memory-block';
import { hexPfn } from '../mm/fmt';
import { offline_mem_sections, online_mem_sections } from '../mm/sparse';
import { move_pfn_range_to_zone } from '../mm/zone-grow';
import { ZONE_NAMES } from '../state/kernel-state';
import { SEC_BLOCK_ALTMAP, clearBits, hasBit, setBits } from '../state/section-bits';

const STRUCT_PAGE_SIZE = 64;
/** PMD_SIZE on x86_64: the default arch_supports_memmap_on_memory() wants whole PMDs */
const PMD_SIZE = 2 * 2 ** 20;

/** memory_block_memmap_on_memory_pages() (not the "force" mode): PFN_UP of the block's memmap. */
export function memmapPagesPerBlock(blockSizeBytes: number): number {
  return Math.ceil(((blockSizeBytes / PAGE_SIZE) * STRUCT_PAGE_SIZE) / PAGE_SIZE);
}

/**
 * mhp_supports_memmap_on_memory(): the option is on and one block's memmap fills whole pages,
 * whole pageblocks and whole PMDs without taking the whole block. The reason is null when it
 * qualifies.
 */
export function mhp_supports_memmap_on_memory(k: Kernel): string | null {
  return k.tr.call('mhp_supports_memmap_on_memory', () => '', () => {
    const blockPages = k.blockSizeBytes / PAGE_SIZE;
    const vmemmapSize = blockPages * STRUCT_PAGE_SIZE;
    const memmapPages = memmapPagesPerBlock(k.blockSizeBytes);
    let why: string | null = null;
    if (!k.cfg.memmap_on_memory) why = 'mhp_memmap_on_memory() is false: memory_hotplug.memmap_on_memory is off (config.memmap_on_memory)';
    else if (vmemmapSize % PAGE_SIZE) why = `the block's memmap (${vmemmapSize} bytes) is not a whole number of pages`;
    else if (memmapPages % PAGEBLOCK_NR_PAGES) why = `the block's memmap (${memmapPages} pages) is not a whole number of ${PAGEBLOCK_NR_PAGES}-page pageblocks`;
    else if (memmapPages === blockPages) why = 'the memmap would take the whole block';
    else if (vmemmapSize % PMD_SIZE) why = `arch_supports_memmap_on_memory(): the block's memmap (${vmemmapSize} bytes) does not fill whole 2 MiB PMDs`;
    if (k.tr.enabled) {
      k.tr.decision(
        'memmap_on_memory && IS_ALIGNED(vmemmap_size, PAGE_SIZE) && pageblock_aligned(memmap_pages) && memmap_pages != block pages && IS_ALIGNED(vmemmap_size, PMD_SIZE)',
        why ?? `true: each ${k.blockSizeBytes / 2 ** 20} MiB block keeps its memmap in its first ${memmapPages} pages (${vmemmapSize / 2 ** 20} MiB)`,
      );
    }
    return why;
  }, (why) => (why === null ? 'true' : 'false'));
}

/** mem->altmap: whether block `id` holds its own memmap. */
export function blockHasAltmap(k: Kernel, id: number): boolean {
  return hasBit(k.sec.get(blockFirstSection(id, sectionsPerBlock(k.blockSizeBytes))), SEC_BLOCK_ALTMAP);
}

/** The memmap pages at the start of block `id`: 0 when it has no altmap. */
export function blockVmemmapPages(k: Kernel, id: number): number {
  return blockHasAltmap(k, id) ? memmapPagesPerBlock(k.blockSizeBytes) : 0;
}

export function setBlockAltmap(k: Kernel, id: number, on: boolean): void {
  const first = blockFirstSection(id, sectionsPerBlock(k.blockSizeBytes));
  k.sec.update(first, (w) => (on ? setBits(w, SEC_BLOCK_ALTMAP) : clearBits(w, SEC_BLOCK_ALTMAP)));
  if (k.tr.enabled) k.tr.change('block', () => `memory${id}: ${on ? `its memmap lives in its first ${memmapPagesPerBlock(k.blockSizeBytes)} pages (mem->altmap)` : 'altmap freed'}`);
}

/** adjust_present_page_count(): zone and node present pages; managed pages are not touched. */
export function adjust_present_page_count(k: Kernel, nid: number, zi: number, pfn: number, delta: number): void {
  k.tr.call('adjust_present_page_count', () => `pfn ${hexPfn(pfn)}, ${delta}`, () => {
    k.setZone(nid, zi, { presentPages: k.zone(nid, zi).presentPages + delta });
    k.setNode(nid, { presentPages: k.node(nid).presentPages + delta });
  });
}

/** mhp_init_memmap_on_memory(): the memmap pages join the zone (span and struct pages) but not the buddy. */
export function mhp_init_memmap_on_memory(k: Kernel, nid: number, zi: number, pfn: number, nrPages: number): void {
  k.tr.call('mhp_init_memmap_on_memory', () => `${hexPfn(pfn)}, ${nrPages}, zone ${ZONE_NAMES[zi]}`, () => {
    move_pfn_range_to_zone(k, nid, zi, pfn, nrPages);
    if (k.tr.enabled) k.tr.note(`SetPageVmemmapSelfHosted on pfn ${hexPfn(pfn)}..${hexPfn(pfn + nrPages - 1)}: present, never given to the buddy allocator`);
    if (nrPages >= PAGES_PER_SECTION) online_mem_sections(k, pfn, Math.floor((pfn + nrPages) / PAGES_PER_SECTION) * PAGES_PER_SECTION);
  });
}

/** mhp_deinit_memmap_on_memory(): take the memmap pages out of their zone again. */
export function mhp_deinit_memmap_on_memory(k: Kernel, pfn: number, nrPages: number, removeFromZone: (pfn: number, nr: number) => void): void {
  k.tr.call('mhp_deinit_memmap_on_memory', () => `${hexPfn(pfn)}, ${nrPages}`, () => {
    if (nrPages >= PAGES_PER_SECTION) offline_mem_sections(k, pfn, Math.floor((pfn + nrPages) / PAGES_PER_SECTION) * PAGES_PER_SECTION);
    removeFromZone(pfn, nrPages);
  });
}
