import type { KernelConfig } from './ops';
import type { Resource } from './resource/tree';
import type { KernelState } from './state/kernel-state';

/**
 * Cheap proofs that two states print the same /proc/iomem or memory-block listing, for
 * comparing two runs of one scenario step by step without formatting every listing. A run's
 * snapshots share every part a step did not touch, and each pair of parts found equal is
 * remembered, so each step costs about what it changed. A "no" only means "format and
 * compare": the proofs are structural, so a few equal texts are not recognised (a tree
 * deeper than the indentation /proc/iomem prints), never the other way round.
 */
export class SameListing {
  /** a part of one run -> the part of the other it was found equal to */
  private readonly known = new WeakMap<object, object>();

  /** Same /proc/iomem text: each entry's range and name, and its children, in order. */
  iomem(a: Resource, b: Resource): boolean {
    if (a === b || this.known.get(a) === b) return true;
    if (a.start !== b.start || a.end !== b.end || a.name !== b.name || a.children.length !== b.children.length) return false;
    const ca = a.children.chunks;
    const cb = b.children.chunks;
    const same = ca.length === cb.length && ca.every((chunk, i) => chunk.length === cb[i]!.length) ? ca.every((chunk, i) => this.entries(chunk, cb[i]!)) : this.entries([...a.children], [...b.children]);
    if (same) this.known.set(a, b);
    return same;
  }

  private entries(a: readonly Resource[], b: readonly Resource[]): boolean {
    if (a === b || this.known.get(a) === b) return true;
    if (!a.every((r, i) => this.iomem(r, b[i]!))) return false;
    this.known.set(a, b);
    return true;
  }

  /** Same memory-block listing: what formatMemoryBlocks() reads (section words, zone spans, block size, movable_node). */
  blocks(a: KernelState, ca: KernelConfig, b: KernelState, cb: KernelConfig): boolean {
    if (ca.movable_node !== cb.movable_node || a.nodes.length !== b.nodes.length) return false;
    const spansEqual = a.nodes.every((na, nid) => na.zones.every((za, zi) => za.startPfn === b.nodes[nid]!.zones[zi]!.startPfn && za.spannedPages === b.nodes[nid]!.zones[zi]!.spannedPages));
    return spansEqual && this.sameBlocks(a, b);
  }

  /** The same blocks in the same states: the section words and the block size agree (valid_zones may not). */
  sameBlocks(a: KernelState, b: KernelState): boolean {
    return a.blockSizeBytes === b.blockSizeBytes && a.sections.sameWords(b.sections, this.known);
  }
}
