/** Turns an engine Run into the plain, transferable data the views draw, one state at a time. */
import { diffStep } from '../diff';
import { stepDiffers } from './step-diff';
import { SameListing } from '../same-listing';
import { formatIomem } from '../format/proc-iomem';
import { formatZoneinfo } from '../format/proc-zoneinfo';
import { type Run, stepTrace } from '../run';
import { type FreedList, type KernelState, ZONE_NAMES } from '../state/kernel-state';
import type { Resource } from '../resource/tree';
import { sourceLink } from '../trace/source-links';
import type { TraceNode } from '../trace/trace-types';
import type { AutoMovableParams } from '../mm/auto-movable';
import { autoMovableOf } from '../variants';
import { switchedFunctions } from '../variants/switches';
import type { GhostView, LinkedTraceNode, ResourceView, RunView, StateView } from './view-types';

function resourceView(r: Resource): ResourceView {
  return { id: r.id, name: r.name, start: r.start, end: r.end, flags: r.flags >>> 0, desc: r.desc, owner: r.owner, children: r.children.map(resourceView) };
}

function ghosts(s: KernelState): GhostView[] {
  const held = new Map<number, string>();
  for (const d of s.devres) held.set(d.resId, d.dev);
  for (const h of s.hmm) held.set(h.resId, h.resOwner);
  const out: GhostView[] = [];
  for (let l: FreedList | null = s.freed; l; l = l.tail) {
    const f = l.head;
    const by = held.get(f.id);
    if (by) out.push({ id: f.id, name: f.name, start: f.start, end: f.end, owner: f.owner, freedAtStep: f.step, freedBy: f.by, heldBy: by });
  }
  return out;
}

/** A view of one state. Its arrays are fresh, so the reply can transfer them. */
export function stateView(s: KernelState, step: number, movableNode: boolean, autoMovable: AutoMovableParams | null = null): StateView {
  const nr = s.sections.nonZeroSections();
  const words = new Uint32Array(nr.length);
  for (let i = 0; i < nr.length; i++) words[i] = s.sections.get(nr[i]!);
  return {
    step,
    sections: { nr, words },
    nodes: s.nodes.map((n) => ({
      nid: n.nid,
      online: n.online,
      startPfn: n.startPfn,
      spannedPages: n.spannedPages,
      presentPages: n.presentPages,
      zones: n.zones.map((z, zi) => ({ name: ZONE_NAMES[zi]!, startPfn: z.startPfn, spannedPages: z.spannedPages, presentPages: z.presentPages, managedPages: z.managedPages })),
    })),
    iomem: resourceView(s.iomem),
    ghosts: ghosts(s),
    iomemText: formatIomem(s.iomem),
    zoneinfoText: formatZoneinfo(s),
    blockSizeBytes: s.blockSizeBytes,
    movableNode,
    autoMovable,
  };
}

/** The view of state `step` of a run, or why there is none. Past a BUG, the state at the BUG. */
export function stateViewAt(run: Run, step: number): StateView | string {
  if (!Number.isInteger(step) || step < 0 || step > run.steps.length) return `the run of ${run.kernel} has no step ${step} (it has 0 to ${run.steps.length})`;
  const at = Math.min(step, run.states.length - 1);
  return stateView(run.states[at]!, at, run.config.movable_node, autoMovableOf(run.kernel, run.config));
}

export function runView(run: Run): RunView {
  return {
    kernel: run.kernel,
    steps: run.steps.map((s) => ({ index: s.index, op: s.op, ran: s.ran, ret: s.ret, bug: s.bug, log: s.log, findings: s.findings })),
    stateCount: run.states.length,
    haltedAt: run.haltedAt,
  };
}

/** The first step (0 = boot) where two runs differ, or -1; `each` is told after every step compared. */
export function firstDiff(a: Run, b: Run, each?: (step: number) => void): number {
  const n = Math.max(a.steps.length, b.steps.length);
  const same = new SameListing();
  for (let step = 0; step <= n; step++) {
    if (stepDiffers(diffStep(a, b, step, same))) return step;
    each?.(step);
  }
  return -1;
}

export function linkedTrace(run: Run, step: number): LinkedTraceNode[] {
  const v = run.variant;
  const switched = switchedFunctions(run.kernel);
  const marks = (fn: string) => {
    const by = switched.get(fn);
    return by ? { switches: by } : {};
  };
  const link = (nodes: TraceNode[]): LinkedTraceNode[] =>
    nodes.map((n) => (n.k === 'call' ? { ...n, src: sourceLink(v, n.fn), children: link(n.children), ...marks(n.fn) } : n));
  return link(stepTrace(run, step));
}
