import { describe, expect, it } from 'vitest';
import { MAX_PHYS_ADDR } from './arch';
import { DEFAULT_CONFIG, KERNEL_IDS, type KernelId, type Op } from './ops';
import { type Run, runScenario, stepTrace } from './run';
import type { TraceNode } from './trace/trace-types';
import { toMachineInput } from '../scenario/machine-input';
import { stateDigest } from './state/state-digest';
import { bootState } from './boot';
import { mhp_range_allowed } from './mm/phys-limits';
import { Kernel } from './kernel/kernel';
import { VARIANTS } from './variants';

/**
 * Ranges that reach past the 46-bit physical address space, under every kernel: each is
 * the kernel's own refusal where the kernel checks, and the simulator's -E2BIG (with the
 * reason in the trace) where the kernel would index past mem_section[]. Either way the
 * run goes on and the state is exactly as it was.
 */
const M = 2 ** 20;
const G = 2 ** 30;
const machine = toMachineInput({ kind: 'default' });
const run = (kernel: KernelId, steps: Op[]): Run => runScenario({ kernel, config: DEFAULT_CONFIG, machine, steps });

function notes(nodes: TraceNode[]): string[] {
  return nodes.flatMap((n) => (n.k === 'note' ? [n.text] : n.k === 'call' ? notes(n.children) : []));
}

/** The last step's return, log and trace notes, and whether it left the state as it was. */
function last(kernel: KernelId, steps: Op[]) {
  const r = run(kernel, steps);
  const n = steps.length;
  const st = r.steps[n - 1]!;
  const before = stateDigest(run(kernel, steps.slice(0, -1)).states[n - 1]!);
  return { ret: st.bug ? 'BUG' : st.ret, log: st.log, notes: notes(stepTrace(r, n)), unchanged: stateDigest(r.states[n]!) === before };
}

// The tester's input: 0x3ffff0000000 bytes from 4 GiB end 3.75 GiB past the top.
const TESTER: Op = { op: 'remove_memory', nid: 0, start: 0x100000000, size: 0x3ffff0000000 };

describe.each(KERNEL_IDS)('%s: ranges past 2^46', (kernel) => {
  // v6.12 keeps v5.5's checks here
  const subsections = kernel === 'v5.5' || kernel === 'v6.12';
  it('remove_memory of the tester\'s range is refused with -E2BIG, the trace naming mem_section[], the state untouched', () => {
    const r = last(kernel, [TESTER]);
    expect(r.ret).toBe(-7);
    expect(r.notes.join('\n')).toMatch(/start 0x100000000 \+ size 0x3ffff0000000 ends at 0x4000f0000000, above 2\^46 .* would index past mem_section\[\]/);
    expect(r.log).toEqual([]);
    expect(r.unchanged).toBe(true);
  });

  it('remove_memory past the top still finds online memory first: the kernel\'s own answer for it comes before any overrun', () => {
    const r = last(kernel, [{ op: 'remove_memory', nid: 0, start: 0, size: MAX_PHYS_ADDR + 2 * G }]);
    expect(r.log[0]).toBe('removing memory fails, because memory [0x0000000000000000-0x0000000007ffffff] is onlined');
    expect(r.ret).toBe(subsections ? -16 : 'BUG');
  });

  it('online and offline of blocks above the top find no memoryN file: -ENOENT, as for a block never added', () => {
    for (const op of ['online', 'offline'] as const) {
      const step: Op = op === 'online' ? { op, start: MAX_PHYS_ADDR, size: 128 * M, as: 'online' } : { op, start: MAX_PHYS_ADDR, size: 128 * M };
      const r = last(kernel, [step]);
      expect(r.ret).toBe(-2);
      expect(r.notes.join('\n')).toMatch(/memory524288 does not exist: it would start at 0x400000000000, above 2\^46/);
      expect(r.unchanged).toBe(true);
    }
  });

  it('add_memory, devm_memremap_pages, hmm_devmem_add at a start and dax_kmem_probe past the top are refused with -E2BIG and change nothing', () => {
    const top = MAX_PHYS_ADDR - 128 * M;
    const cases: Op[][] = [
      [{ op: 'add_memory', nid: 0, start: top, size: 256 * M }],
      [{ op: 'request_mem_region', dev: 'pmem0', start: top, size: 256 * M, name: 'pmem0' }, { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: top, size: 256 * M, altmap: null }],
      [{ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * M, type: 'private', start: top }],
      [{ op: 'dax_kmem_probe', dev: 'dax0.0', nid: 0, start: top, size: 256 * M }],
    ];
    for (const steps of cases) {
      const r = last(kernel, steps);
      const op = steps[steps.length - 1]!.op;
      if (op === 'dax_kmem_probe' && !subsections) {
        // v4.18's register_memory_resource() takes top-level space only, and the dax claim is there first
        expect(r.ret).toBe(-17);
        continue;
      }
      expect(r.ret, op).toBe(-7);
      expect(r.unchanged, op).toBe(true);
      if (subsections) {
        // check_hotplug_memory_addressable(): the kernel's WARN, in its format (inclusive end, a maximum one bit too wide)
        expect(r.log).toContain('Hotplugged memory exceeds maximum addressable address, range=0x3ffff8000000-0x400007ffffff, maximum=0x7fffffffffff');
      } else {
        expect(r.notes.join('\n')).toMatch(/__add_section\(\) -> sparse_index_init\(\) would index past mem_section\[\]/);
      }
    }
  });
});

it('hmm_devmem_add of size 0 ends after one window instead of searching forever, and the trace says why', () => {
  for (const kernel of KERNEL_IDS) {
    // the first window tried is the top one, which nic1's BAR already takes
    const r = last(kernel, [
      { op: 'request_mem_region', dev: 'nic1', start: MAX_PHYS_ADDR - 256 * M, size: 256 * M, name: 'nic1-bar' },
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 0, type: 'private' },
    ]);
    expect(r.ret).toBe(-34);
    expect(r.notes.join('\n')).toMatch(/size 0: the search .* would loop here forever/);
    expect(r.unchanged).toBe(true);
  }
});

it('mhp_range_allowed() (v5.11+, for a later variant) allows [0, 2^46) and warns as the kernel does otherwise', () => {
  const kernel = () => new Kernel(VARIANTS['v5.5'], DEFAULT_CONFIG, 1, bootState(machine, DEFAULT_CONFIG).state);
  const k = kernel();
  expect(mhp_range_allowed(k, MAX_PHYS_ADDR - 128 * M, 128 * M)).toBe(true);
  expect(k.log).toEqual([]);
  expect(mhp_range_allowed(k, MAX_PHYS_ADDR - 128 * M, 256 * M)).toBe(false);
  expect(mhp_range_allowed(k, 0x100000000, 0)).toBe(false);
  expect(k.log).toEqual([
    'Hotplug memory [0x3ffff8000000-0x400008000000] exceeds maximum addressable range [0-0x3fffffffffff]',
    'Hotplug memory [0x100000000-0x100000000] exceeds maximum addressable range [0-0x3fffffffffff]',
  ]);
});
