import { describe, expect, it } from 'vitest';
import { formatIomem } from './format/proc-iomem';
import { formatZoneinfo } from './format/proc-zoneinfo';
import { formatMemoryBlocks } from './format/sys-memory';
import { stateAt, type Run } from './run';
import { expectMatchesCapture, hotBlocks } from '../test-support/capture-match';
import { readCapture } from '../test-support/fixture-capture';
import { runFile } from '../test-support/load-scenario';

/**
 * Golden data from a real kernel (Linux 6.1 in QEMU, fixtures/qemu-6.1). The
 * v5.5 variant must reproduce /proc/iomem, the zone lines and the memory blocks at every
 * capture; boot zones' managed counts depend on boot reservations /proc/iomem does not
 * show, so managed is compared for hot-added zones only.
 */
const expectMatches = (run: Run, step: number, capture: string) => expectMatchesCapture(run, step, capture);

describe('v5.5 against the recorded 6.1 kernel, pc-dimm run A', () => {
  const run = runFile('qemu-a-dimm-lifecycle.json', 'v5.5');
  const captures = ['A00_boot.txt', 'A01_added.txt', 'A02_online_movable.txt', 'A03_offlined.txt', 'A04_removed.txt'];
  captures.forEach((c, step) => it(`step ${step} matches ${c}`, () => expectMatches(run, step, c)));

  it('boot blocks match: memory0 spans DMA and DMA32, memory1..15 are DMA32', () => {
    const lines = formatMemoryBlocks(stateAt(run, 0), false).trim().split('\n');
    expect(lines[0]).toBe('block_size_bytes 8000000');
    expect(lines[1]).toBe('memory0 phys_index=00000000 state=online valid_zones=none');
    expect(lines.slice(2)).toEqual(Array.from({ length: 15 }, (_, i) => `memory${i + 1} phys_index=${(i + 1).toString(16).padStart(8, '0')} state=online valid_zones=DMA32`));
  });

  it('raises no findings on the ordinary lifecycle', () => {
    expect(run.steps.flatMap((s) => s.findings)).toEqual([]);
    expect(run.steps.map((s) => s.ret)).toEqual([0, 0, 0, 0]);
  });
});

describe('v4.18 on run A: the documented differences', () => {
  const run = runFile('qemu-a-dimm-lifecycle.json', 'v4.18');

  it('matches the real kernel until the offline', () => {
    expectMatches(run, 0, 'A00_boot.txt');
    expectMatches(run, 1, 'A01_added.txt');
    expectMatches(run, 2, 'A02_online_movable.txt');
  });

  it('keeps the Movable span after offline (present 0, so no start_pfn line) and lists Movable first', () => {
    const zi = formatZoneinfo(stateAt(run, 3));
    expect(zi).toContain('Node 0, zone  Movable\n        spanned  262144\n        present  0\n        managed  0\nNode 0, zone   Device');
    expect(hotBlocks(run, 3)).toEqual(readCapture('A03_offlined.txt').hotBlocks.map((l) => l.replace('valid_zones=Normal Movable', 'valid_zones=Movable Normal')));
    expect(formatIomem(stateAt(run, 3).iomem)).toBe(readCapture('A03_offlined.txt').iomem);
  });

  it('shrinks the span at removal, ending where the real kernel does', () => expectMatches(run, 4, 'A04_removed.txt'));
});

describe('v5.5 against the recorded 6.1 kernel, persistent-memory run B', () => {
  const run = runFile('qemu-b-pmem.json', 'v5.5');
  // step of the scenario after which each capture was taken
  const marks: [number, string][] = [
    [0, 'B00_boot.txt'],
    [2, 'B01_modules_loaded.txt'],
    [6, 'B02_fsdax_map_mem.txt'],
    [8, 'B03_fsdax_disabled.txt'],
    [10, 'B04_fsdax_reenabled.txt'],
    [15, 'B05_devdax.txt'],
    [18, 'B06_kmem_added_offline.txt'],
    [19, 'B07_kmem_online.txt'],
    [20, 'B08_kmem_offlined.txt'],
  ];
  marks.forEach(([step, c]) => it(`step ${step} matches ${c}`, () => expectMatches(run, step, c)));

  it('the Device zone spans 262144 pages from the first mapping on and never shrinks', () => {
    for (let step = 2; step <= 20; step++) expect(stateAt(run, step).nodes[0]!.zones[4]!.spannedPages).toBe(262144);
  });

  it('at B09 v5.5 parts from 6.1: the SYSRAM back-off leaves "System RAM (kmem)" behind (S8)', () => {
    const real = readCapture('B09_back_to_devdax.txt');
    const ours = formatIomem(stateAt(run, 23).iomem);
    expect(real.iomem).toContain('  101200000-13fffffff : dax0.0\n');
    expect(ours).toContain('  108000000-13fffffff : System RAM (kmem)\n');
    expect(run.steps[20]!.findings.map((f) => f.code)).toEqual(['stale-resource']);
    expect(run.steps[21]!.ret).toBe(-16);
  });
});

describe('v5.5 against the recorded 6.1 kernel, B10 to B13 re-created from boot', () => {
  const run = runFile('qemu-b-pmem-again.json', 'v5.5');
  it('step 6 matches B10 and B11', () => {
    expectMatches(run, 6, 'B10_devdax_disabled.txt');
    expectMatches(run, 6, 'B11_destroyed.txt');
  });
  it('step 13 matches B12', () => expectMatches(run, 13, 'B12_kmem_online_again.txt'));
  it('step 14 matches B13, with the kernel log of the failed unbind', () => {
    expectMatches(run, 14, 'B13_kmem_unbound_while_online.txt');
    expect(run.steps[13]!.log).toEqual(readCapture('B13_kmem_unbound_while_online.txt').dmesg);
  });
});
