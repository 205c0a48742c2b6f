import { describe, expect, it } from 'vitest';
import { PAGES_PER_SECTION } from '../arch';
import { G, kernelOn } from '../../test-support/kernel-fixture';
import { ZONE_MOVABLE } from '../state/kernel-state';
import { Memmap, SEC_HAS_MEM_MAP, SEC_ONLINE, SEC_PRESENT, withMemmap } from '../state/section-bits';
import { SHRINK_V4_18, find_biggest_section_pfn, find_smallest_section_pfn, shrink_zone_span } from './span-shrink';
import { resize_pgdat_range, resize_zone_range } from './zone-grow';

const S = PAGES_PER_SECTION;
const B40 = 0x140000; // pfn of 5 GiB

/** Marks sections as hot-added memory of zone Movable, online or not, and sets the zone span. */
function movableSections(online: Record<number, boolean>, span: [number, number]) {
  const k = kernelOn([{ start: 0x100000, size: 4 * G }]);
  for (const [nr, on] of Object.entries(online)) {
    const bits = SEC_PRESENT | SEC_HAS_MEM_MAP | (on ? SEC_ONLINE : 0);
    k.sec.set(Number(nr), withMemmap(bits, Memmap.Init, ZONE_MOVABLE, 0));
  }
  k.setZone(0, ZONE_MOVABLE, { startPfn: span[0], spannedPages: span[1] - span[0] });
  return k;
}
const ONLINE_RULES = { ...SHRINK_V4_18, findFilter: 'online_section', zoneHoleFilter: 'online_section', pgdatHoleFilter: 'online_section' } as const;

describe('resize_zone_range / resize_pgdat_range', () => {
  it('starts an empty zone at the range and grows it both ways', () => {
    const k = kernelOn([{ start: 0x100000, size: 4 * G }]);
    resize_zone_range(k, 0, ZONE_MOVABLE, B40 + S, S);
    expect(k.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: B40 + S, spannedPages: S });
    resize_zone_range(k, 0, ZONE_MOVABLE, B40, S);
    expect(k.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: B40, spannedPages: 2 * S });
    resize_zone_range(k, 0, ZONE_MOVABLE, B40 + 4 * S, S);
    expect(k.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: B40, spannedPages: 5 * S });
  });

  it('grows the node end and keeps its start', () => {
    const k = kernelOn([{ start: 0x100000, size: 4 * G }]);
    const start = k.node(0).startPfn;
    resize_pgdat_range(k, 0, B40, S);
    expect(k.node(0).startPfn).toBe(start);
    expect(k.node(0).startPfn + k.node(0).spannedPages).toBe(B40 + S);
  });
});

describe('find_*_section_pfn and shrink_zone_span', () => {
  it('find_biggest returns the last pfn of the highest matching section, find_smallest the first', () => {
    const k = movableSections({ 40: true, 41: true, 42: true }, [B40, B40 + 3 * S]);
    expect(find_biggest_section_pfn(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40, B40 + 2 * S)).toBe(B40 + 2 * S - 1);
    expect(find_smallest_section_pfn(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + S, B40 + 3 * S)).toBe(B40 + S);
    expect(find_smallest_section_pfn(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + 3 * S, B40 + 5 * S)).toBe(0);
  });

  it('pulls in the start edge, the end edge, leaves a hole alone, and empties a zone with nothing left', () => {
    const k = movableSections({ 40: true, 41: true, 42: true }, [B40, B40 + 3 * S]);
    shrink_zone_span(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + S, B40 + 2 * S); // middle: hole
    expect(k.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: B40, spannedPages: 3 * S });
    shrink_zone_span(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40, B40 + S); // start edge
    expect(k.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: B40 + S, spannedPages: 2 * S });
    const lone = movableSections({ 42: true }, [B40 + 2 * S, B40 + 3 * S]);
    shrink_zone_span(lone, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + 2 * S, B40 + 3 * S);
    expect(lone.zone(0, ZONE_MOVABLE)).toMatchObject({ startPfn: 0, spannedPages: 0 });
  });

  it('valid_section scans see offline sections; online_section scans skip them (the RFC change)', () => {
    const valid = movableSections({ 40: true, 41: false, 42: true }, [B40, B40 + 3 * S]);
    shrink_zone_span(valid, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + 2 * S, B40 + 3 * S);
    expect(valid.zone(0, ZONE_MOVABLE).spannedPages).toBe(2 * S);
    const online = movableSections({ 40: true, 41: false, 42: true }, [B40, B40 + 3 * S]);
    shrink_zone_span(online, ONLINE_RULES, 0, ZONE_MOVABLE, B40 + 2 * S, B40 + 3 * S);
    expect(online.zone(0, ZONE_MOVABLE).spannedPages).toBe(S);
  });

  it('reads a poisoned memmap of a never-onlined section with valid_section scans: BUG under DEBUG_VM', () => {
    const k = movableSections({ 40: true, 42: true }, [B40, B40 + 3 * S]);
    k.sec.set(41, withMemmap(SEC_PRESENT | SEC_HAS_MEM_MAP, Memmap.Poisoned));
    expect(() => shrink_zone_span(k, SHRINK_V4_18, 0, ZONE_MOVABLE, B40 + 2 * S, B40 + 3 * S)).toThrow(/poisoned/);
    expect(k.findings.map((f) => f.code)).toEqual(['uninitialized-memmap-read', 'kernel-bug']);
  });
});
