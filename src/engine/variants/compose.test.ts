import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIomem } from '../format/proc-iomem';
import { formatZoneinfo } from '../format/proc-zoneinfo';
import { DEFAULT_CONFIG, KERNEL_IDS, type Op } from '../ops';
import { type Run, runScenario, stateAt, stepTrace } from '../run';
import type { TraceNode } from '../trace/trace-types';
import { linkedTrace } from '../views/run-view';
import type { LinkedTraceNode } from '../views/view-types';
import { stateDigest } from '../state/state-digest';
import { ZONE_DEVICE } from '../state/kernel-state';
import { sourceLink } from '../trace/source-links';
import { toMachineInput } from '../../scenario/machine-input';
import { loadScenario } from '../../test-support/load-scenario';
import { BLOCKS, MB128, validSequence } from '../../test-support/valid-sequence';
import { composeVariant } from './compose';
import { VARIANTS, variantOf } from './index';
import { checkSwitches, customName, kernelRef, parseKernelRef, PRESETS, SWITCHES, switchedFunctions } from './switches';

const machine = toMachineInput({ kind: 'default' });
const G = 2 ** 30;

/** Device memory beside the RAM blocks: a pmem namespace (with or without an altmap, or one that spills past its container) and HMM. */
const deviceOp: fc.Arbitrary<Op> = fc.oneof(
  fc.constantFrom<Op>(
    { op: 'request_mem_region', dev: 'pmem0', start: 6 * G, size: G, name: 'namespace0.0' },
    { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: 6 * G, size: G, altmap: null },
    { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: 6 * G, size: G, altmap: { reserve: 2, free: 4094 } },
    { op: 'devm_memremap_pages', dev: 'pmem1', nid: 0, start: 6 * G + MB128 / 2, size: MB128, altmap: null },
    { op: 'devm_memremap_pages_release', dev: 'pmem0' },
    { op: 'devm_memremap_pages_release', dev: 'pmem1' },
    { op: 'release_mem_region', dev: 'pmem0', start: 6 * G, size: G },
    { op: 'hmm_devmem_remove', dev: 'gpu0' },
    { op: 'request_mem_region', dev: 'nic1', start: 2 ** 40 - 4 * MB128, size: MB128, name: 'nic1' },
  ),
  fc.record({ type: fc.constantFrom('private' as const, 'public' as const), n: fc.integer({ min: 1, max: 2 }) }).map(({ type, n }): Op => ({ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: n * MB128, type })),
);

const ramOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ b: fc.nat(BLOCKS.length - 1), n: fc.integer({ min: 1, max: 2 }) }).map(({ b, n }): Op => ({ op: 'add_memory', nid: 0, start: BLOCKS[b]!, size: n * MB128 })),
  fc.nat(BLOCKS.length - 1).map((b): Op => ({ op: 'online', start: BLOCKS[b]!, size: MB128, as: 'online_movable' })),
  fc.nat(BLOCKS.length - 1).map((b): Op => ({ op: 'offline', start: BLOCKS[b]!, size: MB128 })),
  fc.nat(BLOCKS.length - 1).map((b): Op => ({ op: 'remove_memory', nid: 0, start: BLOCKS[b]!, size: MB128 })),
);

/** A valid RAM sequence (properties.test.ts's) with device operations and stray RAM ones mixed in. */
const sequence: fc.Arbitrary<Op[]> = fc
  .record({ choices: fc.array(fc.nat(1000), { maxLength: 24 }), extra: fc.array(fc.tuple(fc.nat(30), fc.oneof(deviceOp, ramOp)), { maxLength: 10 }) })
  .map(({ choices, extra }) => {
    const ops = validSequence(choices);
    for (const [at, op] of extra) ops.splice(at % (ops.length + 1), 0, op);
    return ops;
  });

/** Everything a run shows, step by step: returns, findings, logs, /proc/iomem, zoneinfo and the state digest. */
function observed(r: Run) {
  return r.steps.map((st) => {
    const s = stateAt(r, st.index);
    return { ret: st.ret, ran: st.ran, bug: st.bug, log: st.log, findings: st.findings.map((f) => `${f.code} ${f.fn}: ${f.message}`), iomem: formatIomem(s.iomem), zoneinfo: formatZoneinfo(s), digest: stateDigest(s) };
  });
}

describe('a custom kernel whose switches are a named kernel\u2019s values is that kernel', () => {
  for (const kernel of KERNEL_IDS) {
    it(`${kernel}: same returns, findings, logs, /proc/iomem, zoneinfo and digests on random sequences`, () => {
      // built from the parts every time, not looked up: this checks the composition
      const composed = composeVariant(kernel, PRESETS[kernel], VARIANTS[kernel]);
      fc.assert(
        fc.property(sequence, fc.boolean(), (steps, debugVm) => {
          const config = { ...DEFAULT_CONFIG, debug_vm: debugVm };
          const named = runScenario({ kernel, config, machine, steps });
          const custom = runScenario({ kernel, config, machine, steps, variant: composed });
          expect(observed(custom)).toEqual(observed(named));
          expect(custom.haltedAt).toBe(named.haltedAt);
          // and the same calls and decisions, so the trace reads the same
          for (const st of named.steps) expect(stepTrace(custom, st.index), `trace of step ${st.index}`).toEqual(stepTrace(named, st.index));
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
      );
    });
  }
});

describe('checkSwitches', () => {
  it('lets every named kernel run with its own switches, and names a custom kernel by what differs', () => {
    for (const k of KERNEL_IDS) {
      expect(checkSwitches(k, PRESETS[k])).toBeNull();
      expect(kernelRef(k, PRESETS[k])).toBe(k);
    }
    expect(kernelRef('rfc-v1', { release: 'is_device_flag', sysram: 'off' })).toBe('rfc-v1+release=is_device_flag');
    expect(customName('rfc-v1+release=is_device_flag')).toBe('rfc-v1 + is_device flag');
  });
  it('refuses a zone test where __remove_pages() is given a node id', () => {
    expect(checkSwitches('rfc-v1', { release: 'is_dev_zone' })).toMatch(/is given a node id \(RFC patch 1\/3\), not a zone/);
    expect(checkSwitches('v4.18', { release: 'altmap' })).toBeNull();
  });
  it('refuses shrinking at removal without a zone, and v5.5-only scans and rules on the 4.18 tree', () => {
    expect(checkSwitches('rfc-v3', { shrink: 'at_removal' })).toMatch(/no zone to shrink/);
    expect(checkSwitches('rfc-v1', { span_test: 'pfn_to_online_page' })).toMatch(/sub-section/);
    expect(checkSwitches('idea-refcount', { device_span: 'kept' })).toBeNull();
  });
  it('refuses any switch on the later kernels, and unknown switches or values', () => {
    expect(checkSwitches('v6.12', { sysram: 'off' })).toMatch(/later removal path.*sysram is not a decision point/);
    expect(checkSwitches('v5.5', { sysram: 'on' })).toBeNull();
    expect(checkSwitches('rfc-v1', { colour: 'red' } as never)).toMatch(/there is no switch "colour"/);
    expect(checkSwitches('rfc-v1', { release: 'sometimes' })).toMatch(/release has no value "sometimes".*is_dev_zone, altmap/);
  });
  it('parses a kernel id with switches, and says why one cannot run', () => {
    expect(parseKernelRef('rfc-v1+release=is_device_flag')).toMatchObject({ ok: true, ref: 'rfc-v1+release=is_device_flag' });
    // a switch at the preset's value is no change: the named kernel
    expect(parseKernelRef('rfc-v1+release=altmap')).toMatchObject({ ok: true, ref: 'rfc-v1' });
    expect(parseKernelRef('rfc-v9')).toEqual({ ok: false, error: expect.stringMatching(/unknown kernel "rfc-v9"/) });
    expect(parseKernelRef('rfc-v2+release=is_dev_zone')).toEqual({ ok: false, error: expect.stringMatching(/cannot run: release=is_dev_zone needs the zone/) });
    expect(parseKernelRef('rfc-v1+release=altmap+release=always')).toEqual({ ok: false, error: 'the switch release is set twice' });
    expect(() => variantOf('rfc-v1+shrink=at_removal')).toThrow(/no zone to shrink/);
  });
  it('every value of every switch is some named kernel\u2019s or is refused somewhere with a reason', () => {
    for (const sw of SWITCHES) for (const v of sw.values) expect(KERNEL_IDS.some((k) => PRESETS[k][sw.name] === v.id) || v.id === 'always', `${sw.name}=${v.id}`).toBe(true);
  });
  it('links a switched function to the code it runs: the named kernel of the switch\u2019s value, where it has the function', () => {
    const custom = variantOf('rfc-v1+release=is_device_flag');
    const fromIdea = sourceLink(VARIANTS['idea-is-device'], '__remove_pages');
    expect(sourceLink(custom, '__remove_pages')).toEqual({ ...fromIdea, label: `${fromIdea.label} (the code idea-is-device runs, taken by a switch)` });
    expect(sourceLink(custom, 'online_pages')).toEqual(sourceLink(VARIANTS['rfc-v1'], 'online_pages'));
    expect(sourceLink(variantOf('rfc-v2+unregister=by_nid'), 'unregister_mem_sect_under_nodes').url).toBe(sourceLink(VARIANTS['rfc-v3'], 'unregister_mem_sect_under_nodes').url);
    // v5.5 has no __shrink_pages(): device_span=kept's early return is read in the preset's
    expect(sourceLink(variantOf('rfc-v1+device_span=kept'), '__shrink_pages')).toEqual(sourceLink(VARIANTS['rfc-v1'], '__shrink_pages'));
  });
  it('marks the functions a changed switch decides', () => {
    expect(switchedFunctions('rfc-v1+release=is_device_flag').get('__remove_pages')).toEqual(['release']);
    expect(switchedFunctions('rfc-v1').size).toBe(0);
  });
});

/** Runs a kept scenario of test-scenarios/notes under a kernel. */
function runNote(file: string, kernel: Parameters<typeof variantOf>[0], debugVm?: boolean) {
  const s = loadScenario(`notes/${file}`);
  const config = debugVm === undefined ? s.config : { ...s.config, debug_vm: debugVm };
  return runScenario({ kernel, config, machine: toMachineInput(s.machine), steps: s.steps });
}

const lastIomem = (r: Run) => formatIomem(stateAt(r, r.steps.length).iomem);
const codes = (r: Run) => [...new Set(r.steps.flatMap((s) => s.findings.map((f) => f.code)))];

describe('a switch changes the outcome where the code says it should', () => {
  it('rfc-v1 + is_device flag keeps gpu0 through the hot-remove on the HMM scenario (S5), as idea-is-device does; rfc-v1 frees it', () => {
    const plain = runNote('s5-hmm-private.json', 'rfc-v1');
    const flag = runNote('s5-hmm-private.json', 'rfc-v1+release=is_device_flag');
    expect(codes(plain)).toContain('resource-released-while-owned');
    expect(codes(flag)).not.toContain('resource-released-while-owned');
    expect(observed(flag)).toEqual(observed(runNote('s5-hmm-private.json', 'idea-is-device')));
  });
  it('rfc-v2 + node links by nid finishes S1 under DEBUG_VM, where rfc-v2 BUGs', () => {
    const file = 's1-add-never-online-remove.json';
    expect(runNote(file, 'rfc-v2', true).haltedAt).not.toBeNull();
    const byNid = runNote(file, 'rfc-v2+unregister=by_nid', true);
    expect(byNid.haltedAt).toBeNull();
    expect(codes(byNid)).toEqual([]);
  });
  it('rfc-v1 + release after arch_remove_memory() frees hot-added System RAM on remove_memory and leaves the pmem namespace to its driver (S6)', () => {
    const pmem = runNote('s6-pmem-no-altmap.json', 'rfc-v1+release=after_arch_remove');
    expect(codes(pmem)).not.toContain('resource-released-while-owned');
    const s2 = runNote('s2-normal-lifecycle.json', 'rfc-v1+release=after_arch_remove');
    expect(s2.steps.every((s) => s.ret === 0 || s.ret === null)).toBe(true);
    expect(lastIomem(s2)).toBe(lastIomem(runNote('s2-normal-lifecycle.json', 'rfc-v1')));
    expect(stepCalls(s2, 'remove_memory')).toContain('__release_memory_resource');
  });
  it('device_span=kept gives a 2018 kernel v5.5\u2019s Device zone after the pmem release (S6): the span stays, and RFC v1\u2019s node_present_pages wrap goes with the shrink', () => {
    const device = (r: Run) => stateAt(r, r.steps.length).nodes[0]!.zones[ZONE_DEVICE]!;
    const v55 = device(runNote('s6-pmem-no-altmap.json', 'v5.5'));
    expect(v55.spannedPages).toBeGreaterThan(0);
    for (const k of ['v4.18', 'rfc-v1', 'rfc-v2', 'rfc-v3'] as const) {
      expect(device(runNote('s6-pmem-no-altmap.json', k)).spannedPages, k).toBe(0);
      const kept = runNote('s6-pmem-no-altmap.json', `${k}+device_span=kept`);
      expect({ ...device(kept), contiguous: null }, k).toEqual({ ...v55, contiguous: null });
      expect(kept.variant.shrinksDeviceZone, k).toBe(false);
    }
    expect(codes(runNote('s6-pmem-no-altmap.json', 'rfc-v1'))).toContain('accounting-mismatch');
    expect(codes(runNote('s6-pmem-no-altmap.json', 'rfc-v1+device_span=kept'))).not.toContain('accounting-mismatch');
  });
  it('rfc-v1 + refcounted resources with its altmap test never drops the hot-add\u2019s reference: pmem with an altmap keeps its namespace after the driver lets go', () => {
    const named = runNote('s6-pmem-altmap.json', 'rfc-v1');
    const leaky = runNote('s6-pmem-altmap.json', 'rfc-v1+refcount=on');
    expect(lastIomem(named)).not.toContain('namespace0.0');
    expect(lastIomem(leaky)).toContain('namespace0.0');
  });
});

/** The functions the trace of the first step running `op` calls. */
function stepCalls(r: Run, op: Op['op']): string[] {
  const st = r.steps.find((s) => s.op.op === op)!;
  const out: string[] = [];
  const walk = (nodes: TraceNode[]): void => {
    for (const n of nodes) if (n.k === 'call') {
      out.push(n.fn);
      walk(n.children);
    }
  };
  walk(stepTrace(r, st.index));
  return out;
}

describe('the trace of a custom kernel', () => {
  /** Every call of the trace with the switches it is marked with. */
  const marked = (nodes: LinkedTraceNode[], out: string[] = []): string[] => {
    for (const n of nodes) if (n.k === 'call') {
      if (n.switches) out.push(`${n.fn}: ${n.switches.join(', ')}`);
      marked(n.children, out);
    }
    return out;
  };
  it('marks each call whose code a changed switch decided, and only in a custom kernel', () => {
    const remove = loadScenario('notes/s5-hmm-private.json').steps.findIndex((s) => s.op === 'hmm_devmem_remove') + 1;
    const custom = runNote('s5-hmm-private.json', 'rfc-v1+release=is_device_flag');
    expect(marked(linkedTrace(custom, remove))).toEqual(['__remove_pages: release']);
    expect(marked(linkedTrace(runNote('s5-hmm-private.json', 'idea-is-device'), remove))).toEqual([]);
    const two = runNote('s1-add-never-online-remove.json', 'rfc-v2+sysram=off+unregister=by_nid', false);
    expect(marked(linkedTrace(two, two.steps.length))).toEqual(expect.arrayContaining(['release_mem_region_adjustable: sysram', 'unregister_memory_section: unregister']));
  });
});
