import type { BootZonePages, IomemEntryInput, KernelConfig, KernelId, NodeRangeInput, Op } from '../engine/ops';

/** A scenario file after parsing: every default filled in, every number a plain integer. */
export interface Scenario {
  title: string;
  kernel: KernelId;
  arch: 'x86_64';
  config: KernelConfig;
  machine: MachineSpec;
  steps: Op[];
  /** step shown when the scenario is opened: 0 is the boot state; null when the file names none */
  cursor: number | null;
}

export type RamRange = { start: number; size: number; nid: number };

/** The iomem text is kept next to its entries so that saving the scenario writes back what the user gave. */
export type MachineSpec =
  | { kind: 'default' }
  /**
   * `zoneinfo`: the machine's /proc/zoneinfo as given, and the boot zones read from it;
   * `nodes`: the node ranges its boot System RAM is cut into (absent: all of it on node 0)
   */
  | { kind: 'iomem'; text: string; entries: IomemEntryInput[]; zoneinfo?: { text: string; zones: BootZonePages[] }; nodes?: NodeRangeInput[] }
  | { kind: 'ram'; ram: RamRange[] };
