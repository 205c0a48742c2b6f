/**
 * The map as sentences, for screen readers and tests: one line per segment or fold, then the
 * node and zone spans (whose overreach the bands show), then what changed.
 */
import { PAGE_SIZE, SECTION_SIZE_BYTES } from '../../engine/arch';
import { zoneOf } from '../../engine/state/section-bits';
import type { SectionSlice, StateView } from '../../engine/views/view-types';
import { rangeLabel, sizeLabel } from './address-format';
import type { FoldedScale, Piece } from './folded-scale';
import { K_ABSENT, K_DEVICE, K_NO_MEMMAP, K_OFFLINE, K_POISONED, K_UNINIT, kindOf, ZONES } from './section-kinds';
import { sectionRuns } from './section-runs';
import { lowerBound } from './sorted-slice';

const count = (n: number, what = 'section') => `${n} ${what}${n === 1 ? '' : 's'}`;

function describeSegment(p: Piece, sections: SectionSlice, state: StateView): string {
  const byKind = new Array<number>(K_ABSENT + 1).fill(0);
  const onlineZones = new Set<number>();
  const offlineZones = new Set<number>();
  // Runs of identical words (cached per state): a 64 TiB machine is a few runs, not 2^19 sections.
  const { start, end, word } = sectionRuns(sections);
  for (let i = Math.max(0, lowerBound(end, p.s0 + 1)); i < start.length && start[i]! < p.s1; i++) {
    const w = word[i]!;
    const n = Math.min(end[i]!, p.s1) - Math.max(start[i]!, p.s0);
    const kind = kindOf(w);
    byKind[kind]! += n;
    if (kind < K_OFFLINE) onlineZones.add(zoneOf(w));
    else if (kind < K_DEVICE) offlineZones.add(zoneOf(w));
  }
  const zones = (s: Set<number>) => [...s].sort((a, b) => a - b).map((z) => ZONES[z]).join(', ');
  const sum = (a: number, b: number) => byKind.slice(a, b).reduce((t, n) => t + n, 0);
  const parts: string[] = [];
  if (sum(0, K_OFFLINE)) parts.push(`${count(sum(0, K_OFFLINE))} online (${zones(onlineZones)})`);
  if (sum(K_OFFLINE, K_DEVICE)) parts.push(`${count(sum(K_OFFLINE, K_DEVICE))} offline (${zones(offlineZones)})`);
  if (byKind[K_DEVICE]) parts.push(`${count(byKind[K_DEVICE]!)} ZONE_DEVICE`);
  if (byKind[K_POISONED]) parts.push(`${count(byKind[K_POISONED]!)} with a poisoned memmap (never initialised)`);
  if (byKind[K_UNINIT]) parts.push(`${count(byKind[K_UNINIT]!)} with an uninitialised memmap`);
  if (byKind[K_NO_MEMMAP]) parts.push(`${count(byKind[K_NO_MEMMAP]!)} present without memmap`);
  if (byKind[K_ABSENT]) parts.push(`${count(byKind[K_ABSENT]!)} not present, with stale state`);
  if (!parts.length) parts.push('no sections present');
  return describePiece(p, parts, state);
}

/** The range, what is in it, and the top-level iomem entries over it (a fold may lie inside one). */
function describePiece(p: Piece, parts: string[], state: StateView): string {
  const lo = p.s0 * SECTION_SIZE_BYTES;
  const hi = p.s1 * SECTION_SIZE_BYTES;
  const names = [...new Set(state.iomem.children.filter((r) => r.start < hi && r.end >= lo).map((r) => r.name))];
  if (names.length) parts.push(`iomem: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}`);
  return `${rangeLabel(lo, hi - 1)}: ${parts.join('; ')}`;
}

function describeSpan(what: string, startPfn: number, pages: number, presentPages: number): string {
  const start = startPfn * PAGE_SIZE;
  const end = (startPfn + pages) * PAGE_SIZE;
  return `${what} spans ${rangeLabel(start, end - 1)} (${sizeLabel(end - start)}), ${sizeLabel(presentPages * PAGE_SIZE)} present`;
}

export function describeMap(state: StateView, sections: SectionSlice, scale: FoldedScale, changed: Int32Array, hasPrevious: boolean): string[] {
  const lines = scale.pieces.map((p) => (p.folded ? describePiece(p, [`${p.label} without sections (folded)`], state) : describeSegment(p, sections, state)));
  for (const node of state.nodes) {
    if (node.spannedPages > 0) lines.push(describeSpan(`node ${node.nid}`, node.startPfn, node.spannedPages, node.presentPages));
    for (const z of node.zones) {
      if (z.spannedPages > 0) lines.push(describeSpan(`zone ${z.name} of node ${node.nid}`, z.startPfn, z.spannedPages, z.presentPages));
    }
  }
  if (hasPrevious) lines.push(changed.length ? `${count(changed.length)} changed since the previous step` : 'no section changed since the previous step');
  return lines;
}

/** A short summary for the canvas's aria-label; the list carries the detail. */
export function mapAriaLabel(state: StateView, scale: FoldedScale): string {
  const present = state.sections.nr.length;
  return `Physical address map, 0 to 64 TiB, step ${state.step}: ${count(present, 'non-empty section')} in ${count(scale.segments.length, 'segment')}, ${count(scale.breaks.length, 'folded empty gap')}. The list below describes each.`;
}
