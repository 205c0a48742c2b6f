import type { FindingCode } from '../findings/finding-types';

/**
 * The call tree of one step. Calls carry the kernel function's name exactly as in the
 * source, so a view can link each to its line for the variant that ran it.
 */
export type TraceNode = TraceCall | TraceDecision | TraceChange | TraceLog | TraceFinding | TraceNote;

export interface TraceCall {
  k: 'call';
  fn: string;
  args: string;
  ret: string | null;
  children: TraceNode[];
}

export interface TraceDecision {
  k: 'decision';
  /** the condition as the source spells it, e.g. "is_dev_zone(zone)" */
  cond: string;
  /** what it evaluated to, e.g. "false (zone Movable)" */
  value: string;
  /** set on the decisions where kernel variants part ways, so views can mark them */
  key?: string;
}

export interface TraceChange {
  k: 'change';
  /** which structure: "iomem", "zone", "node", "section", "block", "devres" */
  what: string;
  text: string;
}

export interface TraceLog {
  k: 'log';
  text: string;
}

export interface TraceFinding {
  k: 'finding';
  code: FindingCode;
  text: string;
}

export interface TraceNote {
  k: 'note';
  text: string;
}
