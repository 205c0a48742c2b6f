import { PAGES_PER_SECTION } from '../arch';
import { type AutoMovableParams, type AutoMovableStats, type PolicyReader, autoMovableDecision, autoMovableStats } from '../mm/auto-movable';
import { singleZoneOfRange } from '../mm/block-zones';
import { BLOCK_STATE_NAMES, blockStartPfn, listBlocks, sectionsPerBlock } from '../mm/memory-block';
import { MAX_KERNEL_ZONE, type KernelState, ZONE_MOVABLE, ZONE_NAMES, ZONE_NORMAL } from '../state/kernel-state';
import { BlockState } from '../state/section-bits';

export interface BlockView {
  id: number;
  physIndex: string;
  state: string;
  nid: number;
  validZones: string;
}

/**
 * What valid_zones reads: the section words, the zone spans and the block size. A
 * KernelState is one; so is a view of a state that lists its sections (the page's).
 */
export interface BlockZoneReader extends PolicyReader {
  nodes: readonly { zones: readonly { startPfn: number; spannedPages: number; presentPages: number }[] }[];
}

/** The auto-movable zone sums of one state, computed once however many blocks ask. */
const statsCache = new WeakMap<object, Map<number | null, AutoMovableStats>>();
function cachedStats(s: BlockZoneReader): (nid: number | null) => AutoMovableStats {
  let m = statsCache.get(s.sections);
  if (!m) statsCache.set(s.sections, (m = new Map()));
  const memo = m;
  return (nid) => {
    let st = memo.get(nid);
    if (!st) memo.set(nid, (st = autoMovableStats(s, nid)));
    return st;
  };
}

function intersects(s: BlockZoneReader, nid: number, zi: number, pfn: number, nr: number): boolean {
  const z = s.nodes[nid]?.zones[zi];
  if (!z || z.spannedPages === 0) return false;
  return pfn < z.startPfn + z.spannedPages && pfn + nr > z.startPfn;
}

/** zone_for_pfn_range() read-only, as show_valid_zones() asks it; `autoMovable` is v6.12's online_policy=auto-movable. */
function zoneFor(
  s: BlockZoneReader,
  movableNode: boolean,
  type: 'online' | 'online_kernel' | 'online_movable',
  nid: number,
  pfn: number,
  nr: number,
  autoMovable: AutoMovableParams | null = null,
): number {
  let kernelZone = ZONE_NORMAL;
  for (let zi = 0; zi <= MAX_KERNEL_ZONE; zi++) {
    if (intersects(s, nid, zi, pfn, nr)) {
      kernelZone = zi;
      break;
    }
  }
  if (type === 'online_kernel') return kernelZone;
  if (type === 'online_movable') return ZONE_MOVABLE;
  if (autoMovable) return autoMovableDecision(s, autoMovable, nid, pfn / (sectionsPerBlock(s.blockSizeBytes) * PAGES_PER_SECTION), cachedStats(s)).movable ? ZONE_MOVABLE : kernelZone;
  const inKernel = intersects(s, nid, kernelZone, pfn, nr);
  const inMovable = intersects(s, nid, ZONE_MOVABLE, pfn, nr);
  if (inKernel !== inMovable) return inKernel ? kernelZone : ZONE_MOVABLE;
  return movableNode ? ZONE_MOVABLE : kernelZone;
}

/**
 * valid_zones as show_valid_zones() prints it: an online block's zone (or "none" when it
 * spans several); for an offline block the default zone, then the other zones
 * online_kernel and online_movable would pick.
 */
export function validZones(s: BlockZoneReader, movableNode: boolean, id: number, state: BlockState, nid: number, autoMovable: AutoMovableParams | null = null): string {
  const spb = sectionsPerBlock(s.blockSizeBytes);
  const pfn = blockStartPfn(id, spb);
  const nr = spb * PAGES_PER_SECTION;
  if (state === BlockState.Online || state === BlockState.GoingOffline) {
    const zi = singleZoneOfRange({ sec: s.sections, nodes: s.nodes }, nid, id * spb, spb);
    return zi === null ? 'none' : ZONE_NAMES[zi]!;
  }
  const def = zoneFor(s, movableNode, 'online', nid, pfn, nr, autoMovable);
  const names = [ZONE_NAMES[def]!];
  for (const t of ['online_kernel', 'online_movable'] as const) {
    const z = zoneFor(s, movableNode, t, nid, pfn, nr);
    if (z !== def) names.push(ZONE_NAMES[z]!);
  }
  return names.join(' ');
}

/** The sysfs name of block `id`'s phys_index: eight hex digits at least. */
export const physIndexOf = (id: number): string => id.toString(16).padStart(8, '0');

/** One block's line of the memory listing. */
export const memoryBlockLine = (b: BlockView): string => `memory${b.id} phys_index=${b.physIndex} state=${b.state} valid_zones=${b.validZones}`;

export const blockSizeLine = (blockSizeBytes: number): string => `block_size_bytes ${blockSizeBytes.toString(16)}`;

/**
 * `block_size_bytes HEX` then one `memoryN phys_index=... state=... valid_zones=...` line per
 * block. `autoMovable` is the online policy when the kernel has it and it is on (autoMovableOf()).
 */
export function formatMemoryBlocks(s: KernelState, movableNode: boolean, autoMovable: AutoMovableParams | null = null): string {
  const spb = sectionsPerBlock(s.blockSizeBytes);
  const lines = [blockSizeLine(s.blockSizeBytes)];
  for (const b of listBlocks(s.sections, spb)) {
    lines.push(`memory${b.id} phys_index=${physIndexOf(b.id)} state=${BLOCK_STATE_NAMES[b.state]} valid_zones=${validZones(s, movableNode, b.id, b.state, b.nid, autoMovable)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The lines of two listings that differ, for states with the same section words and block
 * size: the same blocks in the same states, so only valid_zones (which reads the zone spans
 * and movable_node) can differ. Each line names its block, so this is what a line-by-line
 * comparison of the two formatted listings finds, without formatting the equal lines.
 */
export function differingBlockLines(a: KernelState, movableA: boolean, b: KernelState, movableB: boolean): { onlyA: string[]; onlyB: string[] } {
  const spb = sectionsPerBlock(a.blockSizeBytes);
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  for (const blk of listBlocks(a.sections, spb)) {
    const za = validZones(a, movableA, blk.id, blk.state, blk.nid);
    const zb = validZones(b, movableB, blk.id, blk.state, blk.nid);
    if (za === zb) continue;
    const line = (zones: string): string => `memory${blk.id} phys_index=${physIndexOf(blk.id)} state=${BLOCK_STATE_NAMES[blk.state]} valid_zones=${zones}`;
    onlyA.push(line(za));
    onlyB.push(line(zb));
  }
  return { onlyA, onlyB };
}
