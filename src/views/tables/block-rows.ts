/**
 * The memory blocks of a state, built on the page from its section words: a block's state
 * and node live in its first section's word, so the index is two typed arrays, and a row
 * (with its valid_zones, which reads the zones) is built only when it is on screen. The
 * sysfs listing is built whole only for export.
 */
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import { type BlockView, type BlockZoneReader, blockSizeLine, memoryBlockLine, physIndexOf, validZones } from '../../engine/format/sys-memory';
import { BLOCK_STATE_NAMES } from '../../engine/mm/memory-block';
import { BlockState, blockNidOf, blockStateOf } from '../../engine/state/section-bits';
import { parseNumber } from '../../scenario/numbers';
import type { StateView } from '../../engine/views/view-types';
import { changedSectionsByRuns } from '../pfn-map/section-runs';
import { lowerBound, sortedSlice, wordAt } from '../pfn-map/sorted-slice';

export interface BlockIndex {
  /** block ids, ascending */
  ids: Int32Array;
  /** the word of each block's first section: its state and node */
  words: Uint32Array;
  /** how many blocks are in each state (by BlockState) */
  byState: number[];
}

const cache = new WeakMap<StateView, BlockIndex>();

const sectionsPerBlockOf = (s: StateView): number => Math.max(1, Math.round(s.blockSizeBytes / SECTION_SIZE_BYTES));

/** Every block of the state, in one pass over its non-zero sections (cached per state). */
export function blockIndex(state: StateView): BlockIndex {
  const hit = cache.get(state);
  if (hit) return hit;
  const { nr, words } = sortedSlice(state.sections);
  const spb = sectionsPerBlockOf(state);
  const ids = new Int32Array(nr.length);
  const ws = new Uint32Array(nr.length);
  const byState = [0, 0, 0, 0];
  let n = 0;
  for (let i = 0; i < nr.length; i++) {
    const s = nr[i]!;
    const w = words[i]!;
    const st = blockStateOf(w);
    // Block fields are kept in the block's first section only.
    if (st === BlockState.None || s % spb !== 0) continue;
    ids[n] = s / spb;
    ws[n] = w;
    byState[st]!++;
    n++;
  }
  const index = { ids: ids.slice(0, n), words: ws.slice(0, n), byState };
  cache.set(state, index);
  return index;
}

const readers = new WeakMap<StateView, BlockZoneReader>();
/** valid_zones reads sections by number: here, a binary search of the state's sorted slice. */
function readerOf(state: StateView): BlockZoneReader {
  let r = readers.get(state);
  if (!r) {
    const slice = sortedSlice(state.sections);
    const next = (from: number, to = Infinity): number => {
      const i = lowerBound(slice.nr, from);
      return i < slice.nr.length && slice.nr[i]! < to ? slice.nr[i]! : -1;
    };
    r = { sections: { get: (nr) => wordAt(slice, nr), nextNonZero: next }, nodes: state.nodes, blockSizeBytes: state.blockSizeBytes };
    readers.set(state, r);
  }
  return r;
}

/** Row `i` of the index as sysfs shows it. */
export function blockView(state: StateView, index: BlockIndex, i: number): BlockView {
  const id = index.ids[i]!;
  const w = index.words[i]!;
  const st = blockStateOf(w);
  const nid = blockNidOf(w);
  return { id, physIndex: physIndexOf(id), state: BLOCK_STATE_NAMES[st], nid, validZones: validZones(readerOf(state), state.movableNode, id, st, nid, state.autoMovable ?? null) };
}

/** The row of block `id`, or -1. */
export function rowOfBlock(index: BlockIndex, id: number): number {
  const i = lowerBound(index.ids, id);
  return index.ids[i] === id ? i : -1;
}

/** The block with this id in `state`, or null. */
function blockById(state: StateView, id: number): BlockView | null {
  const index = blockIndex(state);
  const i = rowOfBlock(index, id);
  return i < 0 ? null : blockView(state, index, i);
}

/** How a block's row differs from the step before: appeared, or its state or zones changed. */
export function blockChange(b: BlockView, previous: StateView | null): '' | 'added' | 'changed' {
  if (!previous) return '';
  const p = blockById(previous, b.id);
  if (!p) return 'added';
  return p.state !== b.state || p.validZones !== b.validZones || p.nid !== b.nid ? 'changed' : '';
}

/** /sys/devices/system/memory as `block_size_bytes` and one line per block: the file Export writes. */
export function memoryText(state: StateView): string {
  const index = blockIndex(state);
  const lines = [blockSizeLine(state.blockSizeBytes)];
  for (let i = 0; i < index.ids.length; i++) lines.push(memoryBlockLine(blockView(state, index, i)));
  return lines.join('\n') + '\n';
}

/** The blocks of `previous` that `current` no longer has (removed at this step), ascending. */
export function removedBlocks(current: BlockIndex, previous: BlockIndex | null): Int32Array {
  if (!previous) return new Int32Array(0);
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < previous.ids.length; i++) {
    const id = previous.ids[i]!;
    while (j < current.ids.length && current.ids[j]! < id) j++;
    if (current.ids[j] !== id) out.push(id);
  }
  return Int32Array.from(out);
}

export type BlockQuery = { ok: true; id: number; by: 'number' | 'address' } | { ok: false; reason: string };

/**
 * What the user typed in the block search: `memory42` or `42` (a block number), or an
 * address (`0x140000000`, `5G`): the block that holds it.
 */
export function parseBlockQuery(text: string, blockSizeBytes: number): BlockQuery {
  const t = text.trim();
  if (!t) return { ok: false, reason: 'Type a block number (memory42 or 42) or an address (0x140000000 or 5G).' };
  const named = /^memory(\d+)$/i.exec(t);
  if (named || /^\d+$/.test(t)) return { ok: true, id: Number(named ? named[1] : t), by: 'number' };
  const n = parseNumber(t);
  if (!n.ok) return { ok: false, reason: `${n.reason}. Type a block number (memory42 or 42) or an address (0x140000000 or 5G).` };
  return { ok: true, id: Math.floor(n.value / blockSizeBytes), by: 'address' };
}

/**
 * The blocks a step removed, from the sections it changed (few) rather than both block
 * lists (half a million on the biggest machine). Same answer as removedBlocks.
 */
export function removedAtStep(state: StateView, previous: StateView | null): Int32Array {
  if (!previous) return new Int32Array(0);
  const spb = sectionsPerBlockOf(previous);
  const cur = sortedSlice(state.sections);
  const prev = sortedSlice(previous.sections);
  const out: number[] = [];
  for (const s of changedSectionsByRuns(state.sections, previous.sections)) {
    if (s % spb !== 0) continue;
    if (blockStateOf(wordAt(prev, s)) !== BlockState.None && blockStateOf(wordAt(cur, s)) === BlockState.None) out.push(s / spb);
  }
  return Int32Array.from(out);
}

/**
 * The row of the first block a step changed, from the sections it changed (few), or -1: a
 * block the step removed has no row, so the row after where it was.
 */
export function firstChangedBlockRow(state: StateView, previous: StateView | null): number {
  if (!previous) return -1;
  const changed = changedSectionsByRuns(state.sections, previous.sections);
  if (changed.length === 0) return -1;
  const index = blockIndex(state);
  const i = lowerBound(index.ids, Math.floor(changed[0]! / sectionsPerBlockOf(state)));
  return Math.min(i, index.ids.length - 1);
}
