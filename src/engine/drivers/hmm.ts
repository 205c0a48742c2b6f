import { MAX_PHYS_ADDR, SECTION_SIZE_BYTES, physToPfn } from '../arch';
import { EBUSY, EINVAL, ENOMEM, ENXIO, ERANGE, errStr } from '../errno';
import { hashx, pR } from '../mm/fmt';
import { IORESOURCE_SYSTEM_RAM, IORES_DESC_DEVICE_PRIVATE_MEMORY, IORES_DESC_DEVICE_PUBLIC_MEMORY, descName } from '../resource/flags';
import { REGION_DISJOINT, region_intersects, regionName } from '../resource/release';
import { __request_region, describe } from '../resource/request';
import { findById, withNodeAt } from '../resource/tree';
import type { Kernel } from '../kernel/kernel';
import type { HmmDevmem, Pgmap } from '../state/kernel-state';
import { devm_release_mem_region, devm_request_mem_region } from './devres';
import { alignedRange } from './memremap';

export interface HmmHooks {
  /** hmm_devmem_pages_create()'s hot-add: add_pages/arch_add_memory + move_pfn_range_to_zone, or the variant's replacement */
  addPages(k: Kernel, h: HmmDevmem, pg: Pgmap): number;
  /** hmm_devmem_release()'s hot-remove */
  releasePages(k: Kernel, h: HmmDevmem, pg: Pgmap): void;
  /** "hmm_devmem_add" (v4.18, RFCs) or "memremap_pages" (v5.5, where HMM's devmem API is gone) */
  api: 'hmm_devmem' | 'memremap_pages';
}

function setDesc(k: Kernel, resId: number, desc: number): void {
  const hit = findById(k.iomem, resId);
  if (!hit) return;
  k.iomem = withNodeAt(k.iomem, hit.path, { ...hit.res, desc });
  if (k.tr.enabled) k.tr.change('iomem', `${describe(hit.res)}: desc = IORES_DESC_${descName(desc)}`);
}

/**
 * The free-window search of hmm_devmem_add() (and v5.5's devm_request_free_mem_region()):
 * from the top of the physical address space down, in steps of the size, the first
 * window no top-level resource touches.
 */
function findFreeWindow(k: Kernel, size: number): number | null {
  const top = Math.min(k.iomem.end, MAX_PHYS_ADDR - 1);
  for (let addr = top - size + 1; addr > size && addr >= k.iomem.start; addr -= size) {
    if (region_intersects(k, addr, size, 0, 0) === REGION_DISJOINT) return addr;
    if (size === 0) {
      // "addr -= size" with size 0: the kernel would try this window forever (a soft lockup).
      if (k.tr.enabled) k.tr.note('size 0: the search steps down by the size and never moves past this window; the kernel would loop here forever. The simulator gives up after one window (-ERANGE).');
      return null;
    }
  }
  return null;
}

/** The owner the engine records for a range the platform registered: no driver releases it. */
const PLATFORM = 'platform';

/**
 * Coherent device memory (CDM) is described by the platform, which registers its range
 * before any driver runs; HMM's hmm_devmem_add_resource() is handed that resource and
 * requests nothing. The simulator has no firmware, so it stands in for the platform here,
 * at the window hmm_devmem_add() would pick (or the start given). The flags of a real CDM
 * resource are unverified (no in-tree 4.18 user): a busy MEM entry is assumed. v5.5 has no
 * IORES_DESC_DEVICE_PUBLIC_MEMORY (7 is IORES_DESC_RESERVED there), so it stays NONE.
 */
function platformRegistersCoherentRange(k: Kernel, hooks: HmmHooks, dev: string, addr: number, size: number): number | null {
  if (k.tr.enabled) k.tr.note(
    `the platform registers ${dev}'s coherent range ${pR(addr, addr + size - 1)} before any driver runs (the simulator stands in for the firmware; the flags of a real CDM resource are unverified, a busy MEM entry is assumed)`,
  );
  const res = __request_region(k, addr, size, `${dev} CDM`, 0, PLATFORM);
  if (!res) return null;
  k.devres.push({ dev: PLATFORM, start: addr, size, resId: res.id });
  if (hooks.api === 'hmm_devmem') setDesc(k, res.id, IORES_DESC_DEVICE_PUBLIC_MEMORY);
  else if (k.tr.enabled) k.tr.note('v5.5 has no IORES_DESC_DEVICE_PUBLIC_MEMORY (value 7 is IORES_DESC_RESERVED): the descriptor stays IORES_DESC_NONE');
  return res.id;
}

/**
 * `body` as a call of v4.18's HMM entry point `fn`. v5.5 has no such entry point: the driver's
 * own calls (devm_request_free_mem_region(), memremap_pages(), memunmap_pages()) are the step's top level.
 */
function hmmEntry<T>(k: Kernel, hooks: HmmHooks, fn: string, args: () => string, body: () => T, fmt: (v: T) => string): T {
  return hooks.api === 'hmm_devmem' ? k.tr.call(fn, args, body, fmt) : body();
}

export function hmmDevmemAdd(k: Kernel, hooks: HmmHooks, dev: string, nid: number, sizeIn: number, type: 'private' | 'public', start: number | null): number {
  const entry = type === 'public' ? 'hmm_devmem_add_resource' : 'hmm_devmem_add';
  return hmmEntry(k, hooks, entry, () => `${dev}, size ${hashx(sizeIn)}${start === null ? '' : `, at ${hashx(start)}`}`, () => {
    if (hooks.api === 'memremap_pages') {
      if (k.tr.enabled) k.tr.note(
        type === 'private'
          ? 'v5.5 has no hmm_devmem_add(): the driver calls devm_request_free_mem_region() and memremap_pages(MEMORY_DEVICE_PRIVATE)'
          : 'v5.5 has no MEMORY_DEVICE_PUBLIC and no hmm_devmem_add_resource(): the platform registers its range and the driver maps it with memremap_pages(), with a linear map as for MEMORY_DEVICE_DEVDAX (the simulator\'s stand-in: v5.5 has no type for coherent device memory)',
      );
    }
    if (k.hmm.some((h) => h.dev === dev)) {
      if (k.tr.enabled) k.tr.note(`${dev} already has device memory registered`);
      return -EBUSY;
    }
    const size = Math.ceil(sizeIn / SECTION_SIZE_BYTES) * SECTION_SIZE_BYTES;
    let addr = start;
    if (addr === null) {
      if (type === 'public') {
        // the platform chose this range; the simulator puts it where hmm_devmem_add() would search
        addr = findFreeWindow(k, size);
        if (k.tr.enabled) k.tr.note(`the platform's range: the highest free ${hashx(size)} window below 2^46, ${addr === null ? 'none' : hashx(addr)}`);
      } else if (hooks.api === 'hmm_devmem') {
        // v4.18's hmm_devmem_add() searches inline, down from the top of the physical space
        addr = findFreeWindow(k, size);
        if (k.tr.enabled) k.tr.note(`hmm_devmem_add() searches down from 2^46 for a free ${hashx(size)} window not intersecting a resource: ${addr === null ? 'none' : hashx(addr)}`);
      } else addr = k.tr.call('devm_request_free_mem_region', () => `search a free ${hashx(size)} window below 2^46`, () => findFreeWindow(k, size), (a) => (a === null ? 'none' : hashx(a)));
      if (addr === null) return -ERANGE;
    }
    let resId: number;
    if (type === 'public') {
      const platformRes = platformRegistersCoherentRange(k, hooks, dev, addr, size);
      if (platformRes === null) return -EBUSY;
      resId = platformRes;
      if (hooks.api === 'hmm_devmem' && k.tr.enabled) k.tr.decision('res->desc != IORES_DESC_DEVICE_PUBLIC_MEMORY', 'false: HMM takes the platform\'s resource as it is and requests nothing');
    } else {
      const ret = devm_request_mem_region(k, dev, addr, size, dev);
      if (ret) return start === null ? -ENOMEM : ret;
      resId = k.devres[k.devres.length - 1]!.resId;
      // v4.18's hmm_devmem_add() sets this; v5.5 keeps the descriptor for device-private memory
      setDesc(k, resId, IORES_DESC_DEVICE_PRIVATE_MEMORY);
    }
    const h: HmmDevmem = { dev, nid, type, start: addr, size, resId, resOwner: type === 'public' ? PLATFORM : dev };
    const pagesRet = k.tr.call(hooks.api === 'hmm_devmem' ? 'hmm_devmem_pages_create' : 'memremap_pages', () => `${dev}`, () => {
      const { alignStart, alignSize } = alignedRange(addr, size);
      const r = region_intersects(k, alignStart, alignSize, IORESOURCE_SYSTEM_RAM, 0);
      if (k.tr.enabled) k.tr.decision(`region_intersects(${pR(alignStart, alignStart + alignSize - 1)}, IORESOURCE_SYSTEM_RAM)`, regionName(r));
      if (r !== REGION_DISJOINT) return -ENXIO;
      if (k.pgmaps.some((p) => p.alignStart < alignStart + alignSize && p.alignStart + p.alignSize > alignStart)) {
        k.printk(`${dev}: collides with mapping for another device`);
        return -EBUSY;
      }
      const pg: Pgmap = { dev, nid, resStart: addr, resEnd: addr + size - 1, alignStart, alignSize, altmap: null, type, api: hooks.api === 'hmm_devmem' ? 'hmm_devmem' : 'memremap_pages' };
      k.pgmaps.push(pg);
      const r2 = hooks.addPages(k, h, pg);
      if (r2) k.pgmaps.pop();
      return r2;
    }, errStr);
    if (pagesRet) return pagesRet;
    k.hmm.push(h);
    if (k.tr.enabled) k.tr.change('devres', `${dev}: ${type} device memory ${pR(addr, addr + size - 1)} (pfn ${hashx(physToPfn(addr))})`);
    return 0;
  }, errStr);
}

export function hmmDevmemRemove(k: Kernel, hooks: HmmHooks, dev: string): number {
  const idx = k.hmm.findIndex((h) => h.dev === dev);
  if (idx < 0) {
    if (k.tr.enabled) k.tr.note(`${dev} has no device memory registered`);
    return -EINVAL;
  }
  const h = k.hmm[idx]!;
  const cdm = h.type === 'public';
  return hmmEntry(k, hooks, 'hmm_devmem_remove', () => `${dev}`, () => {
    if (k.tr.enabled) {
      if (hooks.api === 'hmm_devmem') k.tr.decision('resource->desc == IORES_DESC_DEVICE_PUBLIC_MEMORY (cdm)', cdm ? 'true: the resource is the platform\'s, HMM does not release it' : 'false: HMM releases the region after the pages');
      else k.tr.decision('whose region is it', cdm ? 'the platform\'s: the driver does not release it' : 'the driver\'s: it releases it after the pages');
    }
    const pg = k.pgmaps.find((p) => p.dev === dev && p.resStart === h.start);
    k.tr.call(hooks.api === 'hmm_devmem' ? 'hmm_devmem_release' : 'memunmap_pages', () => `${dev}`, () => {
      if (pg) hooks.releasePages(k, h, pg);
      if (hooks.api === 'hmm_devmem') hmm_devmem_radix_release(k, h);
    });
    if (pg) k.pgmaps.splice(k.pgmaps.indexOf(pg), 1);
    k.hmm.splice(k.hmm.indexOf(h), 1);
    if (!cdm) devm_release_mem_region(k, dev, h.start, h.size);
    return 0;
  }, errStr);
}

/** hmm_devmem_radix_release(resource): reads resource->start and its size after the hot-remove. */
function hmm_devmem_radix_release(k: Kernel, h: HmmDevmem): void {
  k.tr.call('hmm_devmem_radix_release', () => `devmem->resource (${pR(h.start, h.start + h.size - 1)})`, () => {
    if (findById(k.iomem, h.resId)) return;
    const freed = k.freedById(h.resId);
    k.finding(
      'use-after-free',
      'hmm_devmem_radix_release',
      `hmm_devmem_radix_release() read devmem->resource->start and its size, but that struct resource was freed${freed ? ` by ${freed.by}() at step ${freed.step}` : ''}: ` +
        `the kfree'd memory may already hold something else, so the radix-tree range HMM clears is undefined.`,
      { start: h.start, end: h.start + h.size - 1 },
      h.resId,
    );
  });
}
