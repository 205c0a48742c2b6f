/**
 * NUMA machines as kernel-notes-6.12 §1 and §6 describe the two- and three-node QEMU recordings
 * (N, N2): boot RAM cut at the node ranges, node 1's zones and blocks, a DIMM on node 1, and a
 * node without memory brought online by its first hot-add and taken offline by its removal.
 */
import { describe, expect, it } from 'vitest';
import { parseIomemText } from '../scenario/iomem-text';
import { DEFAULT_CONFIG, type KernelId, type NodeRangeInput, type Op } from './ops';
import { formatMemoryBlocks } from './format/sys-memory';
import { formatZoneinfo } from './format/proc-zoneinfo';
import { runScenario } from './run';

const IOMEM = '00000000-00000fff : Reserved\n00001000-0009fbff : System RAM\n0009fc00-0009ffff : Reserved\n00100000-7ffdffff : System RAM\n7ffe0000-7fffffff : Reserved\n';
const G = 2 ** 30;
const parsed = parseIomemText(IOMEM);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const N: NodeRangeInput[] = [{ nid: 1, start: G, size: G }];
const N2: NodeRangeInput[] = [...N, { nid: 2, start: 0, size: 0 }];

function run(kernel: KernelId, nodes: NodeRangeInput[], steps: Op[]) {
  return runScenario({ kernel, config: { ...DEFAULT_CONFIG }, machine: { kind: 'iomem', entries: parsed.ok ? parsed.entries : [], nodes }, steps });
}
/** the zone lines of one node: header, spanned, present, managed, start_pfn */
const zonesOf = (text: string, nid: number): string => text.split(/(?=^Node )/m).filter((z) => z.startsWith(`Node ${nid},`)).join('');

const dimm = (nid: number, as: 'online_movable' | 'online_kernel' = 'online_movable'): Op[] => [
  { op: 'add_memory', nid, start: 4 * G, size: G },
  { op: 'online', start: 4 * G, size: G, as },
  { op: 'offline', start: 4 * G, size: G },
  { op: 'remove_memory', nid, start: 4 * G, size: G },
];

describe('two nodes of 1 GiB (N00)', () => {
  const r = run('v6.12', N, dimm(1));
  const boot = formatZoneinfo(r.states[0]!);
  it('boots node 0 and node 1 with the zone lines N00 shows, node 1\'s DMA printed empty', () => {
    expect(zonesOf(boot, 0)).toContain('Node 0, zone      DMA\n        spanned  4095\n        present  3998\n        managed  3998\n  start_pfn:           1\nNode 0, zone    DMA32\n        spanned  258048\n        present  258048');
    expect(zonesOf(boot, 1)).toBe(
      ['DMA', 'DMA32', 'Normal', 'Movable', 'Device']
        .map((z) => `Node 1, zone ${z.padStart(8)}\n` + (z === 'DMA32' ? '        spanned  262112\n        present  262112\n        managed  262112\n  start_pfn:           262144\n' : '        spanned  0\n        present  0\n        managed  0\n'))
        .join(''),
    );
    expect(boot.indexOf('Node 1,')).toBeGreaterThan(boot.lastIndexOf('Node 0,'));
  });
  it('links memory0-7 to node 0 and memory8-15 to node 1', () => {
    const s = r.states[0]!;
    expect(s.nodes.map((n) => [n.nid, n.online, n.startPfn, n.spannedPages, n.presentPages])).toEqual([
      [0, true, 1, 262143, 3998 + 258048],
      [1, true, 262144, 262112, 262112],
    ]);
  });
  it('a DIMM on node 1 goes to node 1\'s Movable; node 0 is unchanged; removal brings node 1 back to boot (N01-N04)', () => {
    const after = (i: number): string => formatZoneinfo(r.states[i]!);
    expect(r.steps.map((s) => s.ret)).toEqual([0, 0, 0, 0]);
    expect(zonesOf(after(2), 1)).toContain('Node 1, zone  Movable\n        spanned  262144\n        present  262144\n        managed  262144\n  start_pfn:           1048576');
    expect(zonesOf(after(2), 0)).toBe(zonesOf(boot, 0));
    expect(after(4)).toBe(boot);
    expect(r.states[4]!.nodes[1]!.online).toBe(true);
  });
  it('the DIMM\'s blocks are node 1\'s, valid_zones Normal Movable', () => {
    const s = r.states[1]!;
    expect(formatMemoryBlocks(s, false, null)).toContain('memory32 phys_index=00000020 state=offline valid_zones=Normal Movable');
    expect(s.nodes[1]!.spannedPages).toBe(262112);
  });
});

describe.each(['v5.5', 'v6.12'] as const)('%s: a node without memory at boot (N2)', (kernel) => {
  const r = run(kernel, N2, dimm(2));
  const z = (i: number): string => formatZoneinfo(r.states[i]!);
  it('is not online at boot, and zoneinfo leaves it out (N2_00)', () => {
    expect(r.states[0]!.nodes[2]).toMatchObject({ online: false, presentPages: 0 });
    expect(z(0)).not.toContain('Node 2');
  });
  it('comes online with its first hot-add, its five zones empty (N2_01)', () => {
    expect(r.states[1]!.nodes[2]!.online).toBe(true);
    expect(zonesOf(z(1), 2)).toBe(['DMA', 'DMA32', 'Normal', 'Movable', 'Device'].map((n) => `Node 2, zone ${n.padStart(8)}\n        spanned  0\n        present  0\n        managed  0\n`).join(''));
  });
  it('holds the DIMM in Movable once onlined (N2_02), stays online when offlined (N2_03), goes offline when removed (N2_04)', () => {
    expect(zonesOf(z(2), 2)).toContain('Node 2, zone  Movable\n        spanned  262144\n        present  262144\n        managed  262144\n  start_pfn:           1048576');
    expect(r.states[3]!.nodes[2]!.online).toBe(true);
    expect(zonesOf(z(3), 2)).toContain('Node 2, zone  Movable\n        spanned  0\n');
    expect(r.states[4]!.nodes[2]!.online).toBe(false);
    expect(z(4)).toBe(z(0));
  });
});

describe('v6.12: remove_memory takes no nid', () => {
  it('try_offline_node() runs for the node the blocks are on, not the step\'s nid', () => {
    const steps: Op[] = [{ op: 'add_memory', nid: 2, start: 4 * G, size: G }, { op: 'remove_memory', nid: 0, start: 4 * G, size: G }];
    const r6 = run('v6.12', N2, steps);
    expect(r6.steps.map((s) => s.ret)).toEqual([0, 0]);
    expect(r6.states[2]!.nodes[2]!.online).toBe(false);
    // v5.5's remove_memory(nid, ...) offlines the node it is told: node 0 stays, node 2 too
    const r5 = run('v5.5', N2, steps);
    expect(r5.states[2]!.nodes[2]!.online).toBe(true);
  });
});

describe('auto-movable with auto_movable_numa_aware counts the block\'s own node', () => {
  it('a DIMM on a node without boot memory goes to a kernel zone: the node has no early kernel pages', () => {
    const steps: Op[] = [{ op: 'add_memory', nid: 2, start: 4 * G, size: G }, { op: 'online', start: 4 * G, size: G, as: 'online' }];
    const on = runScenario({ kernel: 'v6.12', config: { ...DEFAULT_CONFIG, online_policy: 'auto-movable' }, machine: { kind: 'iomem', entries: parsed.ok ? parsed.entries : [], nodes: N2 }, steps });
    expect(on.states[2]!.nodes[2]!.zones[2]!.presentPages).toBe(262144);
    const off = runScenario({ kernel: 'v6.12', config: { ...DEFAULT_CONFIG, online_policy: 'auto-movable', auto_movable_numa_aware: false }, machine: { kind: 'iomem', entries: parsed.ok ? parsed.entries : [], nodes: N2 }, steps });
    expect(off.states[2]!.nodes[2]!.zones[3]!.presentPages).toBe(262144);
  });
  it('valid_zones of the offline block says so first: Normal on the node without early memory, Movable when the node is not counted', () => {
    const machine = { kind: 'iomem' as const, entries: parsed.ok ? parsed.entries : [], nodes: N2 };
    const add: Op[] = [{ op: 'add_memory', nid: 2, start: 4 * G, size: G }];
    const blocks = (numaAware: boolean): string => {
      const cfg = { ...DEFAULT_CONFIG, online_policy: 'auto-movable' as const, auto_movable_numa_aware: numaAware };
      return formatMemoryBlocks(runScenario({ kernel: 'v6.12', config: cfg, machine, steps: add }).states[1]!, false, { ratio: cfg.auto_movable_ratio, numaAware });
    };
    expect(blocks(true)).toContain('memory32 phys_index=00000020 state=offline valid_zones=Normal Movable');
    expect(blocks(false)).toContain('memory32 phys_index=00000020 state=offline valid_zones=Movable Normal');
  });
});
