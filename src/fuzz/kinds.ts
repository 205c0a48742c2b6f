/**
 * The kinds of input `npm run fuzz` and the property tests feed to the readers and the
 * replay, each with the share of the cases it gets, how a case is drawn and how it is checked.
 */
import fc from 'fast-check';
import { toMachineInput, type MachineSpec } from '../index';
import { byteEdit, editBytes, editLink, editText, iomemText, kernelConfig, kernelId, linkEdit, linkString, mutateJsonText, mutation, opSequence, ramMachine, scenarioText, svgEdit } from './inputs';
import type { Seeds } from './seeds';
import { checkIomemText, checkLink, checkPng, checkReplay, checkScenarioText, checkSvg, type StepOutcome } from './targets';

export interface FuzzKind<T = unknown> {
  name: string;
  /** share of the cases */
  share: number;
  arbitrary: fc.Arbitrary<T>;
  /** what happened; throws when the input crashed the code or broke a promise */
  check: (input: T) => string;
  /** the outcomes in the order they are reported (a crash is always the last column) */
  outcomes: readonly string[];
  /** the fewest cases the property tests give it: cheap kinds whose bugs hide in narrow corners get more */
  minTestRuns: number;
}

function kind<T>(k: FuzzKind<T>): FuzzKind {
  return k as unknown as FuzzKind;
}

/** Step outcomes of the op sequences, tallied beside the per-case ones. */
export const stepTally = new Map<StepOutcome, number>();

export function fuzzKinds(seeds: Seeds): FuzzKind[] {
  const machine: fc.Arbitrary<MachineSpec> = fc.oneof({ weight: 4, arbitrary: fc.constant<MachineSpec>({ kind: 'default' }) }, { weight: 1, arbitrary: ramMachine });
  const image = fc.oneof(
    fc.array(byteEdit, { minLength: 1, maxLength: 4 }).map((e) => ({ png: editBytes(seeds.png, e) })),
    fc.uint8Array({ maxLength: 64 }).map((b) => ({ png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b]) })),
    fc.array(svgEdit, { minLength: 1, maxLength: 4 }).map((e) => ({ svg: editText(seeds.svg, e) })),
    fc.string({ maxLength: 80 }).map((s) => ({ svg: `<svg>${s}</svg>` })),
  );
  return [
    kind({ name: 'scenario JSON', share: 0.2, arbitrary: scenarioText, check: checkScenarioText, outcomes: ['read ok', 'refused with message'], minTestRuns: 50 }),
    kind({
      name: 'kept scenarios, mutated',
      share: 0.2,
      arbitrary: fc.tuple(fc.nat({ max: seeds.scenarios.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([i, m]) => mutateJsonText(seeds.scenarios[i]!.text, m)),
      check: checkScenarioText,
      outcomes: ['read ok', 'refused with message'],
      minTestRuns: 50,
    }),
    kind({
      name: 'op sequences',
      share: 0.25,
      arbitrary: fc.record({ kernel: kernelId, config: kernelConfig, machine, steps: opSequence }),
      check: (c) => {
        const r = checkReplay({ kernel: c.kernel, config: c.config, machine: toMachineInput(c.machine), steps: c.steps });
        for (const s of r.steps) stepTally.set(s, (stepTally.get(s) ?? 0) + 1);
        return r.outcome;
      },
      outcomes: ['ran', 'refused', 'BUG'],
      minTestRuns: 50,
    }),
    kind({ name: '/proc/iomem text', share: 0.1, arbitrary: iomemText, check: checkIomemText, outcomes: ['read ok', 'refused with message'], minTestRuns: 20 }),
    kind({
      name: 'share links',
      share: 0.2,
      arbitrary: fc.oneof(linkString, fc.tuple(fc.nat({ max: seeds.links.length - 1 }), fc.array(linkEdit, { minLength: 1, maxLength: 3 })).map(([i, e]) => editLink(seeds.links[i]!, e))),
      check: checkLink,
      outcomes: ['decoded', 'damaged', 'empty'],
      minTestRuns: 400,
    }),
    kind({
      name: 'PNG/SVG images',
      share: 0.05,
      arbitrary: image,
      check: (c: { png?: Uint8Array; svg?: string }) => (c.png ? checkPng(c.png) : checkSvg(c.svg ?? '')),
      outcomes: ['link read', 'refused with message'],
      minTestRuns: 150,
    }),
  ];
}
