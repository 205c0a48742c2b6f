/**
 * The typed, versioned messages between the page and the engine worker. Both sides
 * switch on `kind` with an exhaustive check; every reply names the run generation it
 * answers, so the page can drop replies to questions it no longer asks.
 */
import type { StepDiff } from '../engine/diff';
import type { Finding } from '../engine/findings/finding-types';
import type { KernelConfig, KernelId, MachineInput, Op } from '../engine/ops';
import type { TraceNode } from '../engine/trace/trace-types';

export const PROTOCOL_VERSION = 1;

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

export interface BlockView {
  id: number;
  physIndex: string;
  state: string;
  nid: number;
  validZones: string;
}

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

export interface StateView {
  step: number;
  sections: SectionSlice;
  nodes: NodeView[];
  iomem: ResourceView;
  blocks: BlockView[];
  ghosts: GhostView[];
  iomemText: string;
  zoneinfoText: string;
  memoryText: string;
  blockSizeBytes: number;
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

export interface RunView {
  kernel: KernelId;
  steps: StepView[];
  /** states[i] after step i (0 = boot), for every step that ran */
  states: StateView[];
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

export type Request =
  | { v: typeof PROTOCOL_VERSION; id: number; gen: number; kind: 'run'; input: RunInputMessage }
  | { v: typeof PROTOCOL_VERSION; id: number; gen: number; kind: 'trace'; kernel: KernelId; step: number };

export type Reply =
  | { v: typeof PROTOCOL_VERSION; id: number; gen: number; kind: 'run'; runs: RunView[]; diffs: StepDiff[][] | null; ms: number }
  | { v: typeof PROTOCOL_VERSION; id: number; gen: number; kind: 'trace'; kernel: KernelId; step: number; trace: LinkedTraceNode[] }
  | { v: typeof PROTOCOL_VERSION; id: number; gen: number; kind: 'error'; message: string };

export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

/** The typed arrays of a reply, to hand over with postMessage instead of copying them. */
export function transferablesOf(reply: Reply): ArrayBuffer[] {
  if (reply.kind !== 'run') return [];
  const out: ArrayBuffer[] = [];
  for (const r of reply.runs) for (const s of r.states) out.push(s.sections.nr.buffer as ArrayBuffer, s.sections.words.buffer as ArrayBuffer);
  return out;
}
