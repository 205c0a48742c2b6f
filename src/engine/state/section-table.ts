import { NR_MEM_SECTIONS } from '../arch';

/**
 * A persistent array of one Uint32 per section (2^19 of them), as a three-level
 * radix: 128 roots x 64 mids x 64-word leaves. Snapshots share every leaf that a
 * step did not touch; writing copies one leaf and its path (about 1.8 KiB). Beside
 * it, the sorted list of non-zero sections, so that walks over a sparse 2^46-byte
 * address space visit only the sections that exist.
 */
const LEAF_BITS = 6;
const MID_BITS = 6;
const LEAF_SIZE = 1 << LEAF_BITS;
const MID_SIZE = 1 << MID_BITS;
const ROOT_SIZE = NR_MEM_SECTIONS / (LEAF_SIZE * MID_SIZE);

type Leaf = Uint32Array;
type Mid = readonly Leaf[];
type Root = readonly Mid[];

const ZERO_LEAF: Leaf = new Uint32Array(LEAF_SIZE);
const ZERO_MID: Mid = Array.from({ length: MID_SIZE }, () => ZERO_LEAF);
const ZERO_ROOT: Root = Array.from({ length: ROOT_SIZE }, () => ZERO_MID);
const NO_SECTIONS = new Int32Array(0);

function read(root: Root, nr: number): number {
  return root[nr >>> (LEAF_BITS + MID_BITS)]![(nr >>> LEAF_BITS) & (MID_SIZE - 1)]![nr & (LEAF_SIZE - 1)]!;
}

/** First index of `list` whose value is >= x. */
function lowerBound(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SectionTable {
  private constructor(
    private readonly root: Root,
    /** sorted section numbers whose word is non-zero */
    readonly nonZero: Int32Array,
  ) {}

  static empty(): SectionTable {
    return new SectionTable(ZERO_ROOT, NO_SECTIONS);
  }

  /** @internal the draft's way back to a table */
  static of(root: Root, nonZero: Int32Array): SectionTable {
    return new SectionTable(root, nonZero);
  }

  get(nr: number): number {
    return read(this.root, nr);
  }

  /** A writable copy whose writes never show through this table. */
  edit(): SectionTableDraft {
    return new SectionTableDraft(this.root, this.nonZero);
  }

  /** The first non-zero section in [from, to), or -1. */
  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    const i = lowerBound(this.nonZero, from);
    const nr = this.nonZero[i];
    return nr !== undefined && nr < to ? nr : -1;
  }

  /** The last non-zero section in [to, from], or -1. */
  prevNonZero(from: number, to = 0): number {
    const i = lowerBound(this.nonZero, from + 1) - 1;
    const nr = this.nonZero[i];
    return nr !== undefined && nr >= to ? nr : -1;
  }

  /** Leaves not shared with `other`, for measuring what a snapshot costs. */
  countLeavesNotIn(other: SectionTable | null): number {
    let n = 0;
    for (let r = 0; r < ROOT_SIZE; r++) {
      const mid = this.root[r]!;
      if (mid === ZERO_MID || (other && other.root[r] === mid)) continue;
      for (let m = 0; m < MID_SIZE; m++) {
        const leaf = mid[m]!;
        if (leaf !== ZERO_LEAF && (!other || other.root[r]![m] !== leaf)) n++;
      }
    }
    return n;
  }

  /** The whole array flattened, for transfer to a view. */
  toArray(): Uint32Array {
    const out = new Uint32Array(NR_MEM_SECTIONS);
    for (let r = 0; r < ROOT_SIZE; r++) {
      const mid = this.root[r]!;
      if (mid === ZERO_MID) continue;
      for (let m = 0; m < MID_SIZE; m++) {
        const leaf = mid[m]!;
        if (leaf !== ZERO_LEAF) out.set(leaf, ((r << MID_BITS) | m) << LEAF_BITS);
      }
    }
    return out;
  }
}

export class SectionTableDraft {
  private root: Mid[];
  /** Nodes this draft already copied, so a step copies each at most once. */
  // Made on the first write: many steps write no section at all.
  private ownedMids: Set<Mid> | null = null;
  private ownedLeaves: Set<Leaf> | null = null;
  private base: Int32Array;
  private added: Set<number> | null = null;
  private removed: Set<number> | null = null;
  private cached: Int32Array | null;

  constructor(root: Root, nonZero: Int32Array) {
    this.root = root.slice();
    this.base = nonZero;
    this.cached = nonZero;
  }

  get(nr: number): number {
    return read(this.root, nr);
  }

  set(nr: number, word: number): void {
    if (nr < 0 || nr >= NR_MEM_SECTIONS) throw new RangeError(`section ${nr} outside the address space`);
    const old = this.get(nr);
    word >>>= 0;
    if (old === word) return;
    this.trackNonZero(nr, old !== 0, word !== 0);
    const r = nr >>> (LEAF_BITS + MID_BITS);
    this.ownedMids ??= new Set();
    this.ownedLeaves ??= new Set();
    let mid = this.root[r]! as Leaf[];
    if (!this.ownedMids.has(mid)) {
      mid = mid.slice();
      this.ownedMids.add(mid);
      this.root[r] = mid;
    }
    const m = (nr >>> LEAF_BITS) & (MID_SIZE - 1);
    let leaf = mid[m]!;
    if (!this.ownedLeaves.has(leaf)) {
      leaf = leaf.slice();
      this.ownedLeaves.add(leaf);
      mid[m] = leaf;
    }
    leaf[nr & (LEAF_SIZE - 1)] = word;
    // An emptied leaf goes back to the shared zero leaf, so old snapshots and new share it.
    if (word === 0 && leaf.every((w) => w === 0)) {
      mid[m] = ZERO_LEAF;
      if (mid.every((l) => l === ZERO_LEAF)) this.root[r] = ZERO_MID;
    }
  }

  private trackNonZero(nr: number, was: boolean, is: boolean): void {
    if (was === is) return;
    this.cached = null;
    this.added ??= new Set();
    this.removed ??= new Set();
    if (is) {
      if (!this.removed.delete(nr)) this.added.add(nr);
    } else if (!this.added.delete(nr)) this.removed.add(nr);
  }

  update(nr: number, fn: (word: number) => number): void {
    this.set(nr, fn(this.get(nr)));
  }

  private currentNonZero(): Int32Array {
    if (this.cached) return this.cached;
    const removed = this.removed;
    const kept = removed?.size ? this.base.filter((nr) => !removed.has(nr)) : this.base;
    if (!this.added?.size) return (this.cached = kept);
    const merged = new Int32Array(kept.length + this.added.size);
    merged.set(kept);
    merged.set([...this.added], kept.length);
    merged.sort();
    return (this.cached = merged);
  }

  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    return SectionTable.of(this.root, this.currentNonZero()).nextNonZero(from, to);
  }

  prevNonZero(from: number, to = 0): number {
    return SectionTable.of(this.root, this.currentNonZero()).prevNonZero(from, to);
  }

  /** A frozen copy; the draft stays writable and later writes copy again. */
  freeze(): SectionTable {
    this.ownedMids = null;
    this.ownedLeaves = null;
    const nz = this.currentNonZero();
    this.base = nz;
    this.added = null;
    this.removed = null;
    return SectionTable.of(this.root.slice(), nz);
  }
}
