/**
 * The typed, versioned messages between the page and the engine worker. Both sides
 * switch on `kind` with an exhaustive check; every reply names the run generation it
 * answers, so the page can drop replies to questions it no longer asks.
 *
 * The worker owns the run (Perfetto's trace processor model): a run reply carries the
 * step list and counts only, and the page asks for the state, trace or diff of the step it
 * shows. Version 2: states moved out of the run reply into `state` requests; progress
 * messages during a run; `diff` per step; a state lists its blocks through its section
 * words (no block list, no sysfs text: the page builds the rows it shows).
 */
import type { StepDiff } from '../engine/diff';
import type { Finding } from '../engine/findings/finding-types';
import type { KernelConfig, KernelId, MachineInput, Op } from '../engine/ops';
import type { TraceNode } from '../engine/trace/trace-types';

export const PROTOCOL_VERSION = 3;

/** The sections of one state that are not all-zero: numbers and their packed words (state/section-bits). */
export interface SectionSlice {
  nr: Int32Array;
  words: Uint32Array;
}

export interface ZoneView {
  name: string;
  startPfn: number;
  spannedPages: number;
  presentPages: number;
  managedPages: number;
}

export interface NodeView {
  nid: number;
  online: boolean;
  startPfn: number;
  spannedPages: number;
  presentPages: number;
  zones: ZoneView[];
}

export interface ResourceView {
  id: number;
  name: string;
  start: number;
  end: number;
  flags: number;
  desc: number;
  owner: string;
  children: ResourceView[];
}

/** One /sys/devices/system/memory/memoryN, as the page builds it for the rows in view. */
export type { BlockView } from '../engine/format/sys-memory';

/** A resource freed while a driver still believes it owns it: drawn as a ghost. */
export interface GhostView {
  id: number;
  name: string;
  start: number;
  end: number;
  owner: string;
  freedAtStep: number;
  freedBy: string;
  heldBy: string;
}

/**
 * One state, as the views draw it. Memory blocks are not listed: a block's state and node
 * live in its first section's word (engine/state/section-bits), so `sections` carries them
 * in 8 bytes a section, and the page builds the rows and sysfs lines it shows from it.
 */
export interface StateView {
  /** the state after this step (0 = boot); after a BUG, later steps show the state at the BUG */
  step: number;
  sections: SectionSlice;
  nodes: NodeView[];
  iomem: ResourceView;
  ghosts: GhostView[];
  iomemText: string;
  zoneinfoText: string;
  blockSizeBytes: number;
  /** the kernel's movable_node setting, which valid_zones reads */
  movableNode: boolean;
}

export interface StepView {
  index: number;
  op: Op;
  ran: boolean;
  ret: number | null;
  bug: boolean;
  log: string[];
  findings: Finding[];
}

/** A run as the page knows it: the steps and counts; the worker keeps the states. */
export interface RunView {
  kernel: KernelId;
  steps: StepView[];
  /** states 0 (boot) .. stateCount - 1 exist: one after every step that ran */
  stateCount: number;
  haltedAt: number | null;
}

/** A trace node with each call's source link resolved for the kernel that ran it. */
export type LinkedTraceNode =
  | (Extract<TraceNode, { k: 'call' }> & { src: { url: string; label: string; treeUrl: string | null }; children: LinkedTraceNode[] })
  | Exclude<TraceNode, { k: 'call' }>;

export interface RunInputMessage {
  kernels: KernelId[];
  config: KernelConfig;
  machine: MachineInput;
  steps: Op[];
}

type Head = { v: typeof PROTOCOL_VERSION; id: number; gen: number };

export type Request =
  /** replay the scenario under one kernel, or two to compare */
  | (Head & { kind: 'run'; input: RunInputMessage })
  /** the view of state `step` (0 = boot; past a BUG, the state at the BUG) of the run of `kernel` */
  | (Head & { kind: 'state'; kernel: KernelId; step: number })
  | (Head & { kind: 'trace'; kernel: KernelId; step: number })
  /** how the two compared runs differ at `step` */
  | (Head & { kind: 'diff'; step: number })
  /** a spare worker's first job: run the engine until it is compiled (warm-up.ts); keeps no run */
  | (Head & { kind: 'warm-up' });

export type Reply =
  /** `firstDiff`: when comparing, the first step where the runs part (-1: they agree throughout); null otherwise */
  | (Head & { kind: 'run'; runs: RunView[]; firstDiff: number | null; ms: number })
  | (Head & { kind: 'state'; kernel: KernelId; step: number; state: StateView })
  | (Head & { kind: 'trace'; kernel: KernelId; step: number; trace: LinkedTraceNode[] })
  | (Head & { kind: 'diff'; step: number; diff: StepDiff })
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
    case 'warmed':
    case 'error':
      return [];
    default:
      return assertNever(reply);
  }
}
