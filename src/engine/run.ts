import { bootState } from './boot';
import type { Finding } from './findings/finding-types';
import { type StateProblem, accountingProblems, invariantViolations, staleResources, staleSpans } from './findings/state-checks';
import type { KernelConfig, KernelId, MachineInput, Op } from './ops';
import { Kernel, KernelBug } from './state/kernel';
import type { KernelState } from './state/kernel-state';
import { applyOp } from './step';
import type { TraceNode } from './trace/trace-types';
import { VARIANTS } from './variants';

export interface RunInput {
  kernel: KernelId;
  config: KernelConfig;
  machine: MachineInput;
  steps: readonly Op[];
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
  trace: TraceNode[];
  findings: Finding[];
  /** invariant violations no finding of this run explains: defects of the engine */
  unexplained: string[];
}

export interface Run {
  kernel: KernelId;
  config: KernelConfig;
  /** states[0] is boot; states[i] the state after step i, for every step that ran */
  states: KernelState[];
  bootLog: string[];
  steps: StepResult[];
  /** the step whose BUG halted the run */
  haltedAt: number | null;
}

/** Runs every step once and keeps every state, so scrubbing is a lookup. */
export function runScenario(input: RunInput): Run {
  const variant = VARIANTS[input.kernel];
  const boot = bootState(input.machine, input.config);
  const states: KernelState[] = [boot.state];
  const steps: StepResult[] = [];
  let haltedAt: number | null = null;
  let known = problemKeys(boot.state, variant.shrinksDeviceZone);

  input.steps.forEach((op, i) => {
    const index = i + 1;
    if (haltedAt !== null) {
      steps.push({ index, op, ran: false, ret: null, bug: false, log: [], trace: [], findings: [], unexplained: [] });
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
    const next = ret !== null && ret < 0 ? prev : k.freeze();
    const current = allProblems(next, variant.shrinksDeviceZone);
    const fresh = current.filter((p) => !known.has(p.key));
    known = new Set(current.map((p) => p.key));
    const findings = k.findings.slice();
    for (const p of fresh) {
      if (findings.some((f) => f.code === p.code)) continue;
      findings.push({ step: index, code: p.code, message: p.message, fn: op.op, range: p.range, resourceId: p.resourceId });
    }
    const unexplained = invariantViolations(next).filter(() => findings.length === 0 && !earlierFindings(steps));
    states.push(next);
    steps.push({ index, op, ran: true, ret: bug ? null : ret, bug, log: k.log, trace: k.tr.roots, findings, unexplained });
  });
  return { kernel: input.kernel, config: input.config, states, bootLog: boot.log, steps, haltedAt };
}

function allProblems(s: KernelState, shrinksDeviceZone: boolean): StateProblem[] {
  return [...staleResources(s), ...staleSpans(s, shrinksDeviceZone), ...accountingProblems(s)];
}

function problemKeys(s: KernelState, shrinksDeviceZone: boolean): Set<string> {
  return new Set(allProblems(s, shrinksDeviceZone).map((p) => p.key));
}

function earlierFindings(steps: StepResult[]): boolean {
  return steps.some((s) => s.findings.length > 0);
}

/** The state shown at step n (0 = boot): after a BUG, the state at the BUG. */
export function stateAt(run: Run, n: number): KernelState {
  return run.states[Math.min(Math.max(n, 0), run.states.length - 1)]!;
}
