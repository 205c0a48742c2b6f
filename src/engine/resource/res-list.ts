/** What the list is sorted by: an entry's last address (siblings never overlap, so ends ascend too). */
export interface Ranged {
  readonly end: number;
}

/** Entries per chunk before a chunk splits in two. */
const CHUNK = 32;

/**
 * A resource's children: a persistent list kept as chunks of up to 2 x 32 entries. An
 * edit copies one chunk and the chunk index, not the whole list, so a machine with
 * thousands of hot-added "System RAM" entries at the top level keeps a snapshot per step
 * for the cost of one chunk, and the per-step checker skips the chunks two snapshots
 * share by identity. Siblings are sorted by address and never overlap, so lookups by
 * address are binary searches.
 */
export class ResList<T extends Ranged = Ranged> implements Iterable<T> {
  static readonly EMPTY: ResList<never> = new ResList<never>([], [0]);

  private constructor(
    /** the chunks; none is empty */
    readonly chunks: readonly (readonly T[])[],
    /** offs[c] is the index of chunk c's first entry; offs[chunks.length] is the length */
    private readonly offs: readonly number[],
  ) {}

  static of<T extends Ranged>(items: readonly T[]): ResList<T> {
    if (!items.length) return ResList.EMPTY;
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
    return ResList.fromChunks(chunks);
  }

  private static fromChunks<T extends Ranged>(chunks: readonly (readonly T[])[]): ResList<T> {
    if (!chunks.length) return ResList.EMPTY;
    const offs = new Array<number>(chunks.length + 1);
    offs[0] = 0;
    for (let c = 0; c < chunks.length; c++) offs[c + 1] = offs[c]! + chunks[c]!.length;
    return new ResList<T>(chunks, offs);
  }

  get length(): number {
    return this.offs[this.chunks.length]!;
  }

  /** The chunk holding index i (the last chunk for i == length). */
  private chunkOf(i: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.offs[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  at(i: number): T | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const c = this.chunkOf(i);
    return this.chunks[c]![i - this.offs[c]!];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /** Serialised as the plain array it stands for. */
  toJSON(): T[] {
    return this.toArray();
  }

  toArray(): T[] {
    return this.chunks.length === 1 ? this.chunks[0]!.slice() : this.chunks.flat();
  }

  map<U>(fn: (r: T, i: number) => U): U[] {
    const out: U[] = [];
    let i = 0;
    for (const chunk of this.chunks) for (const r of chunk) out.push(fn(r, i++));
    return out;
  }

  forEach(fn: (r: T, i: number) => void): void {
    let i = 0;
    for (const chunk of this.chunks) for (const r of chunk) fn(r, i++);
  }

  findIndex(fn: (r: T) => boolean): number {
    let i = 0;
    for (const chunk of this.chunks) {
      for (const r of chunk) {
        if (fn(r)) return i;
        i++;
      }
    }
    return -1;
  }

  /**
   * The first entry whose end is at or above `addr`. Every entry before it lies wholly
   * below `addr`: the kernel walks the list from its head, the model skips to the same entry.
   */
  firstEndingAtOrAbove(addr: number): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid]!;
      if (chunk[chunk.length - 1]!.end < addr) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return this.length;
    const chunk = chunks[lo]!;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (chunk[mid]!.end < addr) a = mid + 1;
      else b = mid;
    }
    return this.offs[lo]! + a;
  }

  /** A copy with `r` at index i, the entries from i on moving up one. */
  insert(i: number, r: T): ResList<T> {
    if (!this.chunks.length) return ResList.of([r]);
    const c = this.chunkOf(Math.min(i, this.length));
    const chunk = this.chunks[c]!.slice();
    chunk.splice(i - this.offs[c]!, 0, r);
    const replacement = chunk.length > 2 * CHUNK ? [chunk.slice(0, CHUNK), chunk.slice(CHUNK)] : [chunk];
    return this.withChunks(c, replacement);
  }

  /** A copy without the entry at index i. */
  remove(i: number): ResList<T> {
    const c = this.chunkOf(i);
    const chunk = this.chunks[c]!.slice();
    chunk.splice(i - this.offs[c]!, 1);
    return this.withChunks(c, chunk.length ? [chunk] : []);
  }

  /** A copy with the entry at index i replaced by `r`. */
  set(i: number, r: T): ResList<T> {
    const c = this.chunkOf(i);
    const chunk = this.chunks[c]!.slice();
    chunk[i - this.offs[c]!] = r;
    return this.withChunks(c, [chunk]);
  }

  /** A copy with the entry at index i replaced by `items` (none, one or several). */
  replaceWith(i: number, items: Iterable<T>): ResList<T> {
    let out = this.remove(i);
    let at = i;
    for (const r of items) out = out.insert(at++, r);
    return out;
  }

  private withChunks(c: number, replacement: (readonly T[])[]): ResList<T> {
    const chunks = this.chunks.slice();
    chunks.splice(c, 1, ...replacement);
    return ResList.fromChunks(chunks);
  }
}
