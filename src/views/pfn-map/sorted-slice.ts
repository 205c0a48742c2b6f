/**
 * Section lists in ascending order. The engine already emits them sorted (SectionTable keeps
 * nonZero sorted), but a view must not trust that silently: checking costs O(n), sorting only
 * happens when the promise is broken. Cached per slice, since a slice never changes.
 */
import type { SectionSlice } from '../../engine/views/view-types';

const cache = new WeakMap<SectionSlice, SectionSlice>();

export function sortedSlice(slice: SectionSlice): SectionSlice {
  const hit = cache.get(slice);
  if (hit) return hit;
  let sorted = true;
  for (let i = 1; i < slice.nr.length && sorted; i++) sorted = slice.nr[i - 1]! < slice.nr[i]!;
  const out = sorted ? slice : sortPairs(slice);
  cache.set(slice, out);
  return out;
}

/** Packs (nr, word) into one double so the native numeric sort does the work, no comparator. */
function sortPairs(slice: SectionSlice): SectionSlice {
  const packed = new Float64Array(slice.nr.length);
  for (let i = 0; i < packed.length; i++) packed[i] = slice.nr[i]! * 2 ** 32 + slice.words[i]!;
  packed.sort();
  const nr = new Int32Array(packed.length);
  const words = new Uint32Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    nr[i] = Math.floor(packed[i]! / 2 ** 32);
    words[i] = packed[i]! % 2 ** 32;
  }
  return { nr, words };
}

/** First index of `list` whose value is >= x. */
export function lowerBound(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The word of section `nr`, 0 when the slice does not list it. */
export function wordAt(slice: SectionSlice, nr: number): number {
  const i = lowerBound(slice.nr, nr);
  return slice.nr[i] === nr ? slice.words[i]! : 0;
}

/**
 * Sections whose word differs between two states (appeared, vanished or changed), by a merge
 * walk of both sorted lists: O(n + m), no 2^19 scan.
 */
export function changedSections(cur: SectionSlice, prev: SectionSlice | null): Int32Array {
  if (!prev) return new Int32Array(0);
  const a = sortedSlice(cur);
  const b = sortedSlice(prev);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.nr.length || j < b.nr.length) {
    const na = i < a.nr.length ? a.nr[i]! : Infinity;
    const nb = j < b.nr.length ? b.nr[j]! : Infinity;
    if (na === nb) {
      if (a.words[i] !== b.words[j]) out.push(na);
      i++;
      j++;
    } else if (na < nb) out.push(a.nr[i++]!);
    else out.push(b.nr[j++]!);
  }
  return Int32Array.from(out);
}
