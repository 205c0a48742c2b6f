/**
 * A piecewise-linear x scale over section numbers that folds the long empty stretches of the
 * 2^46-byte space, so that boot RAM, a hot-added block at 4 GiB and a device at 64 TiB are all
 * visible at once. The domain is continuous: section n covers [x(n), x(n + 1)).
 */
import { NR_MEM_SECTIONS, PAGES_PER_SECTION, SECTION_SIZE_BYTES } from '../../engine/arch';
import type { StateView } from '../../engine/views/view-types';
import { sizeLabel } from './address-format';
import { foldedTicks, type Tick } from './folded-ticks';
import type { Piece } from './piece';

export type { Piece } from './piece';
import { sectionRuns } from './section-runs';


export interface FoldedScale {
  width: number;
  /** segments and breaks together, in address order, covering [0, NR_MEM_SECTIONS) and [0, width) */
  pieces: readonly Piece[];
  segments: readonly Piece[];
  breaks: readonly Piece[];
  /** left edge of section `nr` (fractional sections allowed, for byte addresses) */
  x(sectionNr: number): number;
  /** the section under pixel `px` */
  invert(px: number): number;
  /** axis ticks for the view transform (k, tx) of d3-zoom; identity by default */
  ticks(k?: number, tx?: number): Tick[];
  /** the zoom factor at which one section of the densest segment is 40 px wide */
  maxZoom: number;
}

/** Gaps up to 8 GiB stay linear: PCI holes below 4 GiB read better unfolded. */
const FIRST_GAP = 64;
const SECTION_PX_AT_MAX_ZOOM = 40;

type Runs = Array<[number, number]>;

/** Every section worth seeing: non-zero words, zone and node span edges, top-level iomem edges. */
function interestingRuns(state: StateView): Runs {
  const runs: Runs = [];
  // Runs of identical words (cached per state), joined where they touch.
  const { start, end } = sectionRuns(state.sections);
  for (let i = 0; i < start.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last[1] === start[i]) last[1] = end[i]!;
    else runs.push([start[i]!, end[i]!]);
  }
  const points: number[] = [];
  const clamp = (s: number) => Math.min(NR_MEM_SECTIONS - 1, Math.max(0, Math.floor(s)));
  const span = (startPfn: number, pages: number) => {
    if (pages <= 0) return;
    points.push(clamp(startPfn / PAGES_PER_SECTION), clamp((startPfn + pages - 1) / PAGES_PER_SECTION));
  };
  for (const node of state.nodes) {
    span(node.startPfn, node.spannedPages);
    for (const z of node.zones) span(z.startPfn, z.spannedPages);
  }
  for (const r of state.iomem.children) points.push(clamp(r.start / SECTION_SIZE_BYTES), clamp(r.end / SECTION_SIZE_BYTES));
  points.sort((a, b) => a - b);
  return mergeRuns(runs, points.map((p) => [p, p + 1]), 0);
}

/** Merges two sorted run lists, joining runs whose gap is at most `gap` sections. */
function mergeRuns(a: Runs, b: Runs, gap: number): Runs {
  const out: Runs = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!;
    const last = out[out.length - 1];
    if (last && next[0] - last[1] <= gap) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

function layout(runs: Runs, gap: number, width: number, breakPx: number, minPx: number): Piece[] {
  const spans: Array<{ s0: number; s1: number; folded: boolean }> = [];
  let at = 0;
  for (const [a, b] of runs) {
    if (a - at > gap) spans.push({ s0: at, s1: a, folded: true }, { s0: a, s1: b, folded: false });
    else if (spans.length) spans[spans.length - 1]!.s1 = b; // a short gap joins the segment before
    else spans.push({ s0: 0, s1: b, folded: false });
    at = b;
  }
  if (NR_MEM_SECTIONS - at > gap) spans.push({ s0: at, s1: NR_MEM_SECTIONS, folded: true });
  else spans[spans.length - 1]!.s1 = NR_MEM_SECTIONS;
  const segs = spans.filter((s) => !s.folded);
  const total = segs.reduce((t, s) => t + s.s1 - s.s0, 0);
  const spare = width - (spans.length - segs.length) * breakPx - segs.length * minPx;
  let x = 0;
  return spans.map((s) => {
    const w = s.folded ? breakPx : minPx + (spare * (s.s1 - s.s0)) / total;
    const piece = { ...s, x0: x, x1: x + w, label: s.folded ? sizeLabel((s.s1 - s.s0) * SECTION_SIZE_BYTES) : '' };
    x += w;
    return piece;
  });
}

export function buildFoldedScale(state: StateView, width: number): FoldedScale {
  const breakPx = Math.min(48, Math.max(16, Math.round(width * 0.045)));
  const minPx = Math.min(16, Math.max(6, Math.round(width * 0.012)));
  let runs = interestingRuns(state);
  let gap = FIRST_GAP;
  let pieces: Piece[];
  if (runs.length === 0) pieces = [{ s0: 0, s1: NR_MEM_SECTIONS, x0: 0, x1: width, folded: false, label: '' }];
  else {
    // Too many pieces to keep each readable: fold only longer gaps until they fit.
    for (;;) {
      runs = mergeRuns(runs, [], gap);
      const fixed = runs.length * minPx + (runs.length + 1) * breakPx;
      if (fixed <= width * 0.75 || runs.length === 1) break;
      gap *= 4;
    }
    pieces = layout(runs, gap, width, breakPx, minPx);
  }
  pieces[pieces.length - 1]!.x1 = width; // no rounding drift at the right edge
  return scaleOf(pieces, width);
}

function scaleOf(pieces: Piece[], width: number): FoldedScale {
  const bySection = (n: number): Piece => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (pieces[mid]!.s0 <= n) lo = mid;
      else hi = mid - 1;
    }
    return pieces[lo]!;
  };
  const byPixel = (px: number): Piece => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (pieces[mid]!.x0 <= px) lo = mid;
      else hi = mid - 1;
    }
    return pieces[lo]!;
  };
  const x = (n: number): number => {
    if (n >= NR_MEM_SECTIONS) return width;
    const p = bySection(n);
    return p.x0 + ((n - p.s0) * (p.x1 - p.x0)) / (p.s1 - p.s0);
  };
  const invert = (px: number): number => {
    const p = byPixel(px);
    // The epsilon absorbs float error so that invert(x(n)) is n, not n - 1e-11 floored.
    const n = Math.floor(p.s0 + ((px - p.x0) * (p.s1 - p.s0)) / (p.x1 - p.x0) + 1e-6);
    return Math.min(NR_MEM_SECTIONS - 1, Math.max(0, n));
  };
  const segments = pieces.filter((p) => !p.folded);
  const densest = Math.min(...segments.map((p) => (p.x1 - p.x0) / (p.s1 - p.s0)));
  return {
    width,
    pieces,
    segments,
    breaks: pieces.filter((p) => p.folded),
    x,
    invert,
    ticks: (k = 1, tx = 0) => foldedTicks(pieces, width, k, tx),
    maxZoom: Math.max(1, SECTION_PX_AT_MAX_ZOOM / densest),
  };
}
