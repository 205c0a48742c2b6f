import { bootState } from '../engine/boot';
import { DEFAULT_CONFIG, type IomemEntryInput, type KernelConfig, type KernelId } from '../engine/ops';
import { Kernel } from '../engine/kernel/kernel';
import { VARIANTS } from '../engine/variants';

/** A kernel mid-step over a machine given as RAM ranges, for unit tests of kernel functions. */
export function kernelOn(ram: { start: number; size: number; nid?: number }[], kernel: KernelId = 'v4.18', cfg: Partial<KernelConfig> = {}): Kernel {
  const config = { ...DEFAULT_CONFIG, ...cfg };
  const boot = bootState({ kind: 'ram', ram: ram.map((r) => ({ start: r.start, size: r.size, nid: r.nid ?? 0 })) }, config);
  return new Kernel(VARIANTS[kernel], config, 1, boot.state);
}

/** A kernel over an explicit iomem tree. */
export function kernelOnIomem(entries: IomemEntryInput[], kernel: KernelId = 'v4.18'): Kernel {
  const boot = bootState({ kind: 'iomem', entries }, DEFAULT_CONFIG);
  return new Kernel(VARIANTS[kernel], DEFAULT_CONFIG, 1, boot.state);
}

export const G = 2 ** 30;
export const M = 2 ** 20;
