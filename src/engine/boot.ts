import { MAX_DMA32_PFN, MAX_DMA_PFN, pfnToPhys, pfnToSection, pfnUp, physToPfn, probeMemoryBlockSize, sectionToPfn } from './arch';
import { blockFirstSection, blockIdOfSection, sectionsPerBlock } from './mm/memory-block';
import type { IomemEntryInput, KernelConfig, MachineInput, NodeRangeInput } from './ops';
import { IORESOURCE_BUSY, IORESOURCE_SYSTEM_RAM, hasFlag, IORESOURCE_SYSRAM } from './resource/flags';
import { ResList } from './resource/res-list';
import { type Resource, makeIomemRoot } from './resource/tree';
import { type KernelState, type NodeState, ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, emptyNode } from './state/kernel-state';
import { BlockState, Memmap, SEC_EARLY, SEC_HAS_MEM_MAP, SEC_IN_BLOCK, SEC_ONLINE, SEC_PRESENT, withBlock, withMemmap } from './state/section-bits';
import { SectionTable } from './state/section-table';

interface RamRange {
  startPfn: number;
  endPfn: number;
  nid: number;
}

export interface BootResult {
  state: KernelState;
  log: string[];
}

const BOOT_SECTION_BITS = SEC_PRESENT | SEC_HAS_MEM_MAP | SEC_ONLINE | SEC_EARLY | SEC_IN_BLOCK;

/** The architectural pfn range of each boot zone on x86_64. */
const ZONE_LIMITS: [number, number, number][] = [
  [ZONE_DMA, 0, MAX_DMA_PFN],
  [ZONE_DMA32, MAX_DMA_PFN, MAX_DMA32_PFN],
  [ZONE_NORMAL, MAX_DMA32_PFN, Number.MAX_SAFE_INTEGER],
];

/**
 * Boot RAM cut at the node ranges (numa_meminfo): each piece inside a range is that range's
 * node's, the rest node 0's, as a machine without NUMA information boots on node 0.
 */
function splitByNode(ram: RamRange[], nodes: readonly NodeRangeInput[]): RamRange[] {
  const ranges = nodes.filter((n) => n.size > 0).map((n) => ({ nid: n.nid, startPfn: physToPfn(n.start), endPfn: physToPfn(n.start + n.size) }));
  const out: RamRange[] = [];
  for (const r of ram) {
    const cuts = [r.startPfn, r.endPfn];
    for (const n of ranges) for (const c of [n.startPfn, n.endPfn]) if (c > r.startPfn && c < r.endPfn) cuts.push(c);
    cuts.sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [lo, hi] = [cuts[i]!, cuts[i + 1]!];
      if (hi <= lo) continue;
      const owner = ranges.find((n) => n.startPfn <= lo && hi <= n.endPfn);
      out.push({ startPfn: lo, endPfn: hi, nid: owner ? owner.nid : 0 });
    }
  }
  return out;
}

/**
 * The state after boot: every System RAM range online in its node, each zone spanning
 * its architectural range clipped to the node's span, present pages the whole pages of
 * RAM inside it (free_area_init_nodes()), one online memory block per block with RAM.
 * Managed pages are present pages less what boot reserved (memblock: the kernel image, page
 * tables, the memmap, crash kernel...), which /proc/iomem does not tell: the engine takes
 * them equal to present unless the machine comes with its /proc/zoneinfo, whose managed
 * pages it then uses (never more than the zone's present pages here).
 */
export function bootState(machine: MachineInput, cfg: KernelConfig): BootResult {
  let nextId = 1;
  const toRes = (e: IomemEntryInput): Resource => ({
    id: nextId++,
    name: e.name,
    start: e.start,
    end: e.end,
    flags: e.flags >>> 0,
    desc: e.desc,
    owner: 'firmware',
    children: ResList.of(e.children.map(toRes)),
  });
  let top: Resource[];
  let ram: RamRange[];
  if (machine.kind === 'iomem') {
    top = machine.entries.map(toRes);
    ram = top
      .filter((r) => r.name === 'System RAM' && hasFlag(r.flags, IORESOURCE_SYSRAM) && hasFlag(r.flags, IORESOURCE_BUSY))
      .map((r) => ({ startPfn: pfnUp(r.start), endPfn: physToPfn(r.end + 1), nid: 0 }))
      .filter((r) => r.endPfn > r.startPfn);
    if (machine.nodes) ram = splitByNode(ram, machine.nodes);
  } else {
    const sorted = machine.ram.slice().sort((a, b) => a.start - b.start);
    top = sorted.map((r) => ({ id: nextId++, name: 'System RAM', start: r.start, end: r.start + r.size - 1, flags: (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) >>> 0, desc: 0, owner: 'firmware', children: ResList.EMPTY }));
    ram = sorted.map((r) => ({ startPfn: pfnUp(r.start), endPfn: physToPfn(r.start + r.size), nid: r.nid }));
  }

  const maxPfn = ram.reduce((m, r) => Math.max(m, r.endPfn), 0);
  const blockSizeBytes = cfg.block_size ?? probeMemoryBlockSize(pfnToPhys(maxPfn));
  const nodes: NodeState[] = [];
  const nids = [...new Set(ram.map((r) => r.nid))].sort((a, b) => a - b);
  for (const nid of nids) {
    while (nodes.length <= nid) nodes.push(emptyNode(nodes.length));
    const mine = ram.filter((r) => r.nid === nid);
    const start = Math.min(...mine.map((r) => r.startPfn));
    const end = Math.max(...mine.map((r) => r.endPfn));
    const node = nodes[nid]!;
    node.online = true;
    node.startPfn = start;
    node.spannedPages = end - start;
    for (const [zi, lo, hi] of ZONE_LIMITS) {
      const zs = Math.max(lo, start);
      const ze = Math.min(hi, end);
      if (ze <= zs) continue;
      const present = mine.reduce((a, r) => a + Math.max(0, Math.min(r.endPfn, ze) - Math.max(r.startPfn, zs)), 0);
      const z = node.zones[zi]!;
      z.startPfn = zs;
      z.spannedPages = ze - zs;
      z.presentPages = present;
      z.managedPages = present;
      z.contiguous = false;
    }
    node.presentPages = node.zones.reduce((a, z) => a + z.presentPages, 0);
  }
  if (nodes.length === 0) nodes.push(emptyNode(0));
  // A node the firmware names but gives no boot memory is possible, not online: free_area_init()
  // sets up "memoryless" nodes, and only a hot-add brings one online (kernel-notes-6.12 §6, N2_00).
  const declared = machine.kind === 'iomem' ? (machine.nodes ?? []).map((n) => n.nid) : [];
  for (const nid of declared) while (nodes.length <= nid) nodes.push(emptyNode(nodes.length));
  if (machine.kind === 'iomem') {
    for (const real of machine.zoneinfo ?? []) {
      const z = nodes[real.nid]?.zones[real.zone];
      if (z && z.presentPages > 0) z.managedPages = Math.min(real.managed, z.presentPages);
    }
  }

  const spb = sectionsPerBlock(blockSizeBytes);
  const sections = SectionTable.build((set, get) => {
    for (const r of ram) {
      for (let nr = pfnToSection(r.startPfn); sectionToPfn(nr) < r.endPfn; nr++) {
        if (get(nr) & SEC_PRESENT) continue;
        const firstPfn = Math.max(r.startPfn, sectionToPfn(nr));
        const zi = firstPfn < MAX_DMA_PFN ? ZONE_DMA : firstPfn < MAX_DMA32_PFN ? ZONE_DMA32 : ZONE_NORMAL;
        set(nr, withMemmap(get(nr) | BOOT_SECTION_BITS, Memmap.Init, zi, r.nid));
        const first = blockFirstSection(blockIdOfSection(nr, spb), spb);
        set(first, withBlock(get(first), BlockState.Online, r.nid));
      }
    }
  });
  for (const n of nodes) for (const z of n.zones) z.contiguous = false;

  const state: KernelState = {
    sections,
    nodes,
    iomem: makeIomemRoot(top),
    devres: [],
    pgmaps: [],
    hmm: [],
    kmem: [],
    freed: null,
    nextResId: nextId,
    maxPfn,
    blockSizeBytes,
  };
  return { state, log: [`x86/mm: Memory block size: ${blockSizeBytes / 2 ** 20}MB`] };
}

