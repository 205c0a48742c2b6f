/**
 * The memory block size a machine boots with, and why, in words a user picking a range can
 * check: x86_64's probe_memory_block_size() (arch/x86/mm/init_64.c) keeps 128 MiB blocks
 * while boot memory ends below 64 GiB, and otherwise takes the largest power of two from
 * 2 GiB down to which the end of boot memory (max_pfn << PAGE_SHIFT) is aligned.
 */
import { MIN_MEMORY_BLOCK_SIZE, probeMemoryBlockSize } from '../arch';
import type { KernelConfig, MachineInput } from '../ops';
import { IORESOURCE_BUSY, IORESOURCE_SYSRAM, hasFlag } from '../resource/flags';

const GiB = 2 ** 30;
const MAX_BLOCK_SIZE = 2 * GiB;

export interface BlockSizeRule {
  sizeBytes: number;
  /** the end of boot memory the kernel probes with (max_pfn << PAGE_SHIFT) */
  bootMemEndBytes: number;
  /** why that size, with the numbers */
  why: string;
}

/** The end of the highest boot RAM range: what bootState() takes max_pfn from. */
function bootMemEndBytes(machine: MachineInput): number {
  if (machine.kind === 'ram') return machine.ram.reduce((m, r) => Math.max(m, r.start + r.size), 0);
  return machine.entries
    .filter((e) => e.name === 'System RAM' && hasFlag(e.flags, IORESOURCE_SYSRAM) && hasFlag(e.flags, IORESOURCE_BUSY))
    .reduce((m, e) => Math.max(m, Math.floor((e.end + 1) / 4096) * 4096), 0);
}

const size = (n: number): string => (n >= GiB ? `${n / GiB} GiB` : `${n / 2 ** 20} MiB`);
const at = (n: number): string => `0x${n.toString(16)} (${n % GiB === 0 ? `${n / GiB} GiB` : `${(n / GiB).toFixed(2)} GiB`})`;

export function memoryBlockSizeRule(machine: MachineInput, cfg: Pick<KernelConfig, 'block_size'>): BlockSizeRule {
  const end = bootMemEndBytes(machine);
  if (cfg.block_size !== undefined) return { sizeBytes: cfg.block_size, bootMemEndBytes: end, why: `set by the scenario's config.block_size (${size(cfg.block_size)}), in place of what probe_memory_block_size() would choose` };
  const sizeBytes = probeMemoryBlockSize(end);
  if (end < 64 * GiB) return { sizeBytes, bootMemEndBytes: end, why: `boot memory ends at ${at(end)}, below 64 GiB, so x86_64's probe_memory_block_size() keeps the smallest block, ${size(MIN_MEMORY_BLOCK_SIZE)}` };
  const why =
    sizeBytes === MAX_BLOCK_SIZE
      ? `boot memory ends at ${at(end)}: at least 64 GiB and aligned to 2 GiB, so x86_64's probe_memory_block_size() takes the largest block, 2 GiB`
      : `boot memory ends at ${at(end)}: at least 64 GiB but not aligned to 2 GiB, so x86_64's probe_memory_block_size() takes the largest power of two from 2 GiB down that the end is aligned to, ${size(sizeBytes)}`;
  return { sizeBytes, bootMemEndBytes: end, why };
}
