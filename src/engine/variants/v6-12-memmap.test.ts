import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Op } from '../ops';
import { runScenario, stateAt, stepTrace } from '../run';
import type { TraceNode } from '../trace/trace-types';
import { toMachineInput } from '../../scenario/machine-input';
import { memmapPagesPerBlock } from './v6-12-memmap';

const G = 2 ** 30;
const text = (nodes: readonly TraceNode[]): string[] =>
  nodes.flatMap((n) => (n.k === 'call' ? text(n.children) : n.k === 'decision' ? [`${n.cond}: ${n.value}`] : 'text' in n ? [String(n.text)] : []));

function run(steps: Op[], memmap = true) {
  return runScenario({ kernel: 'v6.12', config: { ...DEFAULT_CONFIG, memmap_on_memory: memmap }, machine: toMachineInput({ kind: 'default' }), steps });
}

describe('memmap_on_memory accounting under v6.12', () => {
  it('a block keeps 64 bytes of struct page per 4 KiB page: 512 pages per 128 MiB block, 8192 per 2 GiB', () => {
    expect(memmapPagesPerBlock(128 * 2 ** 20)).toBe(512);
    expect(memmapPagesPerBlock(2 * G)).toBe(8192);
  });

  it('one block onlined: present 32768, managed 32256; offline and removal take both back to 0', () => {
    const r = run([
      { op: 'add_memory', nid: 0, start: 4 * G, size: 128 * 2 ** 20 },
      { op: 'online', start: 4 * G, size: 128 * 2 ** 20, as: 'online_movable' },
      { op: 'offline', start: 4 * G, size: 128 * 2 ** 20 },
      { op: 'remove_memory', nid: 0, start: 4 * G, size: 128 * 2 ** 20 },
    ]);
    const movable = (step: number) => stateAt(r, step).nodes[0]!.zones[3]!;
    expect([movable(2).spannedPages, movable(2).presentPages, movable(2).managedPages]).toEqual([32768, 32768, 32256]);
    expect([movable(3).spannedPages, movable(3).presentPages, movable(3).managedPages]).toEqual([0, 0, 0]);
    expect(r.steps.map((s) => s.ret)).toEqual([0, 0, 0, 0]);
  });

  it('kmem does not ask for it: the trace says why, and its blocks are managed in full', () => {
    const r = run([
      { op: 'dax_kmem_probe', dev: 'dax0.0', nid: 0, start: 6 * G, size: G },
      { op: 'online', start: 6 * G, size: G, as: 'online_movable' },
    ]);
    const probe = r.steps.findIndex((s) => s.op.op === 'dax_kmem_probe');
    expect(text(stepTrace(r, probe + 1)).join('\n')).toMatch(/memmap_on_memory does not apply: the caller did not ask for MHP_MEMMAP_ON_MEMORY/);
    const z = stateAt(r, 2).nodes[0]!.zones[3]!;
    expect(z.managedPages).toBe(z.presentPages);
  });

  it('with the option off the trace says so at hot-add, and managed = present', () => {
    const r = run([
      { op: 'add_memory', nid: 0, start: 4 * G, size: G },
      { op: 'online', start: 4 * G, size: G, as: 'online_movable' },
    ], false);
    expect(text(stepTrace(r, 1)).join('\n')).toMatch(/mhp_memmap_on_memory\(\) is false/);
    expect(stateAt(r, 2).nodes[0]!.zones[3]!.managedPages).toBe(262144);
  });
});
