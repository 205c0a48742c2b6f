/**
 * x86_64 with 4 KiB pages and 4-level paging (arch/x86/include/asm/sparsemem.h,
 * arch/x86/mm/init_64.c). Everything is in pfns unless a name says Bytes.
 */
const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
const SECTION_SIZE_BITS = 27;
const PFN_SECTION_SHIFT = SECTION_SIZE_BITS - PAGE_SHIFT;
export const PAGES_PER_SECTION = 2 ** PFN_SECTION_SHIFT;
export const SECTION_SIZE_BYTES = 2 ** SECTION_SIZE_BITS;
export const MAX_PHYSMEM_BITS = 46;
export const NR_MEM_SECTIONS = 2 ** (MAX_PHYSMEM_BITS - SECTION_SIZE_BITS);
export const MAX_PHYS_ADDR = 2 ** MAX_PHYSMEM_BITS;
/** v5.3+ sub-sections: 2 MiB */
export const PAGES_PER_SUBSECTION = 512;
export const PAGEBLOCK_NR_PAGES = 512;
export const MIN_MEMORY_BLOCK_SIZE = SECTION_SIZE_BYTES;
/** MAX_DMA_PFN and MAX_DMA32_PFN: 16 MiB and 4 GiB */
export const MAX_DMA_PFN = 0x1000;
export const MAX_DMA32_PFN = 0x100000;
export const MAX_NUMNODES = 64;
/** vmemmap base of the 4-level layout: struct page addresses in "page:%px" lines */
export const VMEMMAP_START = 0xffffea0000000000n;
export const STRUCT_PAGE_SIZE = 64n;
/** The iomem root spans 0..~0 ("PCI mem"); only its end matters, for bounds checks and padding. */
export const IOMEM_ROOT_END = 2 ** 64 - 1;

export const pfnToSection = (pfn: number): number => Math.floor(pfn / PAGES_PER_SECTION);
export const sectionToPfn = (nr: number): number => nr * PAGES_PER_SECTION;
export const physToPfn = (addr: number): number => Math.floor(addr / PAGE_SIZE);
/** PFN_UP(): the first whole page at or above addr */
export const pfnUp = (addr: number): number => Math.ceil(addr / PAGE_SIZE);
export const pfnToPhys = (pfn: number): number => pfn * PAGE_SIZE;

/**
 * probe_memory_block_size(): 128 MiB below 64 GiB of boot memory, else the largest
 * power of two from 2 GiB down that divides the end of boot memory.
 */
export function probeMemoryBlockSize(bootMemEndBytes: number): number {
  if (bootMemEndBytes < 64 * 2 ** 30) return MIN_MEMORY_BLOCK_SIZE;
  for (let bz = 2 ** 31; bz > MIN_MEMORY_BLOCK_SIZE; bz /= 2) {
    if (bootMemEndBytes % bz === 0) return bz;
  }
  return MIN_MEMORY_BLOCK_SIZE;
}
