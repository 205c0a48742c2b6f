import { PAGE_SIZE, PAGES_PER_SUBSECTION, pfnToPhys, pfnToSection, physToPfn, sectionToPfn } from '../arch';
import { EEXIST, EINVAL, errStr } from '../errno';
import type { AltmapSpec } from '../ops';
import type { Kernel } from '../kernel/kernel';
import { hashx, hexPfn } from './fmt';
import { hotplug_memory_register } from './memory-block';
import { check_hotplug_memory_addressable, endsBeyondPhysmem, refuseBeyondMemSection } from './phys-limits';
import { activateSection, pfn_valid, present_section_nr } from './sparse';

/** vmem_altmap as the kernel holds it: the scenario's reserve/free plus the base the driver set. */
export interface Altmap extends AltmapSpec {
  basePfn: number;
}

export const vmem_altmap_offset = (a: Altmap | null): number => (a ? a.reserve + a.free : 0);

export function altmapStr(a: Altmap | null): string {
  return a ? `{base_pfn ${hexPfn(a.basePfn)}, reserve ${a.reserve}, free ${a.free}}` : 'NULL';
}

/** check_hotplug_memory_range(): start and size must be non-zero multiples of the block size. */
export function check_hotplug_memory_range(k: Kernel, start: number, size: number): number {
  return k.tr.call('check_hotplug_memory_range', () => `${hashx(start)}, ${hashx(size)}`, () => {
    const bs = k.blockSizeBytes;
    const blockPages = bs / PAGE_SIZE;
    const nrPages = physToPfn(size);
    const startPfn = physToPfn(start);
    if (!nrPages || startPfn % blockPages || nrPages % blockPages) {
      k.printk(`Block size [${hashx(bs)}] unaligned hotplug range: start ${hashx(start)}, size ${hashx(size)}`);
      return -EINVAL;
    }
    return 0;
  }, errStr);
}

export interface AddPagesRules {
  /** v4.18: -EEXIST from a section is "dealt with by the resource collision check" and ignored */
  swallowEexist: boolean;
  /** v5.5: check_pfn_span() and check_hotplug_memory_addressable() */
  subsections: boolean;
}

/** __add_section() (v4.18) / sparse_add_section() (v5.5) for one section. */
function addSection(k: Kernel, rules: AddPagesRules, nid: number, nr: number, wantMemblock: boolean): number {
  const pfn = sectionToPfn(nr);
  const fn = rules.subsections ? 'sparse_add_section' : '__add_section';
  return k.tr.call(fn, () => `nid ${nid}, ${hexPfn(pfn)}`, () => {
    if (rules.subsections ? present_section_nr(k, nr) : pfn_valid(k, pfn)) return -EEXIST;
    if (!rules.subsections) {
      k.tr.call('sparse_add_one_section', () => `node ${nid}, ${hexPfn(pfn)}`, () => activateSection(k, nr, nid));
      if (!wantMemblock) return 0;
      return hotplug_memory_register(k, nid, nr);
    }
    activateSection(k, nr, nid);
    return 0;
  }, errStr);
}

/** __add_pages(nid, pfn, nr_pages, altmap, want_memblock) */
function __add_pages(k: Kernel, rules: AddPagesRules, nid: number, startPfn: number, nrPages: number, altmap: Altmap | null, wantMemblock: boolean): number {
  return k.tr.call('__add_pages', () => `nid ${nid}, ${hexPfn(startPfn)}, ${nrPages}, altmap ${altmapStr(altmap)}${rules.subsections ? '' : `, want_memblock ${wantMemblock}`}`, () => {
    if (rules.subsections) {
      const err = check_hotplug_memory_addressable(k, startPfn, nrPages);
      if (err) return err;
      if (startPfn % PAGES_PER_SUBSECTION || nrPages % PAGES_PER_SUBSECTION) {
        k.printk(`Misaligned __add_pages start: ${hashx(startPfn)} end: ${hashx(startPfn + nrPages - 1)}`);
        return -EINVAL;
      }
    } else if (endsBeyondPhysmem(pfnToPhys(startPfn), pfnToPhys(nrPages))) {
      // v4.18 has no such check: __add_section() -> sparse_index_init() would read and write past mem_section[].
      return refuseBeyondMemSection(k, '__add_section() -> sparse_index_init()', pfnToPhys(startPfn), pfnToPhys(nrPages));
    }
    if (altmap) {
      if (altmap.basePfn !== startPfn || vmem_altmap_offset(altmap) > nrPages) {
        if (k.tr.enabled) k.tr.decision('altmap->base_pfn == phys_start_pfn && vmem_altmap_offset(altmap) <= nr_pages', 'false');
        k.printk('memory add fail, invalid altmap');
        return -EINVAL;
      }
    }
    const first = pfnToSection(startPfn);
    const last = pfnToSection(startPfn + nrPages - 1);
    for (let nr = first; nr <= last; nr++) {
      const err = addSection(k, rules, nid, nr, wantMemblock);
      if (err === -EEXIST && rules.swallowEexist) {
        if (k.tr.enabled) k.tr.note('-EEXIST ignored: "EEXIST is finally dealt with by ioresource collision check"');
        continue;
      }
      if (err) return err;
    }
    return 0;
  }, errStr);
}

/** update_end_of_memory_vars(): max_pfn follows the highest hot-added pfn. */
function update_end_of_memory_vars(k: Kernel, startPfn: number, nrPages: number): void {
  if (startPfn + nrPages > k.maxPfn) {
    if (k.tr.enabled) k.tr.change('node', `max_pfn ${hexPfn(k.maxPfn)} -> ${hexPfn(startPfn + nrPages)}`);
    k.maxPfn = startPfn + nrPages;
  }
}

/** add_pages() (x86_64): __add_pages, WARN_ON_ONCE on error, then max_pfn. */
export function add_pages(k: Kernel, rules: AddPagesRules, nid: number, startPfn: number, nrPages: number, altmap: Altmap | null, wantMemblock: boolean): number {
  return k.tr.call('add_pages', () => `nid ${nid}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    const ret = __add_pages(k, rules, nid, startPfn, nrPages, altmap, wantMemblock);
    if (ret) k.tr.note('WARN_ON_ONCE(ret)');
    update_end_of_memory_vars(k, startPfn, nrPages);
    return ret;
  }, errStr);
}

/** arch_add_memory() (x86_64): the direct map, then add_pages(). */
export function arch_add_memory(k: Kernel, rules: AddPagesRules, nid: number, start: number, size: number, altmap: Altmap | null, wantMemblock: boolean): number {
  return k.tr.call('arch_add_memory', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, altmap ${altmapStr(altmap)}${rules.subsections ? '' : `, want_memblock ${wantMemblock}`}`, () => {
    k.tr.call('init_memory_mapping', () => `${hashx(start)}, ${hashx(start + size)}`, () => undefined);
    return add_pages(k, rules, nid, physToPfn(start), size / PAGE_SIZE, altmap, wantMemblock);
  }, errStr);
}

/** A node comes online when memory is first added to it (hotadd_new_pgdat + node_set_online). */
export function ensureNodeOnline(k: Kernel, nid: number, startPfn: number): void {
  const n = k.node(nid);
  if (n.online) return;
  k.tr.call(k.v.source.tree === 'v6.12.118' ? 'hotadd_init_pgdat' : 'hotadd_new_pgdat', () => `nid ${nid}, ${hexPfn(startPfn)}`, () => {
    k.setNode(nid, { online: true, startPfn, spannedPages: 0, presentPages: 0 });
  });
}

