import { describe, expect, it } from 'vitest';
import { formatMemoryBlocks } from '../format/sys-memory';
import { autoMovableStats, canOnlineMovable } from '../mm/auto-movable';
import { DEFAULT_CONFIG, type KernelConfig, type KernelId, type Op } from '../ops';
import { runScenario, stateAt, stepTrace, type Run } from '../run';
import type { TraceNode } from '../trace/trace-types';
import { autoMovableOf } from '.';
import { randomSequences } from '../../test-support/traced-calls';
import { toMachineInput } from '../../scenario/machine-input';

const G = 2 ** 30;
const M = 2 ** 20;
const text = (nodes: readonly TraceNode[]): string[] =>
  nodes.flatMap((n) => (n.k === 'call' ? text(n.children) : n.k === 'decision' ? [`${n.cond}: ${n.value}`] : 'text' in n ? [String(n.text)] : []));

/** The machine of recording P (kernel-notes-6.12 §7): QEMU pc with 1 GiB, DMA present 3998, DMA32 258016. */
const P_MACHINE = { kind: 'ram' as const, ram: [{ start: 0x1000, size: 0x9e000, nid: 0 }, { start: 0x100000, size: 0x3fee0000, nid: 0 }] };
const AUTO: KernelConfig = { ...DEFAULT_CONFIG, online_policy: 'auto-movable' };

const dimm = (i: number): Op[] => [
  { op: 'add_memory', nid: 0, start: 4 * G + i * G, size: G },
  { op: 'online', start: 4 * G + i * G, size: G, as: 'online' },
];
function run(steps: Op[], config = AUTO, kernel: KernelId = 'v6.12'): Run {
  return runScenario({ kernel, config, machine: P_MACHINE, steps });
}
const zone = (r: Run, step: number, zi: number) => stateAt(r, step).nodes[0]!.zones[zi]!;
const zoneLine = (r: Run, step: number, zi: number): [number, number, number, number] => {
  const z = zone(r, step, zi);
  return [z.spannedPages, z.presentPages, z.managedPages, z.startPfn];
};
/** valid_zones of the first block of DIMM i, after step `step` */
const validZonesOf = (r: Run, step: number, block: number): string => {
  const line = formatMemoryBlocks(stateAt(r, step), false, autoMovableOf(r.kernel, r.config)).split('\n').find((l) => l.startsWith(`memory${block} `));
  return line!.replace(/.*valid_zones=/, '');
};

describe('auto_movable_can_online_movable(): the ratio arithmetic (kernel-notes-6.12 §7, recording P)', () => {
  const boot = { movablePages: 0, kernelEarlyPages: 3998 + 258016 };
  it('the limit is 301 * 262014 / 100 = 788662 pages, integer division', () => {
    expect(canOnlineMovable(boot, 301, 262144, null).limit).toBe(788662);
  });
  it('DIMM 3 fits (524288 + 262144 = 786432 <= 788662), DIMM 4 does not (1048576)', () => {
    expect(canOnlineMovable({ ...boot, movablePages: 524288 }, 301, 262144, null).ok).toBe(true);
    expect(canOnlineMovable({ ...boot, movablePages: 786432 }, 301, 262144, null).ok).toBe(false);
  });
  it('DIMM 3 rules out the two other readings: managed pages (231118) or a ratio of 300 would refuse it', () => {
    expect(canOnlineMovable({ movablePages: 524288, kernelEarlyPages: 3840 + 227278 }, 301, 262144, null)).toMatchObject({ limit: 695665, ok: false });
    expect(canOnlineMovable({ ...boot, movablePages: 524288 }, 300, 262144, null)).toMatchObject({ limit: 786042, ok: false });
  });
  it('no early kernel memory (a memoryless node) allows no Movable at all', () => {
    expect(canOnlineMovable({ movablePages: 0, kernelEarlyPages: 0 }, 301, 1, 1).ok).toBe(false);
  });
  it('the product wraps at 64 bits as the kernel computes it', () => {
    expect(canOnlineMovable({ movablePages: 0, kernelEarlyPages: 2 ** 34 }, 0xffffffff, 1, null).limit).toBe(Number(((0xffffffffn * 2n ** 34n) % 2n ** 64n) / 100n));
  });
});

describe('online_policy=auto-movable under v6.12: recording P, five 1 GiB DIMMs onlined with plain online', () => {
  const r = run([0, 1, 2, 3, 4].flatMap(dimm));
  it('boot: kernel_early_pages 262014, nothing Movable', () => {
    expect(autoMovableStats(stateAt(r, 0), null)).toEqual({ movablePages: 0, kernelEarlyPages: 262014 });
  });
  it('valid_zones before onlining: Movable Normal for DIMMs 1-3, Normal Movable for 4 and 5 (P01..P05)', () => {
    // DIMM i is added at step 2i+1; its first block is memory 32 + 8i
    expect([0, 1, 2, 3, 4].map((i) => validZonesOf(r, 2 * i + 1, 32 + 8 * i))).toEqual(['Movable Normal', 'Movable Normal', 'Movable Normal', 'Normal Movable', 'Normal Movable']);
  });
  it('DIMMs 1-3 go Movable, 4 and 5 Normal: the zone lines of P01..P05', () => {
    expect(zoneLine(r, 2, 3)).toEqual([262144, 262144, 262144, 1048576]);
    expect(zoneLine(r, 4, 3)).toEqual([524288, 524288, 524288, 1048576]);
    expect(zoneLine(r, 6, 3)).toEqual([786432, 786432, 786432, 1048576]);
    expect(zoneLine(r, 8, 2)).toEqual([262144, 262144, 262144, 1835008]);
    expect(zoneLine(r, 8, 3)[0]).toBe(786432);
    expect(zoneLine(r, 10, 2)).toEqual([524288, 524288, 524288, 1835008]);
  });
  it('the trace shows the pages compared: DIMM 3 fits, DIMM 4 does not', () => {
    const dimm3 = text(stepTrace(r, 6)).filter((l) => l.startsWith('movable_pages + nr_pages'));
    expect(dimm3[0]).toBe('movable_pages + nr_pages <= auto_movable_ratio * kernel_early_pages / 100: movable_pages 524288 + nr_pages 262144 = 786432 <= 301 * kernel_early_pages 262014 / 100 = 788662: true');
    const dimm4 = text(stepTrace(r, 8));
    expect(dimm4).toContain('movable_pages + nr_pages <= auto_movable_ratio * kernel_early_pages / 100: movable_pages 786432 + nr_pages 262144 = 1048576 > 301 * kernel_early_pages 262014 / 100 = 788662: false');
    // the first block of DIMM 4 went to Normal, so the other seven follow the group without a test
    expect(dimm4.some((l) => l.includes('the memory group already has 32768 pages in a kernel zone'))).toBe(true);
  });
  it('within a DIMM the test is for the rest of the group: nr_pages = max_pages - online_pages', () => {
    expect(text(stepTrace(r, 2))).toContain('nr_pages = max_pages - online_pages = 262144 - 32768 = 229376: the test is for the whole group');
  });
  it('online blocks show their zone', () => {
    expect(validZonesOf(r, 10, 32)).toBe('Movable');
    expect(validZonesOf(r, 10, 56)).toBe('Normal');
  });
});

describe('the group decides as one, and the ratio is the configured one', () => {
  it('a DIMM that would cross the limit goes Normal whole, though its first blocks alone would fit', () => {
    // 2 GiB + 2 GiB Movable, then a third 1 GiB: 786432 limit-wise fits, a 2 GiB group would not
    const r = run([
      { op: 'add_memory', nid: 0, start: 4 * G, size: 2 * G },
      { op: 'online', start: 4 * G, size: 2 * G, as: 'online' },
      { op: 'add_memory', nid: 0, start: 6 * G, size: 2 * G },
    ]);
    expect(zoneLine(r, 2, 3)[1]).toBe(524288);
    // 524288 + 524288 = 1048576 > 788662, though one block (524288 + 32768) would fit
    expect(validZonesOf(r, 3, 48)).toBe('Normal Movable');
  });
  it('auto_movable_ratio 0: always the kernel zone', () => {
    const r = run(dimm(0), { ...AUTO, auto_movable_ratio: 0 });
    expect(zoneLine(r, 2, 2)[1]).toBe(262144);
    expect(text(stepTrace(r, 2)).some((l) => l.includes('auto_movable_ratio is 0'))).toBe(true);
  });
  it('auto_movable_ratio 100: one 128 MiB block of Movable per 128 MiB of early kernel memory, at most', () => {
    const r = run([{ op: 'add_memory', nid: 0, start: 4 * G, size: 128 * M }, { op: 'online', start: 4 * G, size: 128 * M, as: 'online' }], { ...AUTO, auto_movable_ratio: 100 });
    expect(zoneLine(r, 2, 3)[1]).toBe(32768);
  });
  it('auto_movable_numa_aware: a node with no early kernel memory gets no Movable; without the option the machine\'s ratio decides', () => {
    const steps: Op[] = [{ op: 'add_memory', nid: 1, start: 4 * G, size: G }, { op: 'online', start: 4 * G, size: G, as: 'online' }];
    const aware = run(steps);
    expect(stateAt(aware, 2).nodes[1]!.zones[2]!.presentPages).toBe(262144);
    expect(text(stepTrace(aware, 2))).toContain('movable_pages + nr_pages <= auto_movable_ratio * kernel_early_pages / 100: kernel_early_pages 0: no early kernel memory on node 1, so nothing may go Movable: false');
    const global = run(steps, { ...AUTO, auto_movable_numa_aware: false });
    expect(stateAt(global, 2).nodes[1]!.zones[3]!.presentPages).toBe(262144);
  });
  it('explicit online_kernel / online_movable are not the policy\'s to decide', () => {
    const r = run([{ op: 'add_memory', nid: 0, start: 4 * G, size: G }, { op: 'online', start: 4 * G, size: G, as: 'online_kernel' }]);
    expect(zoneLine(r, 2, 2)[1]).toBe(262144);
    expect(text(stepTrace(r, 2)).some((l) => l.startsWith('online_policy'))).toBe(false);
  });
  it('removal ends the group: the same range added again starts a fresh one', () => {
    const r = run([...dimm(0), { op: 'offline', start: 4 * G, size: G }, { op: 'remove_memory', nid: 0, start: 4 * G, size: G }, ...dimm(0)]);
    expect(zoneLine(r, 6, 3)[1]).toBe(262144);
  });
});

describe('the policy and other kernels', () => {
  it('contig-zones (the default) under v6.12: Normal Movable, online to Normal', () => {
    const r = run(dimm(0), DEFAULT_CONFIG);
    expect(validZonesOf(r, 1, 32)).toBe('Normal Movable');
    expect(zoneLine(r, 2, 2)[1]).toBe(262144);
  });
  it('v5.5 ignores online_policy (it came with 5.15), says so in the trace, and valid_zones is contig-zones\'', () => {
    const r = run(dimm(0), AUTO, 'v5.5');
    expect(autoMovableOf('v5.5', AUTO)).toBeNull();
    expect(zoneLine(r, 2, 2)[1]).toBe(262144);
    expect(validZonesOf(r, 1, 32)).toBe('Normal Movable');
    expect(text(stepTrace(r, 2)).some((l) => l.includes('online_policy=auto-movable is not a parameter of v5.5'))).toBe(true);
  });
});

describe('valid_zones and a plain online agree under auto-movable', () => {
  it('over random sequences on the default machine (node 1 has no early memory): the first zone listed is the zone online picks', () => {
    let checked = 0;
    const zonesSeen = new Set<string>();
    for (const steps of randomSequences(1000, 1315)) {
      const r = runScenario({ kernel: 'v6.12', config: AUTO, machine: toMachineInput({ kind: 'default' }), steps });
      r.steps.forEach((st, i) => {
        if (st.op.op !== 'online' || st.op.as !== 'online' || st.ret !== 0) return;
        const id = st.op.start / (128 * M);
        const before = validZonesOf(r, i, id);
        const after = validZonesOf(r, i + 1, id);
        if (before.includes(' ') && !after.includes(' ')) {
          expect(after, `sequence step ${i}: ${JSON.stringify(st.op)}`).toBe(before.split(' ')[0]);
          zonesSeen.add(after);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(20);
    expect([...zonesSeen].sort()).toEqual(['Movable', 'Normal']);
  });
});
