import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStep } from './diff';
import { invariantViolations } from './findings/state-checks';
import { DEFAULT_CONFIG, type KernelId, type Op } from './ops';
import { runScenario } from './run';
import { toMachineInput } from '../scenario/machine-input';
import { BLOCKS, MB128, validSequence } from '../test-support/valid-sequence';

const machine = toMachineInput({ kind: 'default' });

const block = fc.integer({ min: 0, max: BLOCKS.length - 1 });
const span = fc.integer({ min: 1, max: 2 });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ b: block, n: span }).map(({ b, n }): Op => ({ op: 'add_memory', nid: 0, start: BLOCKS[b]!, size: n * MB128 })),
  fc.record({ b: block, t: fc.constantFrom('online', 'online_kernel', 'online_movable' as const) }).map(({ b, t }): Op => ({ op: 'online', start: BLOCKS[b]!, size: MB128, as: t })),
  block.map((b): Op => ({ op: 'offline', start: BLOCKS[b]!, size: MB128 })),
  fc.record({ b: block, n: span }).map(({ b, n }): Op => ({ op: 'remove_memory', nid: 0, start: BLOCKS[b]!, size: n * MB128 })),
);

function run(kernel: KernelId, steps: Op[], debug_vm = true) {
  return runScenario({ kernel, config: { ...DEFAULT_CONFIG, debug_vm }, machine, steps });
}

describe.each(['v4.18', 'v5.5'] as const)('%s: invariants over random operation sequences', (kernel) => {
  it('holds after every step, and a refused step changes nothing', () => {
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 25 }), fc.boolean(), (steps, debugVm) => {
        const r = run(kernel, steps, debugVm);
        r.states.forEach((s, i) => expect(invariantViolations(s), `after step ${i}`).toEqual([]));
        r.steps.forEach((st) => {
          if (st.ran && st.ret !== null && st.ret < 0) expect(r.states[st.index]).toBe(r.states[st.index - 1]);
        });
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});

describe.each(['v4.18', 'rfc-v2', 'v5.5'] as const)('%s: valid sequences on ordinary RAM', (kernel) => {
  it('succeed at every step and raise no findings', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 40 }), (choices) => {
        const ops = validSequence(choices);
        const r = run(kernel, ops);
        for (const st of r.steps) {
          expect(st.ret, `step ${st.index} ${st.op.op}`).toBe(0);
          expect(st.findings, `step ${st.index} ${st.op.op}`).toEqual([]);
        }
        r.states.forEach((s) => expect(invariantViolations(s)).toEqual([]));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});

describe('differences between kernels on valid sequences of ordinary RAM', () => {
  it('are only the ones the notes describe: v4.18 keeps spans until removal; resources, returns, logs and counts agree', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 40 }), (choices) => {
        const ops = validSequence(choices);
        const [a, c, d] = (['v4.18', 'rfc-v2', 'v5.5'] as const).map((k) => run(k, ops));
        for (let step = 0; step <= ops.length; step++) {
          const diffs = [diffStep(a!, d!, step), diffStep(c!, d!, step)];
          for (const x of diffs) {
            expect(x.ret).toBeNull();
            expect(x.iomem).toEqual({ onlyA: [], onlyB: [] });
            expect(x.findings).toEqual({ onlyA: [], onlyB: [] });
            expect(x.log).toEqual({ onlyA: [], onlyB: [] });
          }
          // rfc-v2 and v5.5 shrink zones at offline time alike; node spans may differ at a
          // boot zone's unaligned end: find_biggest_section_pfn() is section-granular,
          // update_pgdat_span() takes the zones' ends (kernel-notes S2)
          expect(diffs[1]!.zones.filter((z) => !/^node \d+: node_spanned_pages \d+ \| \d+$/.test(z))).toEqual([]);
          // v4.18: the same pages online, spans that contain v5.5's (they shrink only at
          // removal). A span left behind can steer "online" to another zone (default_zone_for_pfn).
          const sa = a!.states[step]!;
          const sd = d!.states[step]!;
          sa.nodes.forEach((n, nid) => {
            expect(n.presentPages).toBe(sd.nodes[nid]!.presentPages);
            n.zones.forEach((z, zi) => {
              const w = sd.nodes[nid]!.zones[zi]!;
              if (w.presentPages && z.presentPages === w.presentPages) expect(z.startPfn <= w.startPfn && z.startPfn + z.spannedPages >= w.startPfn + w.spannedPages).toBe(true);
            });
          });
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });
});
