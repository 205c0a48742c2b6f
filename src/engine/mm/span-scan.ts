import { pfnToSection, sectionToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { SEC_HAS_MEM_MAP, SEC_ONLINE, hasBit } from '../state/section-bits';

/**
 * Which sections a span scan looks at before it reads any struct page. This is the
 * line the RFC changed: valid_section() lets never-onlined memmaps be read,
 * online_section() / pfn_to_online_page() does not.
 */
export type SectionFilter = 'valid_section' | 'online_section' | 'pfn_to_online_page';

function passesFilter(k: Kernel, filter: SectionFilter, pfn: number): boolean {
  const w = k.sec.get(pfnToSection(pfn));
  return filter === 'valid_section' ? hasBit(w, SEC_HAS_MEM_MAP) : hasBit(w, SEC_ONLINE);
}

/**
 * Visits pfn = from, from+step, ... below `to` that pass the filter, in order, until
 * `visit` returns true; returns that pfn or null. Sections that fail the filter are
 * skipped whole (every pfn of a section shares its flags), so scanning a sparse
 * 2^46 address space is cheap while visiting exactly the pfns the kernel's loop reads.
 */
export function scanUp(k: Kernel, filter: SectionFilter, from: number, to: number, step: number, visit: (pfn: number) => boolean): number | null {
  let pfn = from;
  while (pfn < to) {
    const nr = pfnToSection(pfn);
    if (!passesFilter(k, filter, pfn)) {
      const next = k.sec.nextNonZero(nr + 1, pfnToSection(to - 1) + 1);
      const target = next < 0 ? to : sectionToPfn(next);
      pfn = firstLatticeAtOrAbove(from, step, target);
      continue;
    }
    if (visit(pfn)) return pfn;
    pfn += step;
  }
  return null;
}

/** Visits pfn = from, from-step, ... down to `to` (inclusive) that pass the filter. */
export function scanDown(k: Kernel, filter: SectionFilter, from: number, to: number, step: number, visit: (pfn: number) => boolean): number | null {
  let pfn = from;
  while (pfn >= to && pfn >= 0) {
    if (!passesFilter(k, filter, pfn)) {
      const nr = pfnToSection(pfn);
      const prev = nr > 0 ? k.sec.prevNonZero(nr - 1, pfnToSection(Math.max(to, 0))) : -1;
      // the highest lattice point at or below the end of the next section that may pass
      const target = prev < 0 ? to - 1 : sectionToPfn(prev + 1) - 1;
      pfn = pfn - Math.ceil((pfn - target) / step) * step;
      continue;
    }
    if (visit(pfn)) return pfn;
    pfn -= step;
  }
  return null;
}

function firstLatticeAtOrAbove(from: number, step: number, target: number): number {
  if (target <= from) return from;
  return from + Math.ceil((target - from) / step) * step;
}

