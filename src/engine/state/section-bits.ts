/**
 * One 32-bit word per sparsemem section. Memory-block fields live in the word of the
 * block's first section, so a snapshot of the whole 2^19-section space is one
 * persistent array and a step that touches one block copies a few KiB.
 */
export const SEC_PRESENT = 1 << 0; // SECTION_MARKED_PRESENT
export const SEC_HAS_MEM_MAP = 1 << 1; // SECTION_HAS_MEM_MAP (valid_section)
export const SEC_ONLINE = 1 << 2; // SECTION_IS_ONLINE
export const SEC_EARLY = 1 << 3; // boot memory (SECTION_IS_EARLY in v5.5)
/** counted in its memory block's section_count (hotplug_memory_register / create_memory_block_devices) */
export const SEC_IN_BLOCK = 1 << 4;
/**
 * In a memory block's first section: the block carries its own memmap (mem->altmap, v6.12's
 * memmap_on_memory), memory_block_memmap_on_memory_pages() pages at its start.
 */
export const SEC_BLOCK_ALTMAP = 1 << 24;
/**
 * In the first section of the range one add_memory() call added (v6.12): the start of its
 * static memory group (memory_group_register_static(): an ACPI DIMM, a kmem device). The
 * group runs over the hot-added blocks that follow, up to the next group's start.
 */
export const SEC_GROUP_START = 1 << 25;

export const enum Memmap {
  None = 0,
  /** allocated but never written: whatever bytes were there */
  Uninit = 1,
  /** memset to 0xff by CONFIG_DEBUG_VM: page_to_nid() on it is a VM_BUG_ON */
  Poisoned = 2,
  /** memmap_init_zone() wrote zone and nid into every struct page */
  Init = 3,
}

export const enum BlockState {
  None = 0,
  Offline = 1,
  Online = 2,
  GoingOffline = 3,
}

const MEMMAP_SHIFT = 5; // 2 bits
const ZONE_SHIFT = 7; // 3 bits
const NID_SHIFT = 10; // 6 bits
const BLOCK_STATE_SHIFT = 16; // 2 bits
const BLOCK_NID_SHIFT = 18; // 6 bits

export const memmapOf = (w: number): Memmap => ((w >>> MEMMAP_SHIFT) & 3) as Memmap;
export const zoneOf = (w: number): number => (w >>> ZONE_SHIFT) & 7;
export const nidOf = (w: number): number => (w >>> NID_SHIFT) & 63;
export const blockStateOf = (w: number): BlockState => ((w >>> BLOCK_STATE_SHIFT) & 3) as BlockState;
export const blockNidOf = (w: number): number => (w >>> BLOCK_NID_SHIFT) & 63;

export const withMemmap = (w: number, m: Memmap, zone = 0, nid = 0): number =>
  ((w & ~((3 << MEMMAP_SHIFT) | (7 << ZONE_SHIFT) | (63 << NID_SHIFT))) |
    (m << MEMMAP_SHIFT) |
    (zone << ZONE_SHIFT) |
    (nid << NID_SHIFT)) >>>
  0;

export const withBlock = (w: number, state: BlockState, nid: number): number =>
  ((w & ~((3 << BLOCK_STATE_SHIFT) | (63 << BLOCK_NID_SHIFT))) | (state << BLOCK_STATE_SHIFT) | (nid << BLOCK_NID_SHIFT)) >>>
  0;

export const hasBit = (w: number, bit: number): boolean => (w & bit) !== 0;
export const setBits = (w: number, bits: number): number => (w | bits) >>> 0;
export const clearBits = (w: number, bits: number): number => (w & ~bits) >>> 0;
