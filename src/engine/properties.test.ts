import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStep } from './diff';
import { invariantViolations } from './findings/state-checks';
import { DEFAULT_CONFIG, type KernelId, type Op } from './ops';
import { runScenario } from './run';
import { toMachineInput } from '../scenario/machine-input';

const MB128 = 2 ** 27;
/** Candidate 128 MiB blocks: next to boot RAM, around 4-5 GiB, and far up the 46-bit space. */
const BLOCKS = [0x100000000, 0x108000000, 0x110000000, 0x118000000, 0x120000000, 0x128000000, 2 ** 40, 2 ** 44, 2 ** 46 - 2 * MB128];
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

/**
 * Valid sequences on ordinary RAM: add a free range, online offline blocks (back into the
 * zone they had), offline online ones, remove a whole added range once all of it is offline
 * and every added block has been onlined at least once (so no never-initialised memmap is around).
 */
function validSequence(choices: number[]): Op[] {
  const added: { start: number; blocks: number }[] = [];
  const state = new Map<number, 'offline' | 'online'>();
  const neverOnlined = new Set<number>();
  const onlinedAs = new Map<number, 'online' | 'online_kernel' | 'online_movable'>();
  const ops: Op[] = [];
  for (const c of choices) {
    const kind = c % 4;
    const pick = Math.floor(c / 4);
    if (kind === 0) {
      const free = BLOCKS.filter((b) => !state.has(b));
      const b = free[pick % Math.max(free.length, 1)];
      if (b === undefined) continue;
      added.push({ start: b, blocks: 1 });
      state.set(b, 'offline');
      neverOnlined.add(b);
      ops.push({ op: 'add_memory', nid: 0, start: b, size: MB128 });
    } else if (kind === 1) {
      const off = [...state].filter(([, s]) => s === 'offline').map(([b]) => b);
      const b = off[pick % Math.max(off.length, 1)];
      if (b === undefined) continue;
      state.set(b, 'online');
      neverOnlined.delete(b);
      // A block comes back to the zone it had: moving it to another zone after offline is the
      // case where v4.18 leaves the first zone's span behind (its own test, kernel-notes.test.ts).
      const as = onlinedAs.get(b) ?? (['online', 'online_kernel', 'online_movable'] as const)[pick % 3]!;
      onlinedAs.set(b, as);
      ops.push({ op: 'online', start: b, size: MB128, as });
    } else if (kind === 2) {
      const on = [...state].filter(([, s]) => s === 'online').map(([b]) => b);
      const b = on[pick % Math.max(on.length, 1)];
      if (b === undefined) continue;
      state.set(b, 'offline');
      ops.push({ op: 'offline', start: b, size: MB128 });
    } else {
      if (neverOnlined.size) continue;
      const removable = added.filter((a) => state.get(a.start) === 'offline');
      const a = removable[pick % Math.max(removable.length, 1)];
      if (!a) continue;
      added.splice(added.indexOf(a), 1);
      state.delete(a.start);
      onlinedAs.delete(a.start);
      ops.push({ op: 'remove_memory', nid: 0, start: a.start, size: MB128 });
    }
  }
  return ops;
}

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
