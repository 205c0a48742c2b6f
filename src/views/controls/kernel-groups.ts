import { KERNEL_IDS, type KernelId } from '../../engine/ops';

/** How the kernel menus group the kernels: what shipped, Oscar's RFC series, the thread's proposals. */
const KERNEL_GROUPS = [
  { key: 'released', label: 'Released kernels' },
  { key: 'rfc', label: 'The RFC series (2018)' },
  { key: 'proposal', label: 'Proposals from the review (never merged)' },
] as const;

type GroupKey = (typeof KERNEL_GROUPS)[number]['key'];

/** By id, so a kernel added elsewhere lands in a group without a table to update. */
function kernelGroup(id: KernelId): GroupKey {
  if (id.startsWith('rfc-')) return 'rfc';
  if (id.startsWith('idea-')) return 'proposal';
  return 'released';
}

/** The groups in menu order, each with its kernels in KERNEL_IDS order; empty groups left out. */
export function groupedKernels(filter: (k: KernelId) => boolean = () => true): { key: GroupKey; label: string; kernels: KernelId[] }[] {
  return KERNEL_GROUPS.map((g) => ({ ...g, kernels: KERNEL_IDS.filter((k) => kernelGroup(k) === g.key && filter(k)) })).filter((g) => g.kernels.length > 0);
}
