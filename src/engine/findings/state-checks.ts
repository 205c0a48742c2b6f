import { PAGES_PER_SECTION, pfnToPhys, pfnToSection, pfnUp, physToPfn, sectionToPfn } from '../arch';
import { sectionsPerBlock } from '../mm/memory-block';
import { IORESOURCE_BUSY, IORESOURCE_SYSRAM, hasFlag } from '../resource/flags';
import type { Resource } from '../resource/tree';
import { type KernelState, type NodeState, ZONE_DEVICE, ZONE_NAMES, type ZoneState, zoneEnd } from '../state/kernel-state';
import { BlockState, Memmap, SEC_HAS_MEM_MAP, SEC_IN_BLOCK, SEC_ONLINE, SEC_PRESENT, blockStateOf, hasBit, memmapOf, nidOf, zoneOf } from '../state/section-bits';
import type { SectionReader } from '../state/section-table';
import type { FindingCode } from './finding-types';

/**
 * What can be wrong in one snapshot, as checks of one thing each (a resource, a zone,
 * a node, a section, a sibling list), so the per-step checker (step-checker.ts) can ask
 * only about what a step touched and `checkState` can ask about everything (tests).
 * Each problem has a key, so a step reports only what it newly broke. Detectors at the
 * call explain most of them; these checks are the net.
 */
export interface StateProblem {
  key: string;
  code: FindingCode;
  message: string;
  range: { start: number; end: number } | null;
  resourceId: number | null;
}

/** The lowest and highest section a (node, zone) owns, and how many. */
export interface Extent {
  min: number;
  max: number;
  count: number;
}

const phys = (pfnLo: number, pfnHi: number) => ({ start: pfnToPhys(pfnLo), end: pfnToPhys(pfnHi) - 1 });
const hex = (n: number): string => '0x' + n.toString(16);

/** "System RAM" entries are the ones whose sections must exist while they are listed. */
export function isRamResource(res: Resource): boolean {
  return hasFlag(res.flags, IORESOURCE_SYSRAM) && hasFlag(res.flags, IORESOURCE_BUSY) && res.name.startsWith('System RAM');
}

/** The sections a resource covers whole pages of, as [lo, hi] (hi < lo when none). */
export function resourceSections(r: Resource): [number, number] {
  return [pfnToSection(pfnUp(r.start)), pfnToSection(physToPfn(r.end + 1) - 1)];
}

/** A "System RAM" entry whose section `gone` has been removed: the resource outlived its memory. */
export function staleResourceProblem(res: Resource, gone: number): StateProblem {
  return {
    key: `stale-resource:${res.id}`,
    code: 'stale-resource',
    message: `/proc/iomem still lists "${res.name}" ${hex(res.start)}-${hex(res.end)}, but section ${gone} inside it has been removed: the resource outlived its memory, so a later add_memory() of this range fails with -EEXIST and tools reading /proc/iomem see RAM that is not there.`,
    range: { start: res.start, end: res.end },
    resourceId: res.id,
  };
}

/** Whether a section counts as owned by its (node, zone): online, or ZONE_DEVICE with an initialised memmap. */
export function ownedKey(w: number): number {
  if (memmapOf(w) !== Memmap.Init) return -1;
  const zi = zoneOf(w);
  const owned = zi === ZONE_DEVICE ? hasBit(w, SEC_PRESENT) : hasBit(w, SEC_ONLINE);
  return owned ? nidOf(w) * 8 + zi : -1;
}

/**
 * Zone spans whose edges sit on removed sections ("covers memory that is gone"), or that
 * miss a section the zone owns ("misses memory that is there"). ZONE_DEVICE spans that a
 * kernel deliberately never shrinks are not reported. Only for online nodes.
 */
export function zoneSpanProblems(sections: SectionReader, nid: number, zi: number, z: ZoneState, ext: Extent | null, shrinksDeviceZone: boolean): StateProblem[] {
  let out: StateProblem[] | null = null;
  const name = (): string => `node ${nid} zone ${ZONE_NAMES[zi]}`;
  if (z.spannedPages && !(zi === ZONE_DEVICE && !shrinksDeviceZone)) {
    for (let e = 0; e < 2; e++) {
      const edge = e === 0 ? 'start' : 'end';
      const nr = pfnToSection(e === 0 ? z.startPfn : zoneEnd(z) - 1);
      if (!hasBit(sections.get(nr), SEC_PRESENT)) {
        (out ??= []).push({
          key: `stale-zone-span:${nid}:${zi}:${edge}`,
          code: 'stale-zone-span',
          message: `${name()} spans pfn ${hex(z.startPfn)}-${hex(zoneEnd(z) - 1)}, but section ${nr} at its ${edge} has been removed: the span covers memory that is gone, so zone walkers (compaction, set_zone_contiguous, /proc/zoneinfo) look at pfns with no memmap.`,
          range: phys(sectionToPfn(nr), sectionToPfn(nr) + PAGES_PER_SECTION),
          resourceId: null,
        });
      }
    }
  }
  if (!ext) return out ?? NO_PROBLEMS;
  const lo = z.startPfn;
  const hi = z.spannedPages ? zoneEnd(z) : z.startPfn;
  const outside = firstOutside(ext, lo, hi);
  if (outside !== null) {
    (out ??= []).push({
      key: `stale-zone-span:${nid}:${zi}:miss`,
      code: 'stale-zone-span',
      message: `Section ${outside} holds ${ZONE_NAMES[zi]} pages of node ${nid}, but ${name()} spans ${z.spannedPages ? `pfn ${hex(z.startPfn)}-${hex(zoneEnd(z) - 1)}` : 'nothing (0/0)'}: the span misses memory that is there, so page_zone() of those pages points at a zone that claims not to contain them.`,
      range: phys(sectionToPfn(outside), sectionToPfn(outside) + PAGES_PER_SECTION),
      resourceId: null,
    });
  }
  return out ?? NO_PROBLEMS;
}

/** A section of [min, max] lying wholly outside the span [lo, hi), checking the two extremes. */
function firstOutside(ext: Extent, lo: number, hi: number): number | null {
  const outside = (nr: number): boolean => sectionToPfn(nr) + PAGES_PER_SECTION <= lo || sectionToPfn(nr) >= hi;
  return outside(ext.min) ? ext.min : outside(ext.max) ? ext.max : null;
}

/** Page counts that disagree: node present vs its zones, present vs spanned, managed vs present, below zero. */
export function nodeAccountingProblems(node: NodeState): StateProblem[] {
  if (!node.online && node.presentPages === 0) return NO_PROBLEMS;
  let out: StateProblem[] | null = null;
  let sum = 0;
  for (const z of node.zones) sum += z.presentPages;
  if (sum !== node.presentPages) {
    (out ??= []).push({
      key: `accounting-mismatch:${node.nid}:node`,
      code: 'accounting-mismatch',
      message: `node ${node.nid}'s node_present_pages is ${node.presentPages}, but its zones' present_pages add up to ${sum}: every consumer of the node count (vmstat, memory policies, the OOM killer's view) is off by ${node.presentPages - sum} pages.`,
      range: null,
      resourceId: null,
    });
  }
  for (let zi = 0; zi < node.zones.length; zi++) {
    const z = node.zones[zi]!;
    if (z.presentPages < 0 || z.managedPages < 0 || z.presentPages > z.spannedPages || z.managedPages > z.presentPages) {
      (out ??= []).push({
        key: `accounting-mismatch:${node.nid}:${zi}`,
        code: 'accounting-mismatch',
        message: `node ${node.nid} zone ${ZONE_NAMES[zi]} has spanned ${z.spannedPages}, present ${z.presentPages}, managed ${z.managedPages}: managed <= present <= spanned must hold.`,
        range: null,
        resourceId: null,
      });
    }
  }
  return out ?? NO_PROBLEMS;
}

/*
 * Structural invariants any kernel keeps whatever the variant: a violation that no finding
 * explains is a bug in the engine, not in the simulated kernel.
 */

/** The invariants of one section and its place in its memory block. */
export function sectionViolations(sections: SectionReader, nr: number, spb: number): string[] {
  const w = sections.get(nr);
  if (w === 0) return NONE;
  const out: string[] = [];
  if (hasBit(w, SEC_ONLINE) && !hasBit(w, SEC_PRESENT)) out.push(`section ${nr} online but not present`);
  if (hasBit(w, SEC_PRESENT) && !hasBit(w, SEC_HAS_MEM_MAP)) out.push(`section ${nr} present without a memmap`);
  if (hasBit(w, SEC_IN_BLOCK)) {
    const bs = blockStateOf(sections.get(Math.floor(nr / spb) * spb));
    if (bs === BlockState.None) out.push(`section ${nr} counted in a memory block that does not exist`);
    if (bs === BlockState.Online && !hasBit(w, SEC_ONLINE) && hasBit(w, SEC_PRESENT)) out.push(`section ${nr} offline inside online memory${Math.floor(nr / spb)}`);
    if (bs === BlockState.Offline && hasBit(w, SEC_ONLINE)) out.push(`section ${nr} online inside offline memory${Math.floor(nr / spb)}`);
  }
  return out.length ? out : NONE;
}

/**
 * Online sections (initialised, not ZONE_DEVICE) must lie inside their zone's span. With
 * the zone's extent and the number of its sections inside the span, one message per zone.
 */
export function zoneOutsideViolation(nid: number, zi: number, z: ZoneState | undefined, ext: Extent, inside: number): string | null {
  if (zi === ZONE_DEVICE) return null;
  const outside = ext.count - inside;
  if (!outside) return null;
  const empty = !z || z.spannedPages === 0;
  const example = empty || sectionToPfn(ext.min) + PAGES_PER_SECTION <= z.startPfn ? ext.min : ext.max;
  return `${outside} online section(s) of node ${nid} zone ${ZONE_NAMES[zi]} lie outside its span${empty ? ' (it spans nothing)' : ''}, for example section ${example}`;
}

/** The sections [nLo, nHi] that overlap a zone's span; nHi < nLo for an empty zone. */
export function spanSections(z: ZoneState | undefined): [number, number] {
  if (!z || z.spannedPages === 0) return [1, 0];
  return [Math.floor(z.startPfn / PAGES_PER_SECTION), Math.ceil(zoneEnd(z) / PAGES_PER_SECTION) - 1];
}

/** A zone never holds more pages than it spans; a node's pages are its zones' pages. */
export function nodeViolations(node: NodeState): string[] {
  let out: string[] | null = null;
  let sum = 0;
  for (let zi = 0; zi < node.zones.length; zi++) {
    const z = node.zones[zi]!;
    sum += z.presentPages;
    if (z.presentPages > z.spannedPages) (out ??= []).push(`node ${node.nid} zone ${ZONE_NAMES[zi]}: present ${z.presentPages} > spanned ${z.spannedPages}`);
  }
  if (sum !== node.presentPages) (out ??= []).push(`node ${node.nid}: node_present_pages ${node.presentPages} != sum of zones ${sum}`);
  return out ?? NONE;
}

/** The invariants of one child in its sibling list: ordered, not overlapping, inside its parent. */
export function childViolations(parent: Resource, i: number, path: string): string[] {
  const c = parent.children.at(i)!;
  const prevEnd = i > 0 ? parent.children.at(i - 1)!.end : -1;
  const out: string[] = [];
  if (c.start > c.end) out.push(`iomem ${path}"${c.name}": start > end`);
  if (c.start <= prevEnd) out.push(`iomem ${path}"${c.name}" overlaps or precedes its previous sibling`);
  if (c.start < parent.start || c.end > parent.end) out.push(`iomem ${path}"${c.name}" lies outside its parent "${parent.name}"`);
  return out.length ? out : NONE;
}

export const childPath = (path: string, r: Resource): string => `${path}"${r.name}" > `;

const NONE: string[] = [];
const NO_PROBLEMS: StateProblem[] = [];

/**
 * Everything wrong in one whole snapshot: the problems a finding reports and the invariant
 * violations that would be engine defects. It reads every section, zone and resource, so
 * the replay asks the per-step checker instead; tests hold the two to the same answers.
 */
export function checkState(s: KernelState, shrinksDeviceZone: boolean): { problems: StateProblem[]; violations: string[] } {
  const spb = sectionsPerBlock(s.blockSizeBytes);
  const problems: StateProblem[] = [];
  const violations: string[] = [];
  const ext = new Map<number, Extent>();
  const insideOf = new Map<number, number>();
  const all = s.sections.nonZeroSections();
  for (const nr of all) {
    const key = ownedKey(s.sections.get(nr));
    if (key < 0) continue;
    const e = ext.get(key);
    if (!e) ext.set(key, { min: nr, max: nr, count: 1 });
    else {
      e.max = nr;
      e.count++;
    }
    const [lo, hi] = spanSections(s.nodes[Math.floor(key / 8)]?.zones[key % 8]);
    if (nr >= lo && nr <= hi) insideOf.set(key, (insideOf.get(key) ?? 0) + 1);
  }

  const walk = (parent: Resource, path: string): void => {
    parent.children.forEach((c, i) => {
      violations.push(...childViolations(parent, i, path));
      if (isRamResource(c)) {
        const [lo, hi] = resourceSections(c);
        for (let nr = lo; nr <= hi; nr++) {
          if (!hasBit(s.sections.get(nr), SEC_PRESENT)) {
            problems.push(staleResourceProblem(c, nr));
            break;
          }
        }
      }
      if (c.children.length) walk(c, childPath(path, c));
    });
  };
  walk(s.iomem, '');

  for (const node of s.nodes) {
    if (!node.online) continue;
    node.zones.forEach((z, zi) => problems.push(...zoneSpanProblems(s.sections, node.nid, zi, z, ext.get(node.nid * 8 + zi) ?? null, shrinksDeviceZone)));
  }
  for (const node of s.nodes) problems.push(...nodeAccountingProblems(node));

  for (const nr of all) violations.push(...sectionViolations(s.sections, nr, spb));
  for (const [key, e] of ext) {
    const v = zoneOutsideViolation(Math.floor(key / 8), key % 8, s.nodes[Math.floor(key / 8)]?.zones[key % 8], e, insideOf.get(key) ?? 0);
    if (v) violations.push(v);
  }
  for (const node of s.nodes) violations.push(...nodeViolations(node));
  return { problems, violations };
}

/** The invariant violations of a whole snapshot (tests). */
export function invariantViolations(s: KernelState): string[] {
  return checkState(s, true).violations;
}
