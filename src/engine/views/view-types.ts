/**
 * The plain, transferable data a program reads a state through: what the worker sends the
 * page, what lessons are graded on and what the views draw. Built by run-view.ts.
 */
import type { AutoMovableParams } from '../mm/auto-movable';
import type { KernelRef, SwitchName } from '../variants/switches';
import type { StepResult } from '../run';
import type { TraceNode } from '../trace/trace-types';

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
export type { BlockView } from '../format/sys-memory';

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
  /** online_policy=auto-movable's settings when the kernel has it and it is on, which valid_zones reads too */
  autoMovable?: AutoMovableParams | null;
}

/** A step as the page knows it: the engine's result without the engine's own checks. */
export type StepView = Pick<StepResult, 'index' | 'op' | 'ran' | 'ret' | 'bug' | 'log' | 'findings'>;

/** A run as the page knows it: the steps and counts; the worker keeps the states. */
export interface RunView {
  kernel: KernelRef;
  steps: StepView[];
  /** states 0 (boot) .. stateCount - 1 exist: one after every step that ran */
  stateCount: number;
  haltedAt: number | null;
}

/** A trace node with each call's source link resolved for the kernel that ran it. */
export type LinkedTraceNode =
  /** `switches`: in a custom kernel's trace, the switches that decided this call's code (the ones changed from its preset) */
  | (Extract<TraceNode, { k: 'call' }> & { src: { url: string; label: string; treeUrl: string | null }; children: LinkedTraceNode[]; switches?: SwitchName[] })
  | Exclude<TraceNode, { k: 'call' }>;
