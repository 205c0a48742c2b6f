import { PAGE_SIZE, physToPfn, SECTION_SIZE_BYTES } from '../arch';
import { EINVAL, ENOMEM, ENXIO, errStr } from '../errno';
import type { Altmap } from '../mm/add-memory';
import { altmapStr } from '../mm/add-memory';
import { hashx, pR } from '../mm/fmt';
import { IORESOURCE_SYSTEM_RAM } from '../resource/flags';
import { REGION_INTERSECTS, REGION_MIXED, region_intersects, regionName } from '../resource/release';
import type { Kernel } from '../kernel/kernel';
import type { Pgmap, PgmapType } from '../state/kernel-state';
import type { DevmPagemapRequest } from '../kernel/kernel';

/** The section-aligned range devm_memremap_pages() hot-adds around the driver's resource. */
export function alignedRange(start: number, size: number): { alignStart: number; alignSize: number } {
  const alignStart = Math.floor(start / SECTION_SIZE_BYTES) * SECTION_SIZE_BYTES;
  const alignEnd = Math.ceil((start + size) / SECTION_SIZE_BYTES) * SECTION_SIZE_BYTES;
  return { alignStart, alignSize: alignEnd - alignStart };
}

export function pgmapAltmap(pg: Pgmap): Altmap | null {
  return pg.altmap ? { ...pg.altmap, basePfn: physToPfn(pg.resStart) } : null;
}

export interface MemremapHooks {
  /** the arch_add_memory + move_pfn_range_to_zone (or add_device_memory) part */
  add(k: Kernel, pg: Pgmap): number;
  /** the arch_remove_memory (or del_device_memory) part of the release */
  remove(k: Kernel, pg: Pgmap): void;
  fnAdd: string;
  fnRelease: string;
}

/**
 * devm_memremap_pages(dev, pgmap) in the v4.18 shape: it requests no resource itself
 * (the driver owns one), refuses System RAM, and hot-adds the section-aligned range
 * into ZONE_DEVICE without memory block devices.
 */
export function devmMemremapPages(k: Kernel, hooks: MemremapHooks, req: DevmPagemapRequest, type: PgmapType = 'fsdax'): number {
  return k.tr.call(hooks.fnAdd, () => `${req.dev}, res ${pR(req.start, req.start + req.size - 1)}, altmap ${req.altmap ? `{reserve ${req.altmap.reserve}, free ${req.altmap.free}}` : 'NULL'}`, () => {
    const { alignStart, alignSize } = alignedRange(req.start, req.size);
    const alignEnd = alignStart + alignSize - 1;
    const clash = k.pgmaps.find((p) => p.alignStart <= alignEnd && p.alignStart + p.alignSize - 1 >= alignStart);
    if (clash) {
      k.printk(`${req.dev}: Conflicting mapping in same section`);
      return -ENOMEM;
    }
    const r = region_intersects(k, alignStart, alignSize, IORESOURCE_SYSTEM_RAM, 0);
    if (k.tr.enabled) k.tr.decision(`region_intersects(${pR(alignStart, alignEnd)}, IORESOURCE_SYSTEM_RAM)`, regionName(r));
    if (r === REGION_MIXED) {
      k.printk(`${hooks.fnAdd} attempted on mixed region ${pR(req.start, req.start + req.size - 1)}`);
      return -ENXIO;
    }
    if (r === REGION_INTERSECTS) {
      if (k.tr.enabled) k.tr.note('the range is already System RAM: return its direct-map address without adding anything');
      return 0;
    }
    if (req.altmap && req.altmap.reserve + req.altmap.free > req.size / PAGE_SIZE) return -EINVAL;
    const pg: Pgmap = {
      dev: req.dev,
      nid: req.nid,
      resStart: req.start,
      resEnd: req.start + req.size - 1,
      alignStart,
      alignSize,
      altmap: req.altmap,
      type,
      api: hooks.fnAdd === 'memremap_pages' ? 'memremap_pages' : 'devm_memremap_pages',
    };
    k.pgmaps.push(pg);
    const ret = hooks.add(k, pg);
    if (ret) {
      k.pgmaps.pop();
      return ret;
    }
    if (k.tr.enabled) k.tr.change('devres', `${req.dev}: dev_pagemap over ${pR(req.start, req.start + req.size - 1)} (${altmapStr(pgmapAltmap(pg))})`);
    return 0;
  }, errStr);
}

export function devmMemremapPagesRelease(k: Kernel, hooks: MemremapHooks, dev: string): number {
  const idx = k.pgmaps.findIndex((p) => p.dev === dev && p.api !== 'hmm_devmem');
  if (idx < 0) {
    if (k.tr.enabled) k.tr.note(`${dev} has no dev_pagemap to release`);
    return -EINVAL;
  }
  const pg = k.pgmaps[idx]!;
  return k.tr.call(hooks.fnRelease, () => `${dev}, pgmap ${pR(pg.resStart, pg.resEnd)}`, () => {
    if (k.tr.enabled) k.tr.note(`put_page() on every device pfn from ${hashx(physToPfn(pg.resStart))}`);
    hooks.remove(k, pg);
    k.pgmaps.splice(k.pgmaps.indexOf(pg), 1);
    if (k.tr.enabled) k.tr.change('devres', `${dev}: dev_pagemap released`);
    return 0;
  }, errStr);
}

