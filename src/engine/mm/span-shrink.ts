import { PAGES_PER_SECTION } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { ZONE_DEVICE, ZONE_NAMES, zoneEnd } from '../state/kernel-state';
import { hexPfn } from './fmt';
import { GARBAGE, page_to_nid, page_zone } from './page';
import { type SectionFilter, scanDown, scanUp } from './span-scan';

/**
 * The span-shrinking algorithm of each kernel, as data: the RFC's whole point was to
 * change `filter` (and where the shrink runs); v5.5 also steps by sub-section and
 * skips the whole removed range in the hole scan.
 */
export interface ShrinkRules {
  findFilter: SectionFilter;
  zoneHoleFilter: SectionFilter;
  pgdatHoleFilter: SectionFilter;
  step: number;
  /** v5.5: the hole scan skips [start, end) rather than only pfn == start */
  holeScanSkipsRange: boolean;
  /**
   * v5.5's early return for ZONE_DEVICE in remove_pfn_range_from_zone(), taken into a 2018
   * kernel by the device_span switch: the shrink of a Device zone range returns at once.
   */
  keepsDeviceSpans?: boolean;
}

/** The device_span switch's early return: true (and traced) when `r` keeps this zone's spans. */
export function keepsDeviceSpan(k: Kernel, r: ShrinkRules, zi: number): boolean {
  if (!r.keepsDeviceSpans || zi !== ZONE_DEVICE) return false;
  if (k.tr.enabled) k.tr.decision('zone_idx(zone) == ZONE_DEVICE', 'true: return, the Device zone keeps its spans (as v5.5\u2019s remove_pfn_range_from_zone())');
  return true;
}

export const SHRINK_V4_18: ShrinkRules = {
  findFilter: 'valid_section',
  zoneHoleFilter: 'valid_section',
  pgdatHoleFilter: 'valid_section',
  step: PAGES_PER_SECTION,
  holeScanSkipsRange: false,
};

/** pfn_to_nid(pfn) != nid, reading the struct page as x86_64 SPARSEMEM_VMEMMAP does */
function nidMatches(k: Kernel, caller: string, pfn: number, nid: number): boolean {
  const got = page_to_nid(k, caller, pfn, 'to compare its node');
  return got !== GARBAGE && got === nid;
}

function zoneMatches(k: Kernel, caller: string, pfn: number, zi: number): boolean {
  const got = page_zone(k, caller, pfn, 'to compare its zone');
  return got !== GARBAGE && got === zi;
}

/** find_smallest_section_pfn(nid, zone, start, end); zone null means any zone of the node. Returns 0 when none. */
export function find_smallest_section_pfn(k: Kernel, r: ShrinkRules, nid: number, zi: number | null, startPfn: number, endPfn: number): number {
  return k.tr.call('find_smallest_section_pfn', () => `nid ${nid}, ${zi === null ? 'NULL' : `zone ${ZONE_NAMES[zi]}`}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const fn = 'find_smallest_section_pfn';
    const hit = scanUp(k, r.findFilter, startPfn, endPfn, r.step, (pfn) => nidMatches(k, fn, pfn, nid) && (zi === null || zoneMatches(k, fn, pfn, zi)));
    return hit ?? 0;
  }, hexPfn);
}

export function find_biggest_section_pfn(k: Kernel, r: ShrinkRules, nid: number, zi: number | null, startPfn: number, endPfn: number): number {
  return k.tr.call('find_biggest_section_pfn', () => `nid ${nid}, ${zi === null ? 'NULL' : `zone ${ZONE_NAMES[zi]}`}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const fn = 'find_biggest_section_pfn';
    const hit = scanDown(k, r.findFilter, endPfn - 1, startPfn, r.step, (pfn) => nidMatches(k, fn, pfn, nid) && (zi === null || zoneMatches(k, fn, pfn, zi)));
    return hit ?? 0;
  }, hexPfn);
}

/**
 * shrink_zone_span(zone, start, end): pulls in whichever edge [start, end) sat on, then
 * (with the OLD span) looks for any other section of the zone; if none, the zone is emptied.
 */
export function shrink_zone_span(k: Kernel, r: ShrinkRules, nid: number, zi: number, startPfn: number, endPfn: number): void {
  k.tr.call('shrink_zone_span', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const z = k.zone(nid, zi);
    const zoneStart = z.startPfn;
    const zEnd = zoneEnd(z);
    if (zoneStart === startPfn) {
      if (k.tr.enabled) k.tr.decision('zone_start_pfn == start_pfn', 'true: the range is the zone\'s first');
      const pfn = find_smallest_section_pfn(k, r, nid, zi, endPfn, zEnd);
      if (pfn) k.setZone(nid, zi, { startPfn: pfn, spannedPages: zEnd - pfn });
    } else if (zEnd === endPfn) {
      if (k.tr.enabled) k.tr.decision('zone_end_pfn == end_pfn', 'true: the range is the zone\'s last');
      const pfn = find_biggest_section_pfn(k, r, nid, zi, zoneStart, startPfn);
      if (pfn) k.setZone(nid, zi, { spannedPages: pfn - zoneStart + 1 });
    }
    const fn = 'shrink_zone_span';
    const other = scanUp(k, r.zoneHoleFilter, zoneStart, zEnd, r.step, (pfn) => {
      if (r.holeScanSkipsRange && pfn >= startPfn && pfn < endPfn) return false;
      if (!zoneMatches(k, fn, pfn, zi)) return false;
      return r.holeScanSkipsRange || pfn !== startPfn;
    });
    if (other !== null) {
      if (k.tr.enabled) k.tr.decision(`another ${r.zoneHoleFilter} section of the zone remains`, `yes, at pfn ${hexPfn(other)}: the span keeps what the edges gave`, 'shrink.hole-scan');
      return;
    }
    if (k.tr.enabled) k.tr.decision(`another ${r.zoneHoleFilter} section of the zone remains`, 'none: the zone becomes empty', 'shrink.hole-scan');
    k.setZone(nid, zi, { startPfn: 0, spannedPages: 0 });
  });
}

/** shrink_pgdat_span(pgdat, start, end): the same on the node, comparing only node ids. */
export function shrink_pgdat_span(k: Kernel, r: ShrinkRules, nid: number, startPfn: number, endPfn: number): void {
  k.tr.call('shrink_pgdat_span', () => `node ${nid}, ${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const n = k.node(nid);
    const nodeStart = n.startPfn;
    const nEnd = n.startPfn + n.spannedPages;
    if (nodeStart === startPfn) {
      const pfn = find_smallest_section_pfn(k, r, nid, null, endPfn, nEnd);
      if (pfn) k.setNode(nid, { startPfn: pfn, spannedPages: nEnd - pfn });
    } else if (nEnd === endPfn) {
      const pfn = find_biggest_section_pfn(k, r, nid, null, nodeStart, startPfn);
      if (pfn) k.setNode(nid, { spannedPages: pfn - nodeStart + 1 });
    }
    const fn = 'shrink_pgdat_span';
    const other = scanUp(k, r.pgdatHoleFilter, nodeStart, nEnd, r.step, (pfn) => nidMatches(k, fn, pfn, nid) && pfn !== startPfn);
    if (other !== null) return;
    if (k.tr.enabled) k.tr.decision(`another ${r.pgdatHoleFilter} section of the node remains`, 'none: the node span becomes empty');
    k.setNode(nid, { startPfn: 0, spannedPages: 0 });
  });
}
