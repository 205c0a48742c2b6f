import type { OnlineType } from '../ops';
import type { Kernel } from '../kernel/kernel';
import { MAX_KERNEL_ZONE, ZONE_MOVABLE, ZONE_NAMES, ZONE_NORMAL } from '../state/kernel-state';
import { hexPfn } from './fmt';
import { zone_intersects } from './zone-grow';

/** default_kernel_zone_for_pfn(): the first of DMA..Normal already spanning the range, else Normal. */
export function default_kernel_zone_for_pfn(k: Kernel, nid: number, startPfn: number, nrPages: number): number {
  for (let zi = 0; zi <= MAX_KERNEL_ZONE; zi++) if (zone_intersects(k, nid, zi, startPfn, nrPages)) return zi;
  return ZONE_NORMAL;
}

/**
 * default_zone_for_pfn(): inherit the zone whose span already covers the range when
 * exactly one of (kernel zone, Movable) does; otherwise Movable only with movable_node.
 * Because it looks at spans, a span left behind by offlined memory steers this choice.
 */
function default_zone_for_pfn(k: Kernel, nid: number, startPfn: number, nrPages: number, trace = true): number {
  const kernelZone = default_kernel_zone_for_pfn(k, nid, startPfn, nrPages);
  const inKernel = zone_intersects(k, nid, kernelZone, startPfn, nrPages);
  const inMovable = zone_intersects(k, nid, ZONE_MOVABLE, startPfn, nrPages);
  const zi = inKernel !== inMovable ? (inKernel ? kernelZone : ZONE_MOVABLE) : k.cfg.movable_node ? ZONE_MOVABLE : kernelZone;
  if (trace && k.tr.enabled) {
    const why =
      inKernel !== inMovable
        ? `only ${ZONE_NAMES[zi]}'s span covers the range: inherit it`
        : `${inKernel ? 'both' : 'neither'} of ${ZONE_NAMES[kernelZone]} and Movable span the range: ${k.cfg.movable_node ? 'movable_node picks Movable' : 'default to the kernel zone'}`;
    k.tr.decision(`zone_intersects(${ZONE_NAMES[kernelZone]}) ^ zone_intersects(Movable)`, `${why} -> ${ZONE_NAMES[zi]}`);
  }
  return zi;
}

/** zone_for_pfn_range(online_type, nid, pfn, nr) */
export function zone_for_pfn_range(k: Kernel, type: OnlineType, nid: number, startPfn: number, nrPages: number, trace = true): number {
  const pick = (): number => {
    if (type === 'online_kernel') return default_kernel_zone_for_pfn(k, nid, startPfn, nrPages);
    if (type === 'online_movable') return ZONE_MOVABLE;
    return default_zone_for_pfn(k, nid, startPfn, nrPages, trace);
  };
  if (!trace) return pick();
  // v6.12 answers a plain online under auto-movable itself; a kernel reaching here with it set is older than 5.15
  if (type === 'online' && k.cfg.online_policy === 'auto-movable' && k.tr.enabled) {
    k.tr.note(`memory_hotplug.online_policy=auto-movable is not a parameter of ${k.v.id} (it came with 5.15; the kernel ignores an unknown parameter): the zones' spans decide`);
  }
  return k.tr.call('zone_for_pfn_range', () => `${mmop(type)}, nid ${nid}, ${hexPfn(startPfn)}, ${nrPages}`, pick, (zi) => `zone ${ZONE_NAMES[zi]}`);
}

export function mmop(type: OnlineType): string {
  return type === 'online_kernel' ? 'MMOP_ONLINE_KERNEL' : type === 'online_movable' ? 'MMOP_ONLINE_MOVABLE' : 'MMOP_ONLINE_KEEP';
}
