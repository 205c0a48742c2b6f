import { NR_MEM_SECTIONS } from '../arch';

/**
 * A persistent array of one Uint32 per section (2^19 of them), as a three-level
 * radix: 32 roots x 32 mids x 512-word leaves. Snapshots share every leaf that a
 * step did not touch; writing copies one leaf and its path (about 2.3 KiB).
 */
const LEAF_BITS = 9;
const MID_BITS = 5;
const LEAF_SIZE = 1 << LEAF_BITS;
const MID_SIZE = 1 << MID_BITS;
const ROOT_SIZE = NR_MEM_SECTIONS / (LEAF_SIZE * MID_SIZE);

type Leaf = Uint32Array;
type Mid = readonly Leaf[];
type Root = readonly Mid[];

const ZERO_LEAF: Leaf = new Uint32Array(LEAF_SIZE);
const ZERO_MID: Mid = Array.from({ length: MID_SIZE }, () => ZERO_LEAF);
const ZERO_ROOT: Root = Array.from({ length: ROOT_SIZE }, () => ZERO_MID);

export class SectionTable {
  private constructor(private readonly root: Root) {}

  static empty(): SectionTable {
    return new SectionTable(ZERO_ROOT);
  }

  get(nr: number): number {
    return this.root[nr >>> (LEAF_BITS + MID_BITS)]![(nr >>> LEAF_BITS) & (MID_SIZE - 1)]![nr & (LEAF_SIZE - 1)]!;
  }

  /** A writable copy whose writes never show through this table. */
  edit(): SectionTableDraft {
    return new SectionTableDraft(this.root);
  }

  /** Index of the next section at or after `from` whose word is non-zero, or -1. Skips empty leaves whole. */
  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    let nr = from;
    while (nr < to) {
      const mid = this.root[nr >>> (LEAF_BITS + MID_BITS)]!;
      if (mid === ZERO_MID) {
        nr = ((nr >>> (LEAF_BITS + MID_BITS)) + 1) << (LEAF_BITS + MID_BITS);
        continue;
      }
      const leaf = mid[(nr >>> LEAF_BITS) & (MID_SIZE - 1)]!;
      if (leaf === ZERO_LEAF) {
        nr = ((nr >>> LEAF_BITS) + 1) << LEAF_BITS;
        continue;
      }
      const end = Math.min(to, ((nr >>> LEAF_BITS) + 1) << LEAF_BITS);
      for (; nr < end; nr++) if (leaf[nr & (LEAF_SIZE - 1)] !== 0) return nr;
    }
    return -1;
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
  private readonly ownedMids = new Set<Mid>();
  private readonly ownedLeaves = new Set<Leaf>();

  constructor(root: Root) {
    this.root = root.slice();
  }

  get(nr: number): number {
    return this.root[nr >>> (LEAF_BITS + MID_BITS)]![(nr >>> LEAF_BITS) & (MID_SIZE - 1)]![nr & (LEAF_SIZE - 1)]!;
  }

  set(nr: number, word: number): void {
    if (nr < 0 || nr >= NR_MEM_SECTIONS) throw new RangeError(`section ${nr} outside the address space`);
    if (this.get(nr) === word) return;
    const r = nr >>> (LEAF_BITS + MID_BITS);
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
    leaf[nr & (LEAF_SIZE - 1)] = word >>> 0;
  }

  update(nr: number, fn: (word: number) => number): void {
    this.set(nr, fn(this.get(nr)));
  }

  nextNonZero(from: number, to = NR_MEM_SECTIONS): number {
    return this.freezePeek().nextNonZero(from, to);
  }

  /** A frozen copy; the draft stays writable and later writes copy again. */
  freeze(): SectionTable {
    this.ownedMids.clear();
    this.ownedLeaves.clear();
    return makeTable(this.root.slice());
  }

  private freezePeek(): SectionTable {
    return makeTable(this.root);
  }
}

function makeTable(root: Root): SectionTable {
  // SectionTable's constructor is private to keep callers on empty()/edit(); the draft is its only other maker.
  return new (SectionTable as unknown as new (root: Root) => SectionTable)(root);
}
