/**
 * The top of the physical address space, as each kernel checks it (or does not).
 * x86_64 with 4-level paging has MAX_PHYSMEM_BITS = 46: mem_section[] has a slot for every
 * section below 2^46 and none above. A range that reaches past it is refused
 *  - by the kernel, where the kernel checks: check_hotplug_memory_addressable() in v5.5's
 *    __add_pages() (Alastair D'Silva's "memory_hotplug: Add a bounds check to __add_pages",
 *    v7 of Oct 2019; akpm's mmotm 2019-11-15 queues it for the 5.5 merge window beside
 *    "mm/memory_hotplug: shrink zones when offlining memory", which v5.5 has),
 *    mhp_range_allowed() from v5.11 on (for a later v6.12 variant);
 *  - by the simulator, where the kernel does not check and would index past mem_section[]
 *    (__nr_to_section() has no bound before v5.18's a431dbbc5405): that is undefined
 *    behaviour, not a result, so the step is refused with -E2BIG and the trace says why.
 */
import { MAX_PHYSMEM_BITS, MAX_PHYS_ADDR, pfnToPhys } from '../arch';
import { E2BIG } from '../errno';
import type { Kernel } from '../kernel/kernel';
import { hashx } from './fmt';

/** [start, start+size) reaches past the last section of mem_section[]. */
export const endsBeyondPhysmem = (start: number, size: number): boolean => start + size > MAX_PHYS_ADDR;

/**
 * check_hotplug_memory_addressable(pfn, nr_pages) (v5.5 __add_pages): WARN and -E2BIG when
 * the last byte needs more than MAX_PHYSMEM_BITS. The "maximum" it prints is
 * (1 << (MAX_PHYSMEM_BITS + 1)) - 1, one bit too wide, as the kernel prints it.
 */
export function check_hotplug_memory_addressable(k: Kernel, pfn: number, nrPages: number): number {
  const maxAddr = pfnToPhys(pfn + nrPages) - 1;
  if (maxAddr < MAX_PHYS_ADDR) return 0;
  const maxAllowed = 2 ** (MAX_PHYSMEM_BITS + 1) - 1;
  if (k.tr.enabled) k.tr.decision(`max_addr ${hashx(maxAddr)} >> MAX_PHYSMEM_BITS (${MAX_PHYSMEM_BITS})`, 'non-zero: WARN, -E2BIG');
  k.printk(`Hotplugged memory exceeds maximum addressable address, range=${hashx(pfnToPhys(pfn))}-${hashx(maxAddr)}, maximum=${hashx(maxAllowed)}`);
  return -E2BIG;
}

/**
 * mhp_range_allowed(start, size, need_mapping) (v5.11+, "mm/memory_hotplug: prevent memory
 * hotplug beyond maximum addressable"): register_memory_resource() turns false into -E2BIG,
 * memremap_pages() into -EINVAL. x86_64's arch_get_mappable_range() is the generic
 * [0, ~0], so need_mapping changes nothing here. No current variant calls it.
 */
export function mhp_range_allowed(k: Kernel, start: number, size: number): boolean {
  const end = start + size;
  const maxPhys = MAX_PHYS_ADDR - 1;
  return k.tr.call('mhp_range_allowed', () => `${hashx(start)}, ${hashx(size)}`, () => {
    if (start < end && end - 1 <= maxPhys) return true;
    k.printk(`Hotplug memory [${hashx(start)}-${hashx(end)}] exceeds maximum addressable range [0-${hashx(maxPhys)}]`);
    return false;
  });
}

/**
 * Where the modelled kernel would index past mem_section[] with this range: the simulator
 * stops before it, changes nothing and returns -E2BIG, and the trace names the kernel
 * function, the scenario field and the values.
 */
export function refuseBeyondMemSection(k: Kernel, where: string, start: number, size: number): number {
  if (k.tr.enabled) {
    k.tr.note(
      `start ${hashx(start)} + size ${hashx(size)} ends at ${hashx(start + size)}, above 2^${MAX_PHYSMEM_BITS} (${hashx(MAX_PHYS_ADDR)}, MAX_PHYSMEM_BITS): ` +
        `${where} would index past mem_section[], which this kernel does not check (undefined behaviour). ` +
        `The simulator refuses the step with -E2BIG and leaves the state as it was.`,
    );
  }
  return -E2BIG;
}
