import type { KernelId } from '../../engine/ops';

/** How prose names a kernel: the RFC series as the thread wrote them ("RFC v1"), a proposal by its idea ("the is_device proposal"), a release by its version. */
export function kernelShort(k: KernelId): string {
  const rfc = /^rfc-(v\d+)$/.exec(k);
  if (rfc) return `RFC ${rfc[1]}`;
  const idea = /^idea-(.+)$/.exec(k);
  return idea ? `the ${idea[1]!.replace(/-/g, '_')} proposal` : k;
}

/** A kernel's name on a chip, where there is no room for an article: "RFC v1", "is_device idea", "v6.12". */
export function kernelTag(k: KernelId): string {
  const idea = /^idea-(.+)$/.exec(k);
  return idea ? `${idea[1]!.replace(/-/g, '_')} idea` : kernelShort(k);
}
