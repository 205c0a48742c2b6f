import { PAGES_PER_SECTION, sectionToPfn } from '../arch';
import { MAX_KERNEL_ZONE } from '../state/kernel-state';
import { Memmap, SEC_EARLY, SEC_PRESENT, hasBit, memmapOf, zoneOf } from '../state/section-bits';

interface Reader {
  sec: { get(nr: number): number };
  nodes: readonly { zones: readonly { startPfn: number; spannedPages: number }[] }[];
}

/**
 * The zones whose pages a section holds, as a bit mask (bit zi). Hot-added sections hold
 * one zone (their memmap records it); a boot section can straddle a zone boundary (16 MiB
 * lies inside section 0), so boot kernel zones whose spans cross it are counted too.
 */
function zoneMaskOfSection(k: Reader, nid: number, nr: number): number {
  const w = k.sec.get(nr);
  if (!hasBit(w, SEC_PRESENT)) return 0;
  let mask = memmapOf(w) === Memmap.Init ? 1 << zoneOf(w) : 0;
  if (hasBit(w, SEC_EARLY)) {
    const lo = sectionToPfn(nr);
    const hi = lo + PAGES_PER_SECTION;
    const node = k.nodes[nid];
    if (node) {
      for (let zi = 0; zi <= MAX_KERNEL_ZONE; zi++) {
        const z = node.zones[zi]!;
        if (z.spannedPages && z.startPfn < hi && z.startPfn + z.spannedPages > lo) mask |= 1 << zi;
      }
    }
  }
  return mask;
}

/**
 * test_pages_in_a_zone(start, end): the single zone all present pages of the range
 * belong to, or null when they span several. Only call it on initialised memmaps.
 */
export function singleZoneOfRange(k: Reader, nid: number, firstSection: number, count: number): number | null {
  let mask = 0;
  for (let nr = firstSection; nr < firstSection + count; nr++) {
    mask |= zoneMaskOfSection(k, nid, nr);
    if (mask & (mask - 1)) return null;
  }
  return mask ? 31 - Math.clz32(mask) : null;
}
