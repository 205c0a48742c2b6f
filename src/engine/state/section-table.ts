import { NR_MEM_SECTIONS } from '../arch';

/**
 * A persistent array of one Uint32 per section (2^19 of them), as a three-level
 * radix: 128 roots x 64 mids x 64-word leaves. Snapshots share every leaf that a
 * step did not touch; writing copies one leaf and its path (about 1.8 KiB). Empty
 * leaves and mids are the shared zero ones, so a walk over a sparse 2^46-byte
 * address space skips whole empty leaves (64 sections) and mids (4,096) by identity
 * and visits only the sections that exist, with no per-snapshot index to keep.
 */
const LEAF_BITS = 6;
const MID_BITS = 6;
const LEAF_SIZE = 1 << LEAF_BITS;
const MID_SIZE = 1 << MID_BITS;
const ROOT_SIZE = NR_MEM_SECTIONS / (LEAF_SIZE * MID_SIZE);
const MID_SPAN = LEAF_SIZE * MID_SIZE;

type Leaf = Uint32Array;
type Mid = readonly Leaf[];
type Root = readonly Mid[];

const ZERO_LEAF: Leaf = new Uint32Array(LEAF_SIZE);
const ZERO_MID: Mid = Array.from({ length: MID_SIZE }, () => ZERO_LEAF);
const ZERO_ROOT: Root = Array.from({ length: ROOT_SIZE }, () => ZERO_MID);

function read(root: Root, nr: number): number {
  return root[nr >>> (LEAF_BITS + MID_BITS)]![(nr >>> LEAF_BITS) & (MID_SIZE - 1)]![nr & (LEAF_SIZE - 1)]!;
}

/** The first non-zero section in [from, to), or -1. */
function nextIn(root: Root, from: number, to: number): number {
  let nr = Math.max(from, 0);
  const end = Math.min(to, NR_MEM_SECTIONS);
  while (nr < end) {
    const mid = root[nr >>> (LEAF_BITS + MID_BITS)]!;
    if (mid === ZERO_MID) {
      nr = ((nr >>> (LEAF_BITS + MID_BITS)) + 1) * MID_SPAN;
      continue;
    }
    const leaf = mid[(nr >>> LEAF_BITS) & (MID_SIZE - 1)]!;
    if (leaf === ZERO_LEAF) {
      nr = ((nr >>> LEAF_BITS) + 1) * LEAF_SIZE;
      continue;
    }
    for (let i = nr & (LEAF_SIZE - 1); i < LEAF_SIZE && nr < end; i++, nr++) if (leaf[i] !== 0) return nr;
  }
  return -1;
}

/** The last non-zero section in [to, from], or -1. */
function prevIn(root: Root, from: number, to: number): number {
  let nr = Math.min(from, NR_MEM_SECTIONS - 1);
  const low = Math.max(to, 0);
  while (nr >= low) {
    const mid = root[nr >>> (LEAF_BITS + MID_BITS)]!;
    if (mid === ZERO_MID) {
      nr = (nr >>> (LEAF_BITS + MID_BITS)) * MID_SPAN - 1;
      continue;
    }
    const leaf = mid[(nr >>> LEAF_BITS) & (MID_SIZE - 1)]!;
    if (leaf === ZERO_LEAF) {
      nr = (nr >>> LEAF_BITS) * LEAF_SIZE - 1;
      continue;
    }
    for (let i = nr & (LEAF_SIZE - 1); i >= 0 && nr >= low; i--, nr--) if (leaf[i] !== 0) return nr;
  }
  return -1;
}

/** Reads shared by a snapshot and a draft. */
export interface SectionReader {
  get(nr: number): number;
  nextNonZero(from: number, to?: number): number;
  prevNonZero(from: number, to?: number): number;
}

export class SectionTable implements SectionReader {
  private constructor(private readonly root: Root) {}

  static empty(): SectionTable {
    return new SectionTable(ZERO_ROOT);
  }

  get(nr: number): number {
    return read(this.root, nr);
  }

  /** A writable copy whose writes never show through this table. */
  edit(): SectionTableDraft {
    return new SectionTableDraft(this.root);
  }

  /** The first non-zero section in [from, to), or -1. */
  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    return nextIn(this.root, from, to);
  }

  /** The last non-zero section in [to, from], or -1. */
  prevNonZero(from: number, to = 0): number {
    return prevIn(this.root, from, to);
  }

  /**
   * Every non-zero section in ascending order. It walks the whole table, so it is for
   * building the view of the one state shown and for whole-state checks in tests.
   */
  nonZeroSections(): Int32Array {
    const out: number[] = [];
    this.forEachNonZero((nr) => out.push(nr));
    return Int32Array.from(out);
  }

  /** Calls `fn` with each non-zero section and its word, in ascending order. */
  forEachNonZero(fn: (nr: number, word: number) => void): void {
    for (let r = 0; r < ROOT_SIZE; r++) {
      const mid = this.root[r]!;
      if (mid === ZERO_MID) continue;
      for (let m = 0; m < MID_SIZE; m++) {
        const leaf = mid[m]!;
        if (leaf === ZERO_LEAF) continue;
        const base = ((r << MID_BITS) | m) << LEAF_BITS;
        for (let i = 0; i < LEAF_SIZE; i++) if (leaf[i] !== 0) fn(base + i, leaf[i]!);
      }
    }
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

  /** @internal the draft's way back to a table */
  static of(root: Root): SectionTable {
    return new SectionTable(root);
  }

  /**
   * A table filled in one go (boot: up to 2^19 sections), writing into fresh leaves
   * without the draft's copy-on-write bookkeeping. `fn` may read back what it set.
   */
  static build(fn: (set: (nr: number, word: number) => void, get: (nr: number) => number) => void): SectionTable {
    const root: Leaf[][] = Array.from({ length: ROOT_SIZE }, () => ZERO_MID as Leaf[]);
    let zeroWritten = false;
    const set = (nr: number, word: number): void => {
      if (word === 0) zeroWritten = true;
      if (nr < 0 || nr >= NR_MEM_SECTIONS) throw new RangeError(`section ${nr} outside the address space`);
      const r = nr >>> (LEAF_BITS + MID_BITS);
      if (root[r] === ZERO_MID) root[r] = ZERO_MID.slice();
      const mid = root[r]!;
      const m = (nr >>> LEAF_BITS) & (MID_SIZE - 1);
      if (mid[m] === ZERO_LEAF) mid[m] = new Uint32Array(LEAF_SIZE);
      mid[m]![nr & (LEAF_SIZE - 1)] = word >>> 0;
    };
    fn(set, (nr) => read(root, nr));
    // leaves left all-zero go back to the shared zero leaf, as a draft would leave them
    for (let r = 0; zeroWritten && r < ROOT_SIZE; r++) {
      const mid = root[r]!;
      if (mid === ZERO_MID) continue;
      for (let m = 0; m < MID_SIZE; m++) if (mid[m] !== ZERO_LEAF && mid[m]!.every((w) => w === 0)) mid[m] = ZERO_LEAF;
      if (mid.every((l) => l === ZERO_LEAF)) root[r] = ZERO_MID as Leaf[];
    }
    return new SectionTable(root);
  }
}

export class SectionTableDraft implements SectionReader {
  private root: Mid[];
  /** Nodes this draft already copied, so a step copies each at most once. */
  // Made on the first write: many steps write no section at all.
  private ownedMids: Set<Mid> | null = null;
  private ownedLeaves: Set<Leaf> | null = null;
  /** sections whose word this draft changed since it was made or last frozen */
  private written: Set<number> | null = null;

  constructor(root: Root) {
    this.root = root.slice();
  }

  get(nr: number): number {
    return read(this.root, nr);
  }

  set(nr: number, word: number): void {
    if (nr < 0 || nr >= NR_MEM_SECTIONS) throw new RangeError(`section ${nr} outside the address space`);
    const old = this.get(nr);
    word >>>= 0;
    if (old === word) return;
    (this.written ??= new Set()).add(nr);
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
    // An emptied leaf goes back to the shared zero leaf, so old snapshots and new share it
    // and walks skip it.
    if (word === 0 && leaf.every((w) => w === 0)) {
      mid[m] = ZERO_LEAF;
      if (mid.every((l) => l === ZERO_LEAF)) this.root[r] = ZERO_MID;
    }
  }

  update(nr: number, fn: (word: number) => number): void {
    this.set(nr, fn(this.get(nr)));
  }

  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    return nextIn(this.root, from, to);
  }

  prevNonZero(from: number, to = 0): number {
    return prevIn(this.root, from, to);
  }

  /** The sections written since the draft was made or last frozen: what a step touched. */
  writtenSections(): ReadonlySet<number> {
    return this.written ?? NONE_WRITTEN;
  }

  /** A frozen copy; the draft stays writable and later writes copy again. */
  freeze(): SectionTable {
    this.ownedMids = null;
    this.ownedLeaves = null;
    this.written = null;
    return SectionTable.of(this.root.slice());
  }
}

const NONE_WRITTEN: ReadonlySet<number> = new Set();
