import { NR_MEM_SECTIONS, pfnToSection, sectionToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { Memmap, SEC_HAS_MEM_MAP, SEC_IN_BLOCK, SEC_ONLINE, SEC_PRESENT, clearBits, hasBit, setBits, withMemmap } from '../state/section-bits';
import { hexPfn } from './fmt';

export const present_section_nr = (k: Kernel, nr: number): boolean => hasBit(k.sec.get(nr), SEC_PRESENT);
/** valid_section(): the section has a memmap, initialised or not */
export const valid_section_nr = (k: Kernel, nr: number): boolean => hasBit(k.sec.get(nr), SEC_HAS_MEM_MAP);
export const online_section_nr = (k: Kernel, nr: number): boolean => hasBit(k.sec.get(nr), SEC_ONLINE);
/** pfn_valid() on x86_64 SPARSEMEM_VMEMMAP: "if (pfn_to_section_nr(pfn) >= NR_MEM_SECTIONS) return 0;" first */
export const pfn_valid = (k: Kernel, pfn: number): boolean => pfnToSection(pfn) < NR_MEM_SECTIONS && valid_section_nr(k, pfnToSection(pfn));

/** What sparse_add_one_section()/sparse_add_section() leave in a new memmap. */
function freshMemmap(k: Kernel): Memmap {
  return k.cfg.debug_vm ? Memmap.Poisoned : Memmap.Uninit;
}

/**
 * Marks one section present with a memmap that nobody has initialised yet
 * (page_init_poison() with DEBUG_VM). The caller has checked it was absent.
 */
export function activateSection(k: Kernel, nr: number, nid: number): void {
  const before = k.sec.get(nr);
  const w = withMemmap(setBits(before, SEC_PRESENT | SEC_HAS_MEM_MAP), freshMemmap(k), 0, nid);
  k.sec.set(nr, w);
  if (k.tr.enabled) k.tr.change(
    'section',
    `section ${nr} (pfn ${hexPfn(sectionToPfn(nr))}): present, has memmap (${k.cfg.debug_vm ? 'poisoned 0xff by DEBUG_VM' : 'never initialised'})`,
  );
}

/** sparse_remove_one_section()/section_deactivate(): section_mem_map goes to 0 and the memmap is freed. */
export function deactivateSection(k: Kernel, nr: number): void {
  const before = k.sec.get(nr);
  k.sec.set(nr, withMemmap(clearBits(before, SEC_PRESENT | SEC_HAS_MEM_MAP | SEC_ONLINE | SEC_IN_BLOCK), Memmap.None));
  if (k.tr.enabled) k.tr.change('section', () => `section ${nr} (pfn ${hexPfn(sectionToPfn(nr))}): removed, memmap freed`);
}

/** online_mem_sections(): SECTION_IS_ONLINE on every valid section of the range. */
export function online_mem_sections(k: Kernel, startPfn: number, endPfn: number): void {
  k.tr.call('online_mem_sections', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    for (let nr = pfnToSection(startPfn); sectionToPfn(nr) < endPfn; nr++) {
      if (!valid_section_nr(k, nr)) {
        if (k.tr.enabled) k.tr.note(`WARN_ON(!valid_section): section ${nr} skipped`);
        continue;
      }
      if (!online_section_nr(k, nr)) {
        k.sec.update(nr, (w) => setBits(w, SEC_ONLINE));
        if (k.tr.enabled) k.tr.change('section', () => `section ${nr}: SECTION_IS_ONLINE set`);
      }
    }
  });
}

/** offline_mem_sections(): clears SECTION_IS_ONLINE. */
export function offline_mem_sections(k: Kernel, startPfn: number, endPfn: number): void {
  k.tr.call('offline_mem_sections', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    for (let nr = pfnToSection(startPfn); sectionToPfn(nr) < endPfn; nr++) {
      if (!valid_section_nr(k, nr)) continue;
      if (online_section_nr(k, nr)) {
        k.sec.update(nr, (w) => clearBits(w, SEC_ONLINE));
        if (k.tr.enabled) k.tr.change('section', () => `section ${nr}: SECTION_IS_ONLINE cleared`);
      }
    }
  });
}

/** memmap_init_zone(): every struct page of the range now records (zone, nid). */
export function initMemmap(k: Kernel, startPfn: number, nrPages: number, zi: number, nid: number): void {
  const endPfn = startPfn + nrPages;
  for (let nr = pfnToSection(startPfn); sectionToPfn(nr) < endPfn; nr++) {
    const w = k.sec.get(nr);
    if (!hasBit(w, SEC_HAS_MEM_MAP)) continue;
    k.sec.set(nr, withMemmap(w, Memmap.Init, zi, nid));
  }
}
