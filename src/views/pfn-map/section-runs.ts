/**
 * Two summaries of a state's sections, built once per state (O(n)) and cached on its slice,
 * which never changes:
 * - runs: consecutive sections with the same word. Real machines have long runs (every boot
 *   section of a zone reads alike), so a close-up redraw walks runs, not sections.
 * - chunks: one cell per 64 sections with the kinds, nodes and block states in it. When a
 *   chunk is narrower than a pixel, the redraw takes the cell and skips its runs, so even
 *   2^19 sections that all differ cost at most 2^13 steps per frame.
 */
import { blockStateOf, nidOf } from '../../engine/state/section-bits';
import type { SectionSlice } from '../../engine/views/view-types';
import { kindOf, zoneKnown } from './section-kinds';
import { NR_MEM_SECTIONS } from '../../engine/arch';
import { sortedSlice } from './sorted-slice';

export const CHUNK_SHIFT = 6;

export interface SectionRuns {
  /** first section of each run, ascending */
  start: Int32Array;
  /** one past the last section */
  end: Int32Array;
  word: Uint32Array;
  chunks: {
    /** chunk number (section >> CHUNK_SHIFT), ascending; only chunks with a non-zero section */
    index: Int32Array;
    /** lowest and one past the highest non-zero section in the chunk */
    lo: Int32Array;
    hi: Int32Array;
    kinds: Uint16Array;
    nids: Uint32Array;
    /** bit BlockState-1 of the blocks that start in the chunk */
    blocks: Uint8Array;
  };
}

const cache = new WeakMap<SectionSlice, SectionRuns>();
// Module-level bindings of imports for the loop over every section (see section-kinds.ts).
const kindOfWord = kindOf;
const blockOf = blockStateOf;
const hasZone = zoneKnown;
const nodeOf = nidOf;

export function sectionRuns(slice: SectionSlice): SectionRuns {
  const hit = cache.get(slice);
  if (hit) return hit;
  const { nr, words } = sortedSlice(slice);
  const n = nr.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const word = new Uint32Array(n);
  const cn = Math.min(n, NR_MEM_SECTIONS >> CHUNK_SHIFT);
  const c = { index: new Int32Array(cn), lo: new Int32Array(cn), hi: new Int32Array(cn), kinds: new Uint16Array(cn), nids: new Uint32Array(cn), blocks: new Uint8Array(cn) };
  let r = -1;
  let j = -1;
  for (let i = 0; i < n; i++) {
    const s = nr[i]!;
    const w = words[i]!;
    if (w === 0) continue;
    if (r >= 0 && end[r] === s && word[r] === w) end[r] = s + 1;
    else {
      r++;
      start[r] = s;
      end[r] = s + 1;
      word[r] = w;
    }
    if (j < 0 || c.index[j] !== s >> CHUNK_SHIFT) {
      j++;
      c.index[j] = s >> CHUNK_SHIFT;
      c.lo[j] = s;
    }
    const kind = kindOfWord(w);
    const bs = blockOf(w);
    c.hi[j] = s + 1;
    c.kinds[j] = c.kinds[j]! | (1 << kind);
    if (hasZone(kind)) c.nids[j] = c.nids[j]! | (1 << (nodeOf(w) & 31));
    if (bs) c.blocks[j] = c.blocks[j]! | (1 << (bs - 1));
  }
  const runs: SectionRuns = {
    start: start.slice(0, r + 1),
    end: end.slice(0, r + 1),
    word: word.slice(0, r + 1),
    chunks: {
      index: c.index.slice(0, j + 1),
      lo: c.lo.slice(0, j + 1),
      hi: c.hi.slice(0, j + 1),
      kinds: c.kinds.slice(0, j + 1),
      nids: c.nids.slice(0, j + 1),
      blocks: c.blocks.slice(0, j + 1),
    },
  };
  cache.set(slice, runs);
  return runs;
}

/**
 * Sections whose word differs between two states, by walking both states' runs side by
 * side: O(runs + changes), where a merge of the section lists is O(sections). A 64 TiB
 * machine is half a million sections but a few runs, and a step changes a handful.
 * Same answer as sorted-slice's changedSections.
 */
export function changedSectionsByRuns(cur: SectionSlice, prev: SectionSlice | null): Int32Array {
  if (!prev) return new Int32Array(0);
  const a = sectionRuns(cur);
  const b = sectionRuns(prev);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  let x = Math.min(a.start[0] ?? Infinity, b.start[0] ?? Infinity);
  while (x < Infinity) {
    while (i < a.start.length && a.end[i]! <= x) i++;
    while (j < b.start.length && b.end[j]! <= x) j++;
    const inA = i < a.start.length && a.start[i]! <= x;
    const inB = j < b.start.length && b.start[j]! <= x;
    // the next place where either side's word may change
    const nextA = i < a.start.length ? (inA ? a.end[i]! : a.start[i]!) : Infinity;
    const nextB = j < b.start.length ? (inB ? b.end[j]! : b.start[j]!) : Infinity;
    const next = Math.min(nextA, nextB);
    const wa = inA ? a.word[i]! : 0;
    const wb = inB ? b.word[j]! : 0;
    if (wa !== wb) for (let n = x; n < next; n++) out.push(n);
    x = next;
  }
  return Int32Array.from(out);
}
