import { NR_MEM_SECTIONS } from '../arch';

const WORDS = NR_MEM_SECTIONS / 32;
/** 128 words (4,096 sections) per chunk: a query looks at 128 chunk counts, then one chunk's words. */
const CHUNK_WORDS = 128;
const CHUNK_BITS = CHUNK_WORDS * 32;
const CHUNKS = WORDS / CHUNK_WORDS;

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};
const lowestBit = (x: number): number => 31 - Math.clz32(x & -x);
const highestBit = (x: number): number => 31 - Math.clz32(x);

/**
 * A set of section numbers with per-chunk counts, so that adding or removing one costs
 * O(1) and min, max, counts and "first section missing from [lo, hi]" cost a few
 * hundred word reads whatever the set holds: the per-step checks ask these of sets of
 * up to 2^19 sections.
 */
export class SectionSet {
  private readonly words = new Uint32Array(WORDS);
  private readonly counts = new Uint16Array(CHUNKS);
  private total = 0;
  /** cached extremes; -2 when a delete may have taken them */
  private lo = -1;
  private hi = -1;

  get size(): number {
    return this.total;
  }

  has(nr: number): boolean {
    return (this.words[nr >>> 5]! & (1 << (nr & 31))) !== 0;
  }

  add(nr: number): void {
    const bit = 1 << (nr & 31);
    const w = this.words[nr >>> 5]!;
    if (w & bit) return;
    this.words[nr >>> 5] = w | bit;
    this.counts[Math.floor(nr / CHUNK_BITS)]!++;
    if (this.total++ === 0) this.lo = this.hi = nr;
    else {
      if (this.lo >= 0 && nr < this.lo) this.lo = nr;
      if (this.hi >= 0 && nr > this.hi) this.hi = nr;
    }
  }

  delete(nr: number): void {
    const bit = 1 << (nr & 31);
    const w = this.words[nr >>> 5]!;
    if (!(w & bit)) return;
    this.words[nr >>> 5] = w & ~bit;
    this.counts[Math.floor(nr / CHUNK_BITS)]!--;
    this.total--;
    if (nr === this.lo) this.lo = -2;
    if (nr === this.hi) this.hi = -2;
  }

  /** The smallest member, or -1. */
  min(): number {
    if (!this.total) return -1;
    if (this.lo < 0) this.lo = this.scanMin();
    return this.lo;
  }

  /** The largest member, or -1. */
  max(): number {
    if (!this.total) return -1;
    if (this.hi < 0) this.hi = this.scanMax();
    return this.hi;
  }

  private scanMin(): number {
    for (let c = 0; c < CHUNKS; c++) {
      if (!this.counts[c]) continue;
      for (let i = c * CHUNK_WORDS; i < (c + 1) * CHUNK_WORDS; i++) {
        const w = this.words[i]!;
        if (w) return i * 32 + lowestBit(w);
      }
    }
    return -1;
  }

  private scanMax(): number {
    for (let c = CHUNKS - 1; c >= 0; c--) {
      if (!this.counts[c]) continue;
      for (let i = (c + 1) * CHUNK_WORDS - 1; i >= c * CHUNK_WORDS; i--) {
        const w = this.words[i]!;
        if (w) return i * 32 + highestBit(w);
      }
    }
    return -1;
  }

  /** How many members lie in [lo, hi]. */
  countIn(lo: number, hi: number): number {
    lo = Math.max(lo, 0);
    hi = Math.min(hi, NR_MEM_SECTIONS - 1);
    let n = 0;
    let nr = lo;
    while (nr <= hi) {
      const c = Math.floor(nr / CHUNK_BITS);
      if (nr % CHUNK_BITS === 0 && hi >= (c + 1) * CHUNK_BITS - 1) {
        n += this.counts[c]!;
        nr = (c + 1) * CHUNK_BITS;
        continue;
      }
      if (nr % 32 === 0 && hi >= nr + 31) {
        n += popcount(this.words[nr >>> 5]!);
        nr += 32;
        continue;
      }
      if (this.has(nr)) n++;
      nr++;
    }
    return n;
  }

  /** The first section of [lo, hi] that is not a member, or -1 when all are. */
  firstMissingIn(lo: number, hi: number): number {
    lo = Math.max(lo, 0);
    hi = Math.min(hi, NR_MEM_SECTIONS - 1);
    let nr = lo;
    while (nr <= hi) {
      const c = Math.floor(nr / CHUNK_BITS);
      if (nr % CHUNK_BITS === 0 && this.counts[c] === CHUNK_BITS) {
        nr = (c + 1) * CHUNK_BITS;
        continue;
      }
      if (nr % 32 === 0 && this.words[nr >>> 5] === 0xffffffff) {
        nr += 32;
        continue;
      }
      if (!this.has(nr)) return nr;
      nr++;
    }
    return -1;
  }
}
