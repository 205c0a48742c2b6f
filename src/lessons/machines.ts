/** Sizes and the machines the lessons run on. */
import { DEFAULT_CONFIG } from '../engine/ops';
import type { KernelConfig } from '../engine/ops';
import { parseIomemText } from '../scenario/iomem-text';
import type { MachineSpec } from '../scenario/types';

export const M = 2 ** 20;
export const G = 2 ** 30;

/** Block n of the kernel notes' setup (x86_64, 128 MiB blocks): B40 is 0x140000000. */
export const block = (n: number): number => n * 128 * M;

/**
 * The kernel notes' common setup (§11): boot RAM up to 3 GiB and 1 GiB above 4 GiB on node
 * 0, so ZONE_NORMAL is [pfn 0x100000, 0x140000) and block 40 is the first hot-pluggable one.
 */
export const NOTES_MACHINE: MachineSpec = {
  kind: 'ram',
  ram: [
    { start: 0x100000, size: 0xbff00000, nid: 0 },
    { start: 0x100000000, size: G, nid: 0 },
  ],
};

/** The app's default: the QEMU `pc` machine with 2 GiB that the recorded 6.1 runs used. */
export const QEMU_MACHINE: MachineSpec = { kind: 'default' };

export const CONFIG: KernelConfig = { ...DEFAULT_CONFIG };

/**
 * The notes' machine as a /proc/iomem with one child inside boot RAM: a `Crash kernel`
 * reservation in the top 256 MiB above 4 GiB (blocks 38 and 39). The placement is this
 * lesson's choice; the engine takes the listing as given.
 */
const NOTES_IOMEM_WITH_CHILD = `00100000-bfffffff : System RAM
100000000-13fffffff : System RAM
  130000000-13fffffff : Crash kernel
`;

function iomemMachine(text: string): MachineSpec {
  const parsed = parseIomemText(text);
  if (!parsed.ok) throw new Error(`lesson machine: ${parsed.errors.join('; ')}`);
  return { kind: 'iomem', text, entries: parsed.entries };
}

export const NOTES_MACHINE_WITH_CHILD: MachineSpec = iomemMachine(NOTES_IOMEM_WITH_CHILD);
