import { PAGES_PER_SECTION, pfnToPhys, pfnToSection, sectionToPfn } from '../arch';
import { sectionsPerBlock } from '../mm/memory-block';
import { IORESOURCE_BUSY, IORESOURCE_SYSRAM, hasFlag } from '../resource/flags';
import { type Resource, preorder } from '../resource/tree';
import { type KernelState, ZONE_DEVICE, ZONE_NAMES, zoneEnd } from '../state/kernel-state';
import { BlockState, Memmap, SEC_HAS_MEM_MAP, SEC_IN_BLOCK, SEC_ONLINE, SEC_PRESENT, blockStateOf, hasBit, memmapOf, nidOf, zoneOf } from '../state/section-bits';
import type { FindingCode } from './finding-types';

/**
 * Problems visible in one snapshot, each with a key so a step reports only what it
 * newly broke. Detectors at the call explain most of them; these checks are the net.
 */
export interface StateProblem {
  key: string;
  code: FindingCode;
  message: string;
  range: { start: number; end: number } | null;
  resourceId: number | null;
}

const phys = (pfnLo: number, pfnHi: number) => ({ start: pfnToPhys(pfnLo), end: pfnToPhys(pfnHi) - 1 });

/** "System RAM" entries whose sections are gone: the resource outlived its memory. */
/** What depends on the iomem tree alone, computed once per tree: most steps leave it as it was. */
interface IomemFacts {
  ram: Resource[];
  violations: string[];
}
const iomemFacts = new WeakMap<Resource, IomemFacts>();

function factsOf(iomem: Resource): IomemFacts {
  let f = iomemFacts.get(iomem);
  if (f) return f;
  const ram = preorder(iomem)
    .map((x) => x.res)
    .filter((res) => hasFlag(res.flags, IORESOURCE_SYSRAM) && hasFlag(res.flags, IORESOURCE_BUSY) && res.name.startsWith('System RAM'));
  const violations: string[] = [];
  const checkList = (parent: Resource, path: string): void => {
    let prevEnd = -1;
    for (const c of parent.children) {
      if (c.start > c.end) violations.push(`iomem ${path}"${c.name}": start > end`);
      if (c.start <= prevEnd) violations.push(`iomem ${path}"${c.name}" overlaps or precedes its previous sibling`);
      if (c.start < parent.start || c.end > parent.end) violations.push(`iomem ${path}"${c.name}" lies outside its parent "${parent.name}"`);
      prevEnd = c.end;
      if (c.children.length) checkList(c, `${path}"${c.name}" > `);
    }
  };
  checkList(iomem, '');
  f = { ram, violations };
  iomemFacts.set(iomem, f);
  return f;
}

export function staleResources(s: KernelState): StateProblem[] {
  const out: StateProblem[] = [];
  for (const res of factsOf(s.iomem).ram) {
    const gone = firstMissingSection(s, res);
    if (gone === null) continue;
    out.push({
      key: `stale-resource:${res.id}`,
      code: 'stale-resource',
      message: `/proc/iomem still lists "${res.name}" ${hex(res.start)}-${hex(res.end)}, but section ${gone} inside it has been removed: the resource outlived its memory, so a later add_memory() of this range fails with -EEXIST and tools reading /proc/iomem see RAM that is not there.`,
      range: { start: res.start, end: res.end },
      resourceId: res.id,
    });
  }
  return out;
}

function firstMissingSection(s: KernelState, r: Resource): number | null {
  const lo = pfnToSection(Math.ceil(r.start / 4096));
  const hi = pfnToSection(Math.floor((r.end + 1) / 4096) - 1);
  for (let nr = lo; nr <= hi; nr++) if (!hasBit(s.sections.get(nr), SEC_PRESENT)) return nr;
  return null;
}

/**
 * Zone and node spans whose edges sit on removed sections ("covers memory that is
 * gone"), or that miss an online section of theirs ("misses memory that is there").
 * ZONE_DEVICE spans that a kernel deliberately never shrinks are not reported.
 */
export function staleSpans(s: KernelState, shrinksDeviceZone: boolean, own = ownSectionExtents(s)): StateProblem[] {
  const out: StateProblem[] = [];
  for (const node of s.nodes) {
    if (!node.online) continue;
    node.zones.forEach((z, zi) => {
      const name = (): string => `node ${node.nid} zone ${ZONE_NAMES[zi]}`;
      if (z.spannedPages && !(zi === ZONE_DEVICE && !shrinksDeviceZone)) {
        for (const [edge, pfn] of [['start', z.startPfn], ['end', zoneEnd(z) - 1]] as const) {
          const nr = pfnToSection(pfn);
          if (!hasBit(s.sections.get(nr), SEC_PRESENT)) {
            out.push({
              key: `stale-zone-span:${node.nid}:${zi}:${edge}`,
              code: 'stale-zone-span',
              message: `${name()} spans pfn ${hex(z.startPfn)}-${hex(zoneEnd(z) - 1)}, but section ${nr} at its ${edge} has been removed: the span covers memory that is gone, so zone walkers (compaction, set_zone_contiguous, /proc/zoneinfo) look at pfns with no memmap.`,
              range: phys(sectionToPfn(nr), sectionToPfn(nr) + PAGES_PER_SECTION),
              resourceId: null,
            });
          }
        }
      }
      const ext = own.get(node.nid * 8 + zi);
      if (!ext) return;
      const lo = z.startPfn;
      const hi = z.spannedPages ? zoneEnd(z) : z.startPfn;
      const outside = firstOutside(ext, lo, hi);
      if (outside !== null) {
        out.push({
          key: `stale-zone-span:${node.nid}:${zi}:miss`,
          code: 'stale-zone-span',
          message: `Section ${outside} holds ${ZONE_NAMES[zi]} pages of node ${node.nid}, but ${name()} spans ${z.spannedPages ? `pfn ${hex(z.startPfn)}-${hex(zoneEnd(z) - 1)}` : 'nothing (0/0)'}: the span misses memory that is there, so page_zone() of those pages points at a zone that claims not to contain them.`,
          range: phys(sectionToPfn(outside), sectionToPfn(outside) + PAGES_PER_SECTION),
          resourceId: null,
        });
      }
    });
  }
  return out;
}

/** The lowest and highest section each (node, zone) owns: online, or ZONE_DEVICE with an initialised memmap. */
function ownSectionExtents(s: KernelState): Map<number, { min: number; max: number }> {
  const out = new Map<number, { min: number; max: number }>();
  for (const nr of s.sections.nonZero) {
    const w = s.sections.get(nr);
    const zi = zoneOf(w);
    if (memmapOf(w) === Memmap.Init && (zi === ZONE_DEVICE ? hasBit(w, SEC_PRESENT) : hasBit(w, SEC_ONLINE))) {
      const key = nidOf(w) * 8 + zi;
      const e = out.get(key);
      if (!e) out.set(key, { min: nr, max: nr });
      else e.max = nr;
    }
  }
  return out;
}

/** A section of [min, max] lying wholly outside the span [lo, hi), checking the two extremes. */
function firstOutside(ext: { min: number; max: number }, lo: number, hi: number): number | null {
  for (const nr of [ext.min, ext.max]) {
    const a = sectionToPfn(nr);
    if (a + PAGES_PER_SECTION <= lo || a >= hi) return nr;
  }
  return null;
}

/** Page counts that disagree: node present vs its zones, present vs spanned, managed vs present, below zero. */
export function accountingProblems(s: KernelState): StateProblem[] {
  const out: StateProblem[] = [];
  for (const node of s.nodes) {
    if (!node.online && node.presentPages === 0) continue;
    const sum = node.zones.reduce((a, z) => a + z.presentPages, 0);
    if (sum !== node.presentPages) {
      out.push({
        key: `accounting-mismatch:${node.nid}:node`,
        code: 'accounting-mismatch',
        message: `node ${node.nid}'s node_present_pages is ${node.presentPages}, but its zones' present_pages add up to ${sum}: every consumer of the node count (vmstat, memory policies, the OOM killer's view) is off by ${node.presentPages - sum} pages.`,
        range: null,
        resourceId: null,
      });
    }
    node.zones.forEach((z, zi) => {
      if (z.presentPages < 0 || z.managedPages < 0 || z.presentPages > z.spannedPages || z.managedPages > z.presentPages) {
        out.push({
          key: `accounting-mismatch:${node.nid}:${zi}`,
          code: 'accounting-mismatch',
          message: `node ${node.nid} zone ${ZONE_NAMES[zi]} has spanned ${z.spannedPages}, present ${z.presentPages}, managed ${z.managedPages}: managed <= present <= spanned must hold.`,
          range: null,
          resourceId: null,
        });
      }
    });
  }
  return out;
}

/**
 * Structural invariants any kernel keeps whatever the variant: a violation here that no
 * finding explains is a bug in the engine, not in the simulated kernel.
 */
export function invariantViolations(s: KernelState): string[] {
  const out: string[] = [...factsOf(s.iomem).violations];
  const spb = sectionsPerBlock(s.blockSizeBytes);
  for (const nr of s.sections.nonZero) {
    const w = s.sections.get(nr);
    if (hasBit(w, SEC_ONLINE) && !hasBit(w, SEC_PRESENT)) out.push(`section ${nr} online but not present`);
    if (hasBit(w, SEC_PRESENT) && !hasBit(w, SEC_HAS_MEM_MAP)) out.push(`section ${nr} present without a memmap`);
    if (hasBit(w, SEC_IN_BLOCK)) {
      const bs = blockStateOf(s.sections.get(Math.floor(nr / spb) * spb));
      if (bs === BlockState.None) out.push(`section ${nr} counted in a memory block that does not exist`);
      if (bs === BlockState.Online && !hasBit(w, SEC_ONLINE) && hasBit(w, SEC_PRESENT)) out.push(`section ${nr} offline inside online memory${Math.floor(nr / spb)}`);
      if (bs === BlockState.Offline && hasBit(w, SEC_ONLINE)) out.push(`section ${nr} online inside offline memory${Math.floor(nr / spb)}`);
    }
    if (hasBit(w, SEC_ONLINE) && memmapOf(w) === Memmap.Init && zoneOf(w) !== ZONE_DEVICE) {
      const node = s.nodes[nidOf(w)];
      const z = node?.zones[zoneOf(w)];
      const lo = sectionToPfn(nr);
      if (!z || z.spannedPages === 0 || lo + PAGES_PER_SECTION <= z.startPfn || lo >= zoneEnd(z)) out.push(`online section ${nr} lies outside its zone ${ZONE_NAMES[zoneOf(w)]}'s span`);
    }
  }
  for (const node of s.nodes) {
    node.zones.forEach((z, zi) => {
      if (z.presentPages > z.spannedPages) out.push(`node ${node.nid} zone ${ZONE_NAMES[zi]}: present ${z.presentPages} > spanned ${z.spannedPages}`);
    });
    const sum = node.zones.reduce((a, z) => a + z.presentPages, 0);
    if (sum !== node.presentPages) out.push(`node ${node.nid}: node_present_pages ${node.presentPages} != sum of zones ${sum}`);
  }
  return out;
}

/**
 * Everything a step is checked for, with one pass over the sections: the problems a
 * finding reports and the invariant violations that would be engine defects.
 */
export function checkState(s: KernelState, shrinksDeviceZone: boolean): { problems: StateProblem[]; violations: string[] } {
  const own = ownSectionExtents(s);
  return {
    problems: [...staleResources(s), ...staleSpans(s, shrinksDeviceZone, own), ...accountingProblems(s)],
    violations: invariantViolations(s),
  };
}

const hex = (n: number): string => '0x' + n.toString(16);
