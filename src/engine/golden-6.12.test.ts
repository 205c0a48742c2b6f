import { describe, expect, it } from 'vitest';
import { formatIomem } from './format/proc-iomem';
import { formatZoneinfo } from './format/proc-zoneinfo';
import { formatMemoryBlocks } from './format/sys-memory';
import { stateAt, type Run } from './run';
import { expectMatchesCapture } from '../test-support/capture-match';
import { readCapture } from '../test-support/fixture-capture';
import { loadScenario, runFile } from '../test-support/load-scenario';

/**
 * Golden data from Debian's 6.12.118 in QEMU (fixtures/qemu-6.12). Under v6.12 each capture
 * reproduces: /proc/iomem byte for byte, every zone line the engine prints (managed of the
 * boot zones aside: it depends on boot reservations the iomem does not show) and the
 * hot-added memory blocks.
 */
const expectMatches = (run: Run, step: number, capture: string) => expectMatchesCapture(run, step, capture, 'qemu-6.12');

/** The Movable or Normal zone line block of a capture, managed included. */
const zoneBlock = (zoneinfo: string, zone: string): string => {
  const lines = zoneinfo.trim().split('\n');
  const i = lines.findIndex((l) => l.startsWith('Node 0, zone') && l.trim().endsWith(zone));
  const j = lines.findIndex((l, n) => n > i && l.startsWith('Node'));
  return lines.slice(i, j < 0 ? undefined : j).join('\n');
};

describe('v6.12 against the recorded 6.12 kernel, pc-dimm run A612', () => {
  const run = runFile('qemu-6.12-a612-dimm-lifecycle.json');
  const captures = ['A612_00_boot.txt', 'A612_01_added.txt', 'A612_02_online_movable.txt', 'A612_03_offlined.txt', 'A612_04_removed.txt'];

  it('runs under v6.12 on the machine of A612_00', () => {
    expect(run.kernel).toBe('v6.12');
    const m = loadScenario('qemu-6.12-a612-dimm-lifecycle.json').machine;
    expect(m.kind === 'iomem' && m.text).toBe(readCapture('A612_00_boot.txt', 'qemu-6.12').iomem);
  });
  captures.forEach((c, step) => it(`step ${step} matches ${c}`, () => expectMatches(run, step, c)));

  it('boot blocks: memory0 spans DMA and DMA32, memory1..15 are DMA32', () => {
    const lines = formatMemoryBlocks(stateAt(run, 0), false).trim().split('\n');
    expect(lines[1]).toBe('memory0 phys_index=00000000 state=online valid_zones=none');
    expect(lines.slice(2)).toEqual(Array.from({ length: 15 }, (_, i) => `memory${i + 1} phys_index=${(i + 1).toString(16).padStart(8, '0')} state=online valid_zones=DMA32`));
  });

  it('logs nothing at offline (no "Offlined Pages"), as A612_03 shows, and raises no findings', () => {
    expect(run.steps[2]!.log).toEqual([]);
    expect(run.steps.flatMap((s) => s.log)).toEqual([]);
    expect(run.steps.flatMap((s) => s.findings)).toEqual([]);
    expect(run.steps.map((s) => s.ret)).toEqual([0, 0, 0, 0]);
  });
});

describe('v6.12 against the recorded 6.12 kernel, memmap_on_memory run M', () => {
  const run = runFile('qemu-6.12-m-memmap-on-memory.json');
  const marks: [number, string][] = [
    [0, 'M00_boot.txt'],
    [1, 'M01_added.txt'],
    [2, 'M02_online_movable.txt'],
    [3, 'M03_offlined.txt'],
    [4, 'M04_removed.txt'],
    [5, 'M05_dimm2_added.txt'],
    [6, 'M06_online_kernel.txt'],
    [7, 'M07_offline_kernel.txt'],
    [7, 'M08_device_del.txt'],
  ];
  marks.forEach(([step, c]) => it(`step ${step} matches ${c}`, () => expectMatches(run, step, c)));

  it('counts the 8 x 512 memmap pages present but not managed: Movable 262144 / 258048 (M02), Normal 32768 / 32256 (M07)', () => {
    expect(zoneBlock(formatZoneinfo(stateAt(run, 2)), 'Movable')).toBe(zoneBlock(readCapture('M02_online_movable.txt', 'qemu-6.12').zoneinfo, 'Movable'));
    expect(zoneBlock(formatZoneinfo(stateAt(run, 2)), 'Movable')).toContain('managed  258048');
    expect(zoneBlock(formatZoneinfo(stateAt(run, 6)), 'Normal')).toBe(zoneBlock(readCapture('M06_online_kernel.txt', 'qemu-6.12').zoneinfo, 'Normal'));
    expect(zoneBlock(formatZoneinfo(stateAt(run, 7)), 'Normal')).toBe(zoneBlock(readCapture('M07_offline_kernel.txt', 'qemu-6.12').zoneinfo, 'Normal'));
    expect(stateAt(run, 7).nodes[0]!.zones[2]!.managedPages).toBe(32256);
  });

  it('under v5.5 the same file keeps managed = present: the memmap lives elsewhere', () => {
    const v55 = runFile('qemu-6.12-m-memmap-on-memory.json', 'v5.5');
    expect(stateAt(v55, 2).nodes[0]!.zones[3]!.managedPages).toBe(262144);
  });
});

describe('v6.12 on the persistent-memory run B: kmem releases "System RAM (kmem)"', () => {
  // 6.12 ends in 6.1's modelled state at every capture of B (kernel-notes-6.12.md §3, §8), so the 6.1 captures serve here
  const run = runFile('qemu-b-pmem.json', 'v6.12');

  it('at B09, where v5.5 keeps the kmem child (SYSRAM back-off), v6.12 has dax0.0 back as the real kernel does', () => {
    const real = readCapture('B09_back_to_devdax.txt');
    expect(formatIomem(stateAt(run, 23).iomem)).toBe(real.iomem);
    expect(run.steps[20]!.findings).toEqual([]);
  });
});
