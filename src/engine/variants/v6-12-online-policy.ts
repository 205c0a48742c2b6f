/**
 * The online policy as v6.12 has it (mm/memory_hotplug.c): a plain `online` (MMOP_ONLINE)
 * under memory_hotplug.online_policy=auto-movable picks Movable while the MOVABLE:KERNEL_EARLY
 * ratio allows, deciding for the block's whole memory group; contig-zones and the explicit
 * online_kernel / online_movable are v5.5's zone_for_pfn_range(). The arithmetic is in
 * mm/auto-movable.ts, shared with valid_zones.
 */
import { pfnToSection, physToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { type AutoMovableParams, autoMovableDecision, ratioCheckText } from '../mm/auto-movable';
import { hashx, hexPfn } from '../mm/fmt';
import { blockFirstSection, sectionsPerBlock } from '../mm/memory-block';
import { default_kernel_zone_for_pfn, zone_for_pfn_range as zone_for_pfn_range_v5 } from '../mm/zone-choice';
import type { KernelConfig, OnlineType } from '../ops';
import { ZONE_MOVABLE, ZONE_NAMES } from '../state/kernel-state';
import { SEC_GROUP_START, clearBits, setBits } from '../state/section-bits';

export const autoMovableParamsOf = (cfg: KernelConfig): AutoMovableParams | null =>
  cfg.online_policy === 'auto-movable' ? { ratio: cfg.auto_movable_ratio, numaAware: cfg.auto_movable_numa_aware } : null;

/** auto_movable_zone_for_pfn(nid, group, pfn, nr_pages), with the numbers that decided it in the trace. */
function auto_movable_zone_for_pfn(k: Kernel, params: AutoMovableParams, nid: number, id: number, pfn: number, nrPages: number): number {
  return k.tr.call('auto_movable_zone_for_pfn', () => `nid ${nid}, ${hexPfn(pfn)}, ${nrPages}`, () => {
    const d = autoMovableDecision({ sections: k.sec, nodes: k.nodes, blockSizeBytes: k.blockSizeBytes }, params, nid, id);
    if (k.tr.enabled) {
      const g = d.group;
      k.tr.decision(
        'group && !group->is_dynamic',
        g
          ? `static group memory${g.firstBlock}..memory${g.firstBlock + g.blocks - 1}: max_pages ${g.maxPages}, present_movable_pages ${g.movablePages}, present_kernel_pages ${g.kernelPages}`
          : 'no memory group (boot memory): max_pages = nr_pages',
      );
      if (d.shortcut) k.tr.decision(g && g.kernelPages ? 'group->present_kernel_pages' : '!auto_movable_ratio', `${d.shortcut} -> kernel_zone`);
      else if (g) k.tr.note(`nr_pages = max_pages - online_pages = ${g.maxPages} - ${g.movablePages} = ${d.nrPages}: the test is for the whole group`);
    }
    for (const c of d.checks) {
      k.tr.call('auto_movable_can_online_movable', () => `${c.nid === null ? 'NUMA_NO_NODE' : `nid ${c.nid}`}, ${c.nrPages}`, () => {
        if (k.tr.enabled) k.tr.decision('movable_pages + nr_pages <= auto_movable_ratio * kernel_early_pages / 100', ratioCheckText(c, params.ratio));
        return c.ok;
      }, String);
    }
    if (d.movable) return ZONE_MOVABLE;
    return default_kernel_zone_for_pfn(k, nid, pfn, nrPages);
  }, (zi) => `zone ${ZONE_NAMES[zi]}`);
}

/** zone_for_pfn_range(online_type, nid, group, start_pfn, nr_pages) (6.12), for memory block `id`. */
export function zone_for_pfn_range(k: Kernel, type: OnlineType, nid: number, id: number, startPfn: number, nrPages: number): number {
  const params = autoMovableParamsOf(k.cfg);
  if (type !== 'online' || !params) return zone_for_pfn_range_v5(k, type, nid, startPfn, nrPages);
  return k.tr.call('zone_for_pfn_range', () => `MMOP_ONLINE, nid ${nid}, ${hexPfn(startPfn)}, ${nrPages}`, () => {
    if (k.tr.enabled) k.tr.decision('online_policy == ONLINE_POLICY_AUTO_MOVABLE', 'true: auto_movable_zone_for_pfn()');
    return auto_movable_zone_for_pfn(k, params, nid, id, startPfn, nrPages);
  }, (zi) => `zone ${ZONE_NAMES[zi]}`);
}

/** memory_group_register_static(nid, max_pages): the DIMM (or kmem device) is one group. */
export function memory_group_register_static(k: Kernel, nid: number, start: number, size: number): void {
  k.tr.call('memory_group_register_static', () => `nid ${nid}, ${size / 4096}`, () => {
    const first = blockFirstSection(pfnToSection(physToPfn(start)) / sectionsPerBlock(k.blockSizeBytes), sectionsPerBlock(k.blockSizeBytes));
    k.sec.update(first, (w) => setBits(w, SEC_GROUP_START));
    if (k.tr.enabled) k.tr.change('block', () => `the blocks of ${hashx(start)}+${hashx(size)} are one static memory group (max_pages ${size / 4096})`);
  });
}

/** memory_group_unregister(): after the group's memory is removed. */
export function memory_group_unregister(k: Kernel, start: number, size: number): void {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  k.tr.call('memory_group_unregister', () => `${hashx(start)}, ${hashx(size)}`, () => {
    for (let nr = pfnToSection(physToPfn(start)); nr < pfnToSection(physToPfn(start + size)); nr += spb) k.sec.update(nr, (w) => clearBits(w, SEC_GROUP_START));
  });
}
