import { pfnToSection, sectionToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { ZONE_NAMES, zoneEmpty, zoneEnd } from '../state/kernel-state';
import { SEC_ONLINE, hasBit, memmapOf, zoneOf, Memmap } from '../state/section-bits';
import { hexPfn } from './fmt';
import { initMemmap } from './sparse';

/** resize_zone_range(): the span only ever grows here. */
export function resize_zone_range(k: Kernel, nid: number, zi: number, startPfn: number, nrPages: number): void {
  k.tr.call('resize_zone_range', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    const z = k.zone(nid, zi);
    const oldEnd = zoneEnd(z);
    const start = zoneEmpty(z) || startPfn < z.startPfn ? startPfn : z.startPfn;
    k.setZone(nid, zi, { startPfn: start, spannedPages: Math.max(startPfn + nrPages, oldEnd) - start });
  });
}

/** resize_pgdat_range(): the same rule on the node, where "empty" means node_spanned_pages == 0. */
export function resize_pgdat_range(k: Kernel, nid: number, startPfn: number, nrPages: number): void {
  k.tr.call('resize_pgdat_range', () => `node ${nid}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    const n = k.node(nid);
    const oldEnd = n.startPfn + n.spannedPages;
    const start = n.spannedPages === 0 || startPfn < n.startPfn ? startPfn : n.startPfn;
    k.setNode(nid, { startPfn: start, spannedPages: Math.max(startPfn + nrPages, oldEnd) - start });
  });
}

export function clear_zone_contiguous(k: Kernel, nid: number, zi: number): void {
  k.tr.call('clear_zone_contiguous', () => `zone ${ZONE_NAMES[zi]}`, () => k.setZone(nid, zi, { contiguous: false }));
}

/**
 * set_zone_contiguous(): true only if every pageblock of the span is valid, online and
 * in this zone. It stops at the first failure, so a span with a hole costs little.
 */
export function set_zone_contiguous(k: Kernel, nid: number, zi: number): void {
  k.tr.call('set_zone_contiguous', () => `zone ${ZONE_NAMES[zi]}`, () => {
    const z = k.zone(nid, zi);
    if (zoneEmpty(z)) return;
    const end = zoneEnd(z);
    for (let nr = pfnToSection(z.startPfn); sectionToPfn(nr) < end; nr++) {
      const w = k.sec.get(nr);
      if (!hasBit(w, SEC_ONLINE) || memmapOf(w) !== Memmap.Init || zoneOf(w) !== zi) return;
    }
    k.setZone(nid, zi, { contiguous: true });
  });
}

/**
 * move_pfn_range_to_zone(): grows zone and node spans to cover the range and writes
 * (zone, nid) into its struct pages. Nothing here checks that the memory is usable:
 * that is why spans can cover memory that was never onlined.
 */
export function move_pfn_range_to_zone(k: Kernel, nid: number, zi: number, startPfn: number, nrPages: number, altmapNote = 'NULL'): void {
  k.tr.call('move_pfn_range_to_zone', () => `zone ${ZONE_NAMES[zi]} (node ${nid}), ${hexPfn(startPfn)}, ${nrPages}, altmap ${altmapNote}`, () => {
    const z = k.zone(nid, zi);
    if (zoneEmpty(z)) {
      k.tr.call('init_currently_empty_zone', () => `zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
        k.setZone(nid, zi, { startPfn });
      });
    }
    clear_zone_contiguous(k, nid, zi);
    resize_zone_range(k, nid, zi, startPfn, nrPages);
    resize_pgdat_range(k, nid, startPfn, nrPages);
    k.tr.call(k.v.source.tree === 'v6.12.118' ? 'memmap_init_range' : 'memmap_init_zone', () => `${nrPages}, nid ${nid}, zone ${ZONE_NAMES[zi]}, ${hexPfn(startPfn)}, MEMMAP_HOTPLUG`, () => {
      initMemmap(k, startPfn, nrPages, zi, nid);
      if (k.tr.enabled) k.tr.change('section', () => `struct pages of pfn ${hexPfn(startPfn)}..${hexPfn(startPfn + nrPages - 1)} initialised: zone ${ZONE_NAMES[zi]}, node ${nid}`);
    });
    set_zone_contiguous(k, nid, zi);
  });
}

/** zone_intersects(): a non-empty zone whose span overlaps the range. */
export function zone_intersects(k: Kernel, nid: number, zi: number, startPfn: number, nrPages: number): boolean {
  const z = k.zone(nid, zi);
  if (zoneEmpty(z)) return false;
  return startPfn < zoneEnd(z) && startPfn + nrPages > z.startPfn;
}

