import { bootState } from './boot';
import type { Finding } from './findings/finding-types';
import { StepChecker } from './findings/step-checker';
import type { KernelConfig, MachineInput, Op } from './ops';
import { Kernel, KernelBug, type Variant } from './kernel/kernel';
import type { KernelState } from './state/kernel-state';
import { applyOp } from './step';
import type { TraceNode } from './trace/trace-types';
import { variantOf } from './variants';
import type { KernelRef } from './variants/switches';

export interface RunInput {
  kernel: KernelRef;
  config: KernelConfig;
  machine: MachineInput;
  steps: readonly Op[];
  /** runs this variant under the name `kernel` (a composition checked against its named kernel); absent: variantOf(kernel) */
  variant?: Variant;
}

export interface StepResult {
  /** 1-based: step 0 is the boot state */
  index: number;
  op: Op;
  ran: boolean;
  /** what the kernel function returned; null when the step did not run or BUG()ed */
  ret: number | null;
  bug: boolean;
  log: string[];
  findings: Finding[];
  /** invariant violations no finding of this run explains: defects of the engine */
  unexplained: string[];
}

export interface Run {
  kernel: KernelRef;
  /** the code that ran it: a stepTrace() re-runs a step with it */
  variant: Variant;
  config: KernelConfig;
  /** states[0] is boot; states[i] the state after step i, for every step that ran */
  states: KernelState[];
  bootLog: string[];
  steps: StepResult[];
  /** the step whose BUG halted the run */
  haltedAt: number | null;
}

/** Shared by the many steps with no log lines or findings, so they cost nothing to keep. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * Told how far a replay has got: `done` of `total` steps, before every `every`-th step (0
 * right after boot) and after the last. It may throw to abandon the replay: the throw
 * propagates out of runScenario.
 */
export interface RunProgress {
  every: number;
  report(done: number, total: number): void;
}

/** Runs every step once and keeps every state, so scrubbing is a lookup. */
export function runScenario(input: RunInput, progress?: RunProgress): Run {
  const variant = input.variant ?? variantOf(input.kernel);
  const boot = bootState(input.machine, input.config);
  const states: KernelState[] = [boot.state];
  const steps: StepResult[] = [];
  let haltedAt: number | null = null;
  let anyFinding = false;
  const checker = new StepChecker(boot.state, variant.shrinksDeviceZone);

  const total = input.steps.length;
  input.steps.forEach((op, i) => {
    const index = i + 1;
    if (progress && i % progress.every === 0) progress.report(i, total);
    if (haltedAt !== null) {
      steps.push({ index, op, ran: false, ret: null, bug: false, log: [], findings: [], unexplained: [] });
      return;
    }
    const prev = states[states.length - 1]!;
    const k = new Kernel(variant, input.config, index, prev);
    let ret: number | null = null;
    let bug = false;
    try {
      ret = applyOp(k, op);
    } catch (e) {
      if (!(e instanceof KernelBug)) throw e;
      bug = true;
      haltedAt = index;
    }
    // A refused step leaves the state exactly as it was; a BUG leaves it as it was at the BUG.
    const refused = ret !== null && ret < 0;
    const written = k.sec.writtenSections();
    const next = refused ? prev : k.freeze();
    const fresh = refused ? [] : checker.step(next, written).fresh;
    const findings = k.findings;
    for (const p of fresh) {
      if (findings.some((f) => f.code === p.code)) continue;
      findings.push({ step: index, code: p.code, message: p.message, fn: op.op, range: p.range, resourceId: p.resourceId });
    }
    // Once a finding has explained a broken state, later violations follow from it.
    anyFinding ||= findings.length > 0;
    const unexplained = anyFinding ? [] : checker.violations();
    states.push(next);
    steps.push({ index, op, ran: true, ret: bug ? null : ret, bug, log: k.log.length ? k.log : NONE, findings: findings.length ? findings : NONE, unexplained: unexplained.length ? unexplained : NONE });
  });
  progress?.report(total, total);
  return { kernel: input.kernel, variant, config: input.config, states, bootLog: boot.log, steps, haltedAt };
}


/** The state shown at step n (0 = boot): after a BUG, the state at the BUG. */
export function stateAt(run: Run, n: number): KernelState {
  return run.states[Math.min(Math.max(n, 0), run.states.length - 1)]!;
}

/**
 * The call tree of step `index`, made by running that one step again from the state
 * before it with tracing on: the replay itself builds no trace, which keeps it fast.
 */
export function stepTrace(run: Run, index: number): TraceNode[] {
  const st = run.steps[index - 1];
  const before = run.states[index - 1];
  if (!st || !st.ran || !before) return [];
  const k = new Kernel(run.variant, run.config, index, before, true);
  try {
    applyOp(k, st.op);
  } catch (e) {
    if (!(e instanceof KernelBug)) throw e;
  }
  return k.tr.roots;
}
