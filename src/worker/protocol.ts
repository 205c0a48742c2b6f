/**
 * The typed, versioned messages between the page and the engine worker. Both sides
 * switch on `kind` with an exhaustive check; every reply names the run generation it
 * answers, so the page can drop replies to questions it no longer asks.
 *
 * The worker owns the run (Perfetto's trace processor model): a run reply carries the
 * step list and counts only, and the page asks for the state, trace or diff of the step it
 * shows. Version 2: states moved out of the run reply into `state` requests; progress
 * messages during a run; `diff` per step; a state lists its blocks through its section
 * words (no block list, no sysfs text: the page builds the rows it shows). Version 4: `matrix`,
 * many scenarios under many kernels at once (the review matrix), with progress; it keeps no run.
 */
import type { ExplainedDiff } from '../engine/diff-causes';
import type { MatrixRowInput, ReviewMatrix } from '../engine/matrix';
import type { KernelConfig, MachineInput, Op } from '../engine/ops';
import type { KernelRef } from '../engine/variants/switches';
import type { LinkedTraceNode, RunView, StateView } from '../engine/views/view-types';

export const PROTOCOL_VERSION = 4;

export interface RunInputMessage {
  kernels: KernelRef[];
  config: KernelConfig;
  machine: MachineInput;
  steps: Op[];
}

type Head = { v: typeof PROTOCOL_VERSION; id: number; gen: number };

export type Request =
  /** replay the scenario under one kernel, or two to compare */
  | (Head & { kind: 'run'; input: RunInputMessage })
  /** the view of state `step` (0 = boot; past a BUG, the state at the BUG) of the run of `kernel` */
  | (Head & { kind: 'state'; kernel: KernelRef; step: number })
  | (Head & { kind: 'trace'; kernel: KernelRef; step: number })
  /** how the two compared runs differ at `step`, with the causes of their finding differences */
  | (Head & { kind: 'diff'; step: number })
  /** every row under each kernel (null: every kernel the engine holds); the runs kept are left alone */
  | (Head & { kind: 'matrix'; rows: MatrixRowInput[]; kernels: KernelRef[] | null })
  /** a spare worker's first job: run the engine until it is compiled (warm-up.ts); keeps no run */
  | (Head & { kind: 'warm-up' });

export type Reply =
  /** `firstDiff`: when comparing, the first step where the runs part (-1: they agree throughout); null otherwise */
  | (Head & { kind: 'run'; runs: RunView[]; firstDiff: number | null; ms: number })
  | (Head & { kind: 'state'; kernel: KernelRef; step: number; state: StateView })
  | (Head & { kind: 'trace'; kernel: KernelRef; step: number; trace: LinkedTraceNode[] })
  | (Head & { kind: 'diff'; step: number; diff: ExplainedDiff })
  | (Head & { kind: 'matrix'; matrix: ReviewMatrix; ms: number })
  | (Head & { kind: 'warmed'; ms: number })
  | (Head & { kind: 'error'; message: string });

/** Sent while a run goes on (not a reply: the request stays open): `done` of `total` units of work. */
export type ProgressMessage = Head & { kind: 'progress'; done: number; total: number };

/** Everything the worker posts. */
export type WorkerMessage = Reply | ProgressMessage;

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

/** The typed arrays of a reply, to hand over with postMessage instead of copying them. */
export function transferablesOf(reply: Reply): ArrayBuffer[] {
  switch (reply.kind) {
    case 'state':
      return [reply.state.sections.nr.buffer as ArrayBuffer, reply.state.sections.words.buffer as ArrayBuffer];
    case 'run':
    case 'trace':
    case 'diff':
    case 'matrix':
    case 'warmed':
    case 'error':
      return [];
    default:
      return assertNever(reply);
  }
}
