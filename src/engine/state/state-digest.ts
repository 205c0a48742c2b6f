import type { KernelState } from './kernel-state';

/**
 * Everything a step can change, as one string: two states are the same state exactly when
 * their digests are equal. Comparing object identity would not do: a step that refuses
 * must leave the earlier snapshot untouched, and a write into a shared object would keep
 * the identity while changing the content.
 */
export function stateDigest(s: KernelState): string {
  const sections: string[] = [];
  s.sections.forEachNonZero((nr, w) => sections.push(`${nr}:${w.toString(16)}`));
  const freed: number[] = [];
  for (let l = s.freed; l; l = l.tail) freed.push(l.head.id);
  return JSON.stringify({
    sections,
    nodes: s.nodes,
    iomem: s.iomem,
    devres: s.devres,
    pgmaps: s.pgmaps,
    hmm: s.hmm,
    kmem: s.kmem,
    freed,
    nextResId: s.nextResId,
    maxPfn: s.maxPfn,
    blockSizeBytes: s.blockSizeBytes,
  });
}
