/**
 * The scenarios the page is measured (bench/browser.ts) and tested (e2e/) with at full
 * size: the biggest x86_64 machine, and the heavy 10,000-step replay.
 */
import { DEFAULT_CONFIG } from '../src/engine/ops';
import type { Scenario } from '../src/scenario/types';
import { heavyHotplugWorkload } from './replay-workload';

const TOP = 2 ** 46;
const M128 = 2 ** 27;
const G2 = 2 ** 31;

/**
 * RAM from 1 MiB to 128 MiB below the top of the 46-bit space: 2^19 sections and, since the
 * end is not 2 GiB aligned, 524,287 memory blocks of 128 MiB. The steps hot-add the last
 * 128 MiB and take it away again.
 */
export const BIG_128M: Scenario = {
  title: '64 TiB of RAM in 128 MiB blocks',
  kernel: 'v5.5',
  arch: 'x86_64',
  config: { ...DEFAULT_CONFIG },
  machine: { kind: 'ram', ram: [{ start: 0x100000, size: TOP - M128 - 0x100000, nid: 0 }] },
  steps: [
    { op: 'add_memory', nid: 0, start: TOP - M128, size: M128 },
    { op: 'online', start: TOP - M128, size: M128, as: 'online_movable' },
    { op: 'offline', start: TOP - M128, size: M128 },
    { op: 'remove_memory', nid: 0, start: TOP - M128, size: M128 },
  ],
  cursor: 0,
};

/** RAM to the very top: probe_memory_block_size() picks 2 GiB, so 32,768 blocks. One of them at 32 TiB goes and comes back. */
export const BIG_2G: Scenario = {
  title: '64 TiB of RAM in 2 GiB blocks',
  kernel: 'v5.5',
  arch: 'x86_64',
  config: { ...DEFAULT_CONFIG },
  machine: { kind: 'ram', ram: [{ start: 0x100000, size: TOP - 0x100000, nid: 0 }] },
  steps: [
    { op: 'offline', start: TOP / 2, size: G2 },
    { op: 'remove_memory', nid: 0, start: TOP / 2, size: G2 },
    { op: 'add_memory', nid: 0, start: TOP / 2, size: G2 },
    { op: 'online', start: TOP / 2, size: G2, as: 'online' },
  ],
  cursor: 0,
};

/** The heavy workload of npm run bench as a scenario file's content: 2,500 blocks online at once, 10,000 steps (4 steps a block). */
export function heavyScenario(online = 2500): Scenario {
  return {
    title: `${(online * 4).toLocaleString('en')} steps: ${online.toLocaleString('en')} blocks added and onlined, then offlined and removed`,
    kernel: 'v5.5',
    arch: 'x86_64',
    config: { ...DEFAULT_CONFIG },
    machine: { kind: 'default' },
    steps: heavyHotplugWorkload(online),
    cursor: 0,
  };
}
