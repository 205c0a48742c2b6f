import { pfnToPhys, pfnToSection, physToPfn, STRUCT_PAGE_SIZE, VMEMMAP_START } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { ZONE_NAMES } from '../state/kernel-state';
import { Memmap, memmapOf, nidOf, zoneOf } from '../state/section-bits';
import { hexPfn } from './fmt';

/** What a read of a never-initialised struct page yields without DEBUG_VM: bytes that match nothing. */
export const GARBAGE = -1;

/** The struct page address as %px prints it, for the kernel's dump_page() line. */
function structPageAddr(pfn: number): string {
  return (VMEMMAP_START + BigInt(pfn) * STRUCT_PAGE_SIZE).toString(16);
}

/** Whether pfn lies in the driver-reserved head of an altmap range, whose struct pages are never initialised. */
function inAltmapReserve(k: Kernel, pfn: number): boolean {
  for (const pg of k.pgmapsNow) {
    if (!pg.altmap || pg.altmap.reserve === 0) continue;
    const base = physToPfn(pg.resStart);
    if (pfn >= base && pfn < base + pg.altmap.reserve) return true;
  }
  return false;
}

/**
 * Reads the zone or node id out of pfn's struct page, as page_zone()/page_to_nid() do on
 * SPARSEMEM_VMEMMAP. A memmap that was never initialised is where the 2018 bug lives:
 * with DEBUG_VM it is poisoned and the read is a VM_BUG_ON; without, it is garbage.
 */
function readStructPage(k: Kernel, caller: string, accessor: 'page_zone' | 'page_to_nid', pfn: number, why: string): number {
  const nr = pfnToSection(pfn);
  const w = k.sec.get(nr);
  let state = memmapOf(w);
  if (state === Memmap.Init && inAltmapReserve(k, pfn)) state = k.cfg.debug_vm ? Memmap.Poisoned : Memmap.Uninit;
  const range = { start: pfnToPhys(pfn), end: pfnToPhys(pfn + 1) - 1 };
  if (state === Memmap.Init) return accessor === 'page_zone' ? zoneOf(w) : nidOf(w);
  if (state === Memmap.None) {
    k.bug(
      caller,
      `${caller}() called ${accessor}() on pfn ${hexPfn(pfn)}, whose section ${nr} has no memmap at all: the vmemmap is not mapped there, so the read faults and the kernel oopses.`,
      [`BUG: unable to handle kernel paging request at ${structPageAddr(pfn)}`, `Oops: 0000 [#1] SMP`, `RIP: ${caller}`],
      range,
    );
  }
  const never = `section ${nr} was hot-added (its memmap allocated by sparse_add_one_section()) but never onlined, so memmap_init_zone() never wrote zone and node into its struct pages`;
  k.finding(
    'uninitialized-memmap-read',
    caller,
    `${caller}() read the struct page of pfn ${hexPfn(pfn)} with ${accessor}() ${why}; ${never}. ${
      state === Memmap.Poisoned
        ? 'CONFIG_DEBUG_VM filled it with 0xff, so the flags decode to a nonexistent node and zone.'
        : 'Without DEBUG_VM its bytes are whatever the allocator left there.'
    }`,
    range,
  );
  if (state === Memmap.Poisoned) {
    k.bug(
      caller,
      `${accessor}() on a poisoned struct page (pfn ${hexPfn(pfn)}) trips VM_BUG_ON_PAGE(PagePoisoned(page)) in ${caller}(): the kernel BUGs.`,
      [
        `page:${structPageAddr(pfn)} is uninitialized and poisoned`,
        `page dumped because: VM_BUG_ON_PAGE(PagePoisoned(p))`,
        // page_to_nid() starts at mm.h:974 in v4.18.20; its PF_POISONED_CHECK is four lines in (derived, see docs/engine-notes.md)
        `kernel BUG at include/linux/mm.h:978!`,
      ],
      range,
    );
  }
  if (k.tr.enabled) k.tr.note(`${accessor}(pfn ${hexPfn(pfn)}) returned garbage: it matches no node and no zone`);
  return GARBAGE;
}

export function page_zone(k: Kernel, caller: string, pfn: number, why = ''): number {
  const z = readStructPage(k, caller, 'page_zone', pfn, why);
  if (k.tr.enabled) k.tr.decision(`page_zone(pfn_to_page(${hexPfn(pfn)}))`, z === GARBAGE ? 'garbage' : `zone ${ZONE_NAMES[z]}`);
  return z;
}

export function page_to_nid(k: Kernel, caller: string, pfn: number, why = ''): number {
  return readStructPage(k, caller, 'page_to_nid', pfn, why);
}
