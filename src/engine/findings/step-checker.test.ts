import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMachineInput } from '../../scenario/machine-input';
import { DEFAULT_CONFIG, KERNEL_IDS, type KernelId, type Op } from '../ops';
import { type Run, runScenario } from '../run';
import type { KernelState } from '../state/kernel-state';
import { SCENARIO_DIR, loadScenario } from '../../test-support/load-scenario';
import { variantOf } from '../variants';
import { checkState } from './state-checks';
import { StepChecker } from './step-checker';

/**
 * The replay checks each step incrementally; `checkState` checks a whole snapshot. They
 * must agree after every step: the same problems (keys, messages, order), the same
 * invariant violations, and the same "newly broken" problems that become findings.
 */

/** The sections whose words differ between two snapshots: what a step wrote, seen from outside. */
function changedSections(a: KernelState, b: KernelState): Set<number> {
  const out = new Set<number>();
  for (const nr of [...a.sections.nonZeroSections(), ...b.sections.nonZeroSections()]) if (a.sections.get(nr) !== b.sections.get(nr)) out.add(nr);
  return out;
}

const sorted = (xs: string[]) => xs.slice().sort();

/** Feeds the run's states to a fresh checker and holds it to the whole-state check after each one. */
function expectAgreement(run: Run): void {
  const shrinks = variantOf(run.kernel).shrinksDeviceZone;
  const checker = new StepChecker(run.states[0]!, shrinks);
  let prevFull = checkState(run.states[0]!, shrinks);
  expect(checker.currentProblems()).toEqual(prevFull.problems);
  expect(sorted(checker.violations())).toEqual(sorted(prevFull.violations));
  for (let i = 1; i < run.states.length; i++) {
    const prev = run.states[i - 1]!;
    const next = run.states[i]!;
    if (next === prev) continue;
    const { fresh } = checker.step(next, changedSections(prev, next));
    const full = checkState(next, shrinks);
    const known = new Set(prevFull.problems.map((p) => p.key));
    expect(checker.currentProblems(), `problems after step ${i}`).toEqual(full.problems);
    expect(fresh, `fresh problems at step ${i}`).toEqual(full.problems.filter((p) => !known.has(p.key)));
    expect(sorted(checker.violations()), `violations after step ${i}`).toEqual(sorted(full.violations));
    prevFull = full;
  }
}

/** The replay as it was before the checks were incremental: every state checked whole. */
function findingsWithWholeStateChecks(run: Run): string[][] {
  const shrinks = variantOf(run.kernel).shrinksDeviceZone;
  let known = new Set(checkState(run.states[0]!, shrinks).problems.map((p) => p.key));
  return run.steps.map((st) => {
    if (!st.ran) return [];
    const prev = run.states[st.index - 1]!;
    const next = run.states[st.index]!;
    const atCall = st.findings.filter((f) => !f.byInvariant);
    if (next === prev) return atCall.map((f) => f.code);
    const problems = checkState(next, shrinks).problems;
    const fresh = problems.filter((p) => !known.has(p.key));
    known = new Set(problems.map((p) => p.key));
    return fresh.map((p) => `${p.code}: ${p.message}`);
  });
}

const files = [...readdirSync(path.join(SCENARIO_DIR, 'notes')).map((f) => `notes/${f}`), ...readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json'))];

describe('the per-step checker agrees with the whole-state check', () => {
  for (const f of files) {
    it(f, () => {
      const s = loadScenario(f);
      for (const kernel of KERNEL_IDS) {
        const run = runScenario({ kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
        expectAgreement(run);
        // every problem the whole-state check finds new at a step is reported at that step, by a detector or the net
        const expected = findingsWithWholeStateChecks(run);
        run.steps.forEach((st, i) => {
          for (const e of expected[i]!) {
            const code = e.split(':')[0]!;
            expect(st.findings.some((fd) => fd.code === code), `${f} under ${kernel}, step ${st.index}: ${e}`).toBe(true);
          }
        });
      }
    });
  }
});

const MB128 = 2 ** 27;
const BLOCKS = [0x100000000, 0x108000000, 0x110000000, 0x118000000, 2 ** 40, 2 ** 40 + MB128, 2 ** 44, 2 ** 46 - 2 * MB128];
const block = fc.integer({ min: 0, max: BLOCKS.length - 1 });
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ b: block, n: fc.integer({ min: 1, max: 2 }) }).map(({ b, n }): Op => ({ op: 'add_memory', nid: 0, start: BLOCKS[b]!, size: n * MB128 })),
  fc.record({ b: block, t: fc.constantFrom('online', 'online_kernel', 'online_movable' as const) }).map(({ b, t }): Op => ({ op: 'online', start: BLOCKS[b]!, size: MB128, as: t })),
  block.map((b): Op => ({ op: 'offline', start: BLOCKS[b]!, size: MB128 })),
  fc.record({ b: block, n: fc.integer({ min: 1, max: 2 }) }).map(({ b, n }): Op => ({ op: 'remove_memory', nid: 0, start: BLOCKS[b]!, size: n * MB128 })),
  fc.record({ b: block, priv: fc.boolean() }).map(({ b, priv }): Op => ({ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: MB128, type: priv ? 'private' : 'public', start: BLOCKS[b]! })),
  fc.constant<Op>({ op: 'hmm_devmem_remove', dev: 'gpu0' }),
  fc.record({ b: block }).map(({ b }): Op => ({ op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: BLOCKS[b]!, size: MB128, altmap: null })),
  fc.constant<Op>({ op: 'devm_memremap_pages_release', dev: 'pmem0' }),
);

describe.each(KERNEL_IDS)('%s: the per-step checker over random sequences', (kernel: KernelId) => {
  it('agrees with the whole-state check after every step', () => {
    const machine = toMachineInput({ kind: 'default' });
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 20 }), fc.boolean(), (steps, debugVm) => {
        expectAgreement(runScenario({ kernel, config: { ...DEFAULT_CONFIG, debug_vm: debugVm }, machine, steps }));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });
});

/**
 * States no kernel variant reaches today, made by hand, so that each kind of dependency
 * the checker tracks (an edge section, a block's first section, a sibling) is exercised
 * alone: the step writes only that one thing and leaves every node as it was.
 */
describe('the per-step checker follows what a step wrote, one thing at a time', () => {
  const boot = (blockSize: number | null = null) =>
    runScenario({ kernel: 'v4.18', config: { ...DEFAULT_CONFIG, ...(blockSize ? { block_size: blockSize } : {}) }, machine: toMachineInput({ kind: 'default' }), steps: [] }).states[0]!;
  const oneStep = (before: KernelState, after: KernelState, written: number[]) => {
    const checker = new StepChecker(before, true);
    const { fresh } = checker.step(after, new Set(written));
    const full = checkState(after, true);
    expect(checker.currentProblems()).toEqual(full.problems);
    expect(sorted(checker.violations())).toEqual(sorted(full.violations));
    return { fresh, violations: checker.violations() };
  };

  it('a zone edge section removed while the zone and node stay as they were', () => {
    const s = boot();
    const z = s.nodes[0]!.zones[2]!; // Normal... or the last zone with pages
    const zone = z.spannedPages ? z : s.nodes[0]!.zones[1]!;
    const edge = Math.floor((zone.startPfn + zone.spannedPages - 1) / 32768);
    const d = s.sections.edit();
    d.set(edge, 0);
    const { fresh } = oneStep(s, { ...s, sections: d.freeze() }, [edge]);
    expect(fresh.map((p) => p.key)).toContainEqual(expect.stringMatching(/^stale-zone-span:0:\d:end$/));
  });

  it("a block's first section written: the block's other sections are checked again", () => {
    const s = boot(2 ** 31);
    const d = s.sections.edit();
    d.set(0, d.get(0) & ~(3 << 16)); // memory0 no longer exists, its sections still count in it
    const { violations } = oneStep(s, { ...s, sections: d.freeze() }, [0]);
    expect(violations).toContain('section 1 counted in a memory block that does not exist');
  });

  it('an entry inserted over its next sibling', () => {
    const s = boot();
    const second = s.iomem.children.at(1)!;
    const kids = s.iomem.children.insert(1, { ...second, id: 9999, name: 'overlapping', start: second.start, end: second.end });
    const { violations } = oneStep(s, { ...s, iomem: { ...s.iomem, children: kids } }, []);
    expect(violations).toContainEqual(expect.stringContaining(`"${second.name}" overlaps or precedes its previous sibling`));
  });

  it('a stale entry that goes away takes its problem with it', () => {
    const s = boot();
    const ram = s.iomem.children.findIndex((r) => r.name === 'System RAM' && r.end - r.start > 2 ** 28);
    const res = s.iomem.children.at(ram)!;
    const nr = Math.floor(res.end / 2 ** 27);
    const d = s.sections.edit();
    d.set(nr, 0);
    const stale = { ...s, sections: d.freeze() };
    const checker = new StepChecker(s, true);
    expect(checker.step(stale, new Set([nr])).fresh.map((p) => p.key)).toContain(`stale-resource:${res.id}`);
    const kids = s.iomem.children.remove(ram);
    const gone = { ...stale, iomem: { ...s.iomem, children: kids } };
    checker.step(gone, new Set());
    expect(checker.currentProblems()).toEqual(checkState(gone, true).problems);
    expect(checker.currentProblems().map((p) => p.key)).not.toContain(`stale-resource:${res.id}`);
  });
});
