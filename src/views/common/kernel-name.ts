import type { KernelId } from '../../engine/ops';

/** How prose names a kernel: the RFC series as the thread wrote them ("RFC v1"), the others by their id. */
export function kernelShort(k: KernelId): string {
  const rfc = /^rfc-(v\d+)$/.exec(k);
  return rfc ? `RFC ${rfc[1]}` : k;
}
