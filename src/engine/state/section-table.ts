import { NR_MEM_SECTIONS } from '../arch';

/**
 * A persistent array of one Uint32 per section (2^19 of them), as a four-level radix:
 * 32 x 32 x 32 nodes over 16-word leaves. Snapshots share every node a step did not
 * touch; a write copies one leaf and its path, about 850 bytes, all of it in the young
 * heap (a 64-byte leaf is a typed array V8 keeps on its own heap), so keeping a snapshot
 * per step stays cheap for the garbage collector. Empty nodes are shared zero ones, so a
 * walk over a sparse 2^46-byte address space skips them by identity and visits only the
 * sections that exist, with no per-snapshot index to keep.
 */
const LEAF_BITS = 4;
const NODE_BITS = 5;
const LEAF_SIZE = 1 << LEAF_BITS;
const NODE_SIZE = 1 << NODE_BITS;
const NODE_MASK = NODE_SIZE - 1;
/** how far each level's index is shifted in a section number */
const L2_SHIFT = LEAF_BITS;
const L1_SHIFT = LEAF_BITS + NODE_BITS;
const ROOT_SHIFT = LEAF_BITS + 2 * NODE_BITS;
const ROOT_SIZE = NR_MEM_SECTIONS >>> ROOT_SHIFT;

type Leaf = Uint32Array;
type L2 = readonly Leaf[];
type L1 = readonly L2[];
type Root = readonly L1[];

const ZERO_LEAF: Leaf = new Uint32Array(LEAF_SIZE);
const ZERO_L2: L2 = Array.from({ length: NODE_SIZE }, () => ZERO_LEAF);
const ZERO_L1: L1 = Array.from({ length: NODE_SIZE }, () => ZERO_L2);
const ZERO_ROOT: Root = Array.from({ length: ROOT_SIZE }, () => ZERO_L1);

function allZero(leaf: Leaf): boolean {
  for (let i = 0; i < LEAF_SIZE; i++) if (leaf[i] !== 0) return false;
  return true;
}

function allSame<T>(node: readonly T[], zero: T): boolean {
  for (let i = 0; i < node.length; i++) if (node[i] !== zero) return false;
  return true;
}

function read(root: Root, nr: number): number {
  return root[nr >>> ROOT_SHIFT]![(nr >>> L1_SHIFT) & NODE_MASK]![(nr >>> L2_SHIFT) & NODE_MASK]![nr & (LEAF_SIZE - 1)]!;
}

/** The first non-zero section in [from, to), or -1. */
function nextIn(root: Root, from: number, to: number): number {
  let nr = Math.max(from, 0);
  const end = Math.min(to, NR_MEM_SECTIONS);
  while (nr < end) {
    const l1 = root[nr >>> ROOT_SHIFT]!;
    if (l1 === ZERO_L1) {
      nr = ((nr >>> ROOT_SHIFT) + 1) << ROOT_SHIFT;
      continue;
    }
    const l2 = l1[(nr >>> L1_SHIFT) & NODE_MASK]!;
    if (l2 === ZERO_L2) {
      nr = ((nr >>> L1_SHIFT) + 1) << L1_SHIFT;
      continue;
    }
    const leaf = l2[(nr >>> L2_SHIFT) & NODE_MASK]!;
    if (leaf === ZERO_LEAF) {
      nr = ((nr >>> L2_SHIFT) + 1) << L2_SHIFT;
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
    const l1 = root[nr >>> ROOT_SHIFT]!;
    if (l1 === ZERO_L1) {
      nr = ((nr >>> ROOT_SHIFT) << ROOT_SHIFT) - 1;
      continue;
    }
    const l2 = l1[(nr >>> L1_SHIFT) & NODE_MASK]!;
    if (l2 === ZERO_L2) {
      nr = ((nr >>> L1_SHIFT) << L1_SHIFT) - 1;
      continue;
    }
    const leaf = l2[(nr >>> L2_SHIFT) & NODE_MASK]!;
    if (leaf === ZERO_LEAF) {
      nr = ((nr >>> L2_SHIFT) << L2_SHIFT) - 1;
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
    return new SectionTableDraft(this);
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
    for (let a = 0; a < ROOT_SIZE; a++) {
      const l1 = this.root[a]!;
      if (l1 === ZERO_L1) continue;
      for (let b = 0; b < NODE_SIZE; b++) {
        const l2 = l1[b]!;
        if (l2 === ZERO_L2) continue;
        for (let c = 0; c < NODE_SIZE; c++) {
          const leaf = l2[c]!;
          if (leaf === ZERO_LEAF) continue;
          const base = (a << ROOT_SHIFT) | (b << L1_SHIFT) | (c << L2_SHIFT);
          for (let i = 0; i < LEAF_SIZE; i++) if (leaf[i] !== 0) fn(base + i, leaf[i]!);
        }
      }
    }
  }

  /**
   * Whether both tables hold the same word for every section. Nodes shared by identity (the
   * zero ones, and those two snapshots of one run share) are equal without a look, and so
   * are the pairs in `known`, which this adds to: diffing two runs snapshot by snapshot then
   * looks only at the nodes a step copied.
   */
  sameWords(other: SectionTable, known: WeakMap<object, object>): boolean {
    const same = <T extends object>(a: T, b: T, eq: (a: T, b: T) => boolean): boolean => {
      if (a === b || known.get(a) === b) return true;
      if (!eq(a, b)) return false;
      known.set(a, b);
      return true;
    };
    const leaves = (a: Leaf, b: Leaf): boolean => {
      for (let i = 0; i < LEAF_SIZE; i++) if (a[i] !== b[i]) return false;
      return true;
    };
    const nodes = <T extends object>(eq: (a: T, b: T) => boolean) => (a: readonly T[], b: readonly T[]): boolean => a.every((x, i) => same(x, b[i]!, eq));
    return same(this.root, other.root, nodes(nodes(nodes(leaves))));
  }

  /** @internal the draft's starting point */
  rootOf(): Root {
    return this.root;
  }

  /** @internal the draft's way back to a table */
  static of(root: Root): SectionTable {
    return new SectionTable(root);
  }

  /**
   * A table filled in one go (boot: up to 2^19 sections), writing into fresh nodes
   * without the draft's copy-on-write bookkeeping. `fn` may read back what it set.
   */
  static build(fn: (set: (nr: number, word: number) => void, get: (nr: number) => number) => void): SectionTable {
    const draft = new SectionTable(ZERO_ROOT).edit();
    draft.fillFresh(fn);
    return draft.freeze();
  }
}

/**
 * The indices of the nodes a draft copied at one level. A step writes a handful of
 * leaves, where a short list is fastest; a step that writes thousands (a terabyte
 * hot-added at once) moves to a set.
 */
class Owned {
  private list: number[] = [];
  private set: Set<number> | null = null;
  has(i: number): boolean {
    return this.set ? this.set.has(i) : this.list.includes(i);
  }
  add(i: number): void {
    if (this.set) this.set.add(i);
    else if (this.list.push(i) > 16) this.set = new Set(this.list);
  }
}

export class SectionTableDraft implements SectionReader {
  /** the table's root until the first write copies it: most reads of a step need no copy */
  private root: L1[];
  private rootOwned = false;
  /**
   * Which nodes this draft already copied (by index at their level), so a step copies each
   * at most once. A step writes a handful of leaves, so short lists beat sets here. A node
   * that went back to the shared zero node is not ours any more, whatever the list says.
   */
  private ownedL1 = new Owned();
  private ownedL2 = new Owned();
  private ownedLeaves = new Owned();
  /** SectionTable.build(): every node that is not a shared zero one was made by this draft */
  private fresh = false;
  /** sections whose word this draft changed since it was made or last frozen */
  private written: Set<number> | null = null;

  constructor(private base: SectionTable) {
    this.root = base.rootOf() as L1[];
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
    this.write(nr, word);
  }

  private write(nr: number, word: number): void {
    if (!this.rootOwned) {
      this.root = this.root.slice();
      this.rootOwned = true;
    }
    const a = nr >>> ROOT_SHIFT;
    let l1 = this.root[a]! as L2[];
    if (l1 === ZERO_L1 || !(this.fresh || this.ownedL1.has(a))) {
      l1 = l1.slice();
      if (!this.fresh) this.ownedL1.add(a);
      this.root[a] = l1;
    }
    const b = (nr >>> L1_SHIFT) & NODE_MASK;
    let l2 = l1[b]! as Leaf[];
    if (l2 === ZERO_L2 || !(this.fresh || this.ownedL2.has(nr >>> L1_SHIFT))) {
      l2 = l2.slice();
      if (!this.fresh) this.ownedL2.add(nr >>> L1_SHIFT);
      l1[b] = l2;
    }
    const c = (nr >>> L2_SHIFT) & NODE_MASK;
    let leaf = l2[c]!;
    if (leaf === ZERO_LEAF || !(this.fresh || this.ownedLeaves.has(nr >>> L2_SHIFT))) {
      leaf = leaf.slice();
      if (!this.fresh) this.ownedLeaves.add(nr >>> L2_SHIFT);
      l2[c] = leaf;
    }
    leaf[nr & (LEAF_SIZE - 1)] = word;
    // An emptied node goes back to the shared zero one, so old snapshots and new share it
    // and walks skip it.
    if (word === 0 && allZero(leaf)) {
      l2[c] = ZERO_LEAF;
      if (allSame(l2, ZERO_LEAF)) {
        l1[b] = ZERO_L2;
        if (allSame(l1, ZERO_L2)) this.root[a] = ZERO_L1;
      }
    }
  }

  /** @internal SectionTable.build(): a fresh draft's writes, none of them recorded as a step's */
  fillFresh(fn: (set: (nr: number, word: number) => void, get: (nr: number) => number) => void): void {
    this.fresh = true;
    fn(
      (nr, word) => {
        if (nr < 0 || nr >= NR_MEM_SECTIONS) throw new RangeError(`section ${nr} outside the address space`);
        this.write(nr, word >>> 0);
      },
      (nr) => this.get(nr),
    );
    this.fresh = false;
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
    this.ownedL1 = new Owned();
    this.ownedL2 = new Owned();
    this.ownedLeaves = new Owned();
    this.written = null;
    if (this.rootOwned) {
      this.base = SectionTable.of(this.root);
      this.rootOwned = false;
    }
    return this.base;
  }
}

const NONE_WRITTEN: ReadonlySet<number> = new Set();
