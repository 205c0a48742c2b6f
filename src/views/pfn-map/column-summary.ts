/**
 * Level of detail: whatever the zoom, the map never draws more than one mark per pixel
 * column. This folds the visible sections into per-column masks of the kinds, nodes and
 * block states that occur there. It walks the visible part of the sparse slice, as 64-section
 * chunk summaries where a chunk is under a pixel wide and as runs of identical sections
 * elsewhere (section-runs.ts): never the 2^19-entry space.
 */
import { blockStateOf, nidOf } from '../../engine/state/section-bits';
import type { SectionSlice } from '../../engine/views/view-types';
import type { FoldedScale } from './folded-scale';
import { kindOf, zoneKnown } from './section-kinds';
import { CHUNK_SHIFT, sectionRuns } from './section-runs';
import { lowerBound } from './sorted-slice';

export interface View {
  /** d3-zoom's scale and x translation (x only: the map zooms along the address axis) */
  k: number;
  tx: number;
}

export interface ColumnSummary {
  width: number;
  /** bit mask of section kinds (section-kinds.ts) per column */
  kinds: Uint16Array;
  /** bit (nid % 32) for every node with a present, initialised section in the column */
  nids: Uint32Array;
  /** 1 where a section changed since the previous step */
  changed: Uint8Array;
  /** bit BlockState-1 for every memory block state in the column; BLOCK_START where a wide-enough block begins */
  blocks: Uint8Array;
  /** how many chunks and runs the walk visited (for tests: proves the walk is bounded) */
  visited: number;
}

export const BLOCK_START = 8;
/** Block boundaries are only worth a mark when blocks are this wide. */
const MIN_BLOCK_PX = 4;

// Module-level bindings of imports for the hot loop (see section-kinds.ts for why).
const blockOf = blockStateOf;
const nodeOf = nidOf;
const kindOfWord = kindOf;
const hasZone = zoneKnown;

/** Screen x of ascending section numbers: linear inside the current piece, advanced, not searched. */
class Walker {
  private pi = -1;
  private s0 = 0;
  private base = 0;
  s1 = -Infinity;
  ppsK = 0;
  constructor(
    private readonly scale: FoldedScale,
    private readonly view: View,
  ) {}
  /** n must not decrease between calls */
  x(n: number): number {
    while (n >= this.s1 && this.pi < this.scale.pieces.length - 1) {
      const p = this.scale.pieces[++this.pi]!;
      this.s0 = p.s0;
      this.s1 = p.s1;
      this.ppsK = ((p.x1 - p.x0) / (p.s1 - p.s0)) * this.view.k;
      this.base = p.x0 * this.view.k + this.view.tx;
    }
    return this.base + (n - this.s0) * this.ppsK;
  }
  /** any n at or after the current piece's start; beyond the piece it searches */
  ahead(n: number): number {
    return n <= this.s1 ? this.base + (n - this.s0) * this.ppsK : this.scale.x(n) * this.view.k + this.view.tx;
  }
}

export function summarizeColumns(slice: SectionSlice, scale: FoldedScale, view: View, width: number, changed: Int32Array, perBlock: number): ColumnSummary {
  const cols = Math.max(0, Math.ceil(width));
  const out: ColumnSummary = { width: cols, kinds: new Uint16Array(cols), nids: new Uint32Array(cols), changed: new Uint8Array(cols), blocks: new Uint8Array(cols), visited: 0 };
  const { kinds, nids, blocks } = out;
  const firstNr = scale.invert(-view.tx / view.k);
  const lastNr = scale.invert((width - view.tx) / view.k);
  const { start, end, word, chunks } = sectionRuns(slice);
  const walk = new Walker(scale, view);
  let lastW = -1;
  let lastC0 = -1;
  let lastC1 = -1;
  let lastB = 0;
  let lastBc0 = -1;
  let lastBc1 = -1;
  let r = 0;
  const firstChunk = lowerBound(chunks.index, (firstNr - perBlock + 1) >> CHUNK_SHIFT);
  for (let ci = firstChunk, ce = lowerBound(chunks.index, (lastNr >> CHUNK_SHIFT) + 1); ci < ce; ci++) {
    const lo = chunks.lo[ci]!;
    const hi = chunks.hi[ci]!;
    out.visited++;
    const x0 = walk.x(lo);
    const c0 = Math.round(x0);
    const c1 = Math.max(c0 + 1, Math.round(walk.ahead(hi)));
    if (c1 - c0 <= 1) {
      // The whole chunk falls in one column: take its summary, skip its runs.
      if (c0 >= 0 && c0 < cols) {
        kinds[c0] = kinds[c0]! | chunks.kinds[ci]!;
        nids[c0] = nids[c0]! | chunks.nids[ci]!;
        blocks[c0] = blocks[c0]! | chunks.blocks[ci]!;
      }
      continue;
    }
    // Wider than a pixel: walk its runs, clipped to the chunk (a long run spans many chunks).
    if (r >= start.length || end[r]! <= lo) r = lowerBound(end, lo + 1);
    for (; r < start.length && start[r]! < hi; r++) {
      const n0 = Math.max(start[r]!, lo);
      const n1 = Math.min(end[r]!, hi);
      const w = word[r]!;
      out.visited++;
      const rc0 = Math.round(walk.x(n0));
      const rc1 = Math.max(rc0 + 1, Math.round(walk.ahead(n1)));
      const bs = blockOf(w);
      if (bs !== 0) {
        // Every section of the run is a block's first (only those carry block state).
        const bc1 = Math.max(rc0 + 1, Math.round(walk.ahead(n1 - 1 + perBlock)));
        if (bs !== lastB || rc0 !== lastBc0 || bc1 !== lastBc1) {
          for (let c = Math.max(0, rc0), e = Math.min(cols, bc1); c < e; c++) blocks[c] = blocks[c]! | (1 << (bs - 1));
        }
        lastB = bs;
        lastBc0 = rc0;
        lastBc1 = bc1;
        if (perBlock * walk.ppsK >= MIN_BLOCK_PX) markStarts(blocks, walk, n0, Math.min(n1, lastNr + 1));
      }
      // Repeats of the same word in the same columns add nothing: skip them.
      if (w === lastW && rc0 === lastC0 && rc1 === lastC1) continue;
      lastW = w;
      lastC0 = rc0;
      lastC1 = rc1;
      const kd = kindOfWord(w);
      const kbit = 1 << kd;
      const nbit = hasZone(kd) ? 1 << (nodeOf(w) & 31) : 0;
      // Separate typed arrays, each access monomorphic: this loop is the hot one.
      for (let c = Math.max(0, rc0), e = Math.min(cols, rc1); c < e; c++) {
        kinds[c] = kinds[c]! | kbit;
        nids[c] = nids[c]! | nbit;
      }
    }
    if (r > 0 && end[r - 1]! > hi) r--; // the last run goes on into the next chunk
  }
  const walkChanged = new Walker(scale, view);
  for (let i = lowerBound(changed, firstNr), e = lowerBound(changed, lastNr + 1); i < e; i++) {
    const n = changed[i]!;
    const c0 = Math.round(walkChanged.x(n));
    const c1 = Math.max(c0 + 1, Math.round(walkChanged.ahead(n + 1)));
    for (let c = Math.max(0, c0), ce = Math.min(cols, c1); c < ce; c++) out.changed[c] = 1;
  }
  return out;
}

/** Block starts get a mark only when blocks are wide enough to see; then few are on screen. */
function markStarts(blocks: Uint8Array, walk: Walker, n0: number, n1: number): void {
  for (let n = n0; n < n1; n++) {
    const c = Math.round(walk.ahead(n));
    if (c >= 0 && c < blocks.length) blocks[c] = blocks[c]! | BLOCK_START;
  }
}
