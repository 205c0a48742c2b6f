/** Turns an engine Run into the plain, transferable data the views draw. */
import { diffStep, type StepDiff } from '../engine/diff';
import { formatIomem } from '../engine/format/proc-iomem';
import { formatZoneinfo } from '../engine/format/proc-zoneinfo';
import { formatMemoryBlocks, listBlockViews } from '../engine/format/sys-memory';
import { type Run, stepTrace } from '../engine/run';
import { type FreedList, type KernelState, ZONE_NAMES } from '../engine/state/kernel-state';
import type { Resource } from '../engine/resource/tree';
import { sourceLink } from '../engine/trace/source-links';
import type { TraceNode } from '../engine/trace/trace-types';
import { VARIANTS } from '../engine/variants';
import type { GhostView, LinkedTraceNode, ResourceView, RunView, StateView } from './protocol';

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

export function stateView(s: KernelState, step: number, movableNode: boolean): StateView {
  const nr = Int32Array.from(s.sections.nonZeroSections());
  const words = new Uint32Array(nr.length);
  nr.forEach((n, i) => (words[i] = s.sections.get(n)));
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
    blocks: listBlockViews(s, movableNode),
    ghosts: ghosts(s),
    iomemText: formatIomem(s.iomem),
    zoneinfoText: formatZoneinfo(s),
    memoryText: formatMemoryBlocks(s, movableNode),
    blockSizeBytes: s.blockSizeBytes,
  };
}

export function runView(run: Run): RunView {
  return {
    kernel: run.kernel,
    steps: run.steps.map((s) => ({ index: s.index, op: s.op, ran: s.ran, ret: s.ret, bug: s.bug, log: s.log, findings: s.findings })),
    states: run.states.map((s, i) => stateView(s, i, run.config.movable_node)),
    haltedAt: run.haltedAt,
  };
}

/** The differences of two runs at every step (empty where they agree). */
export function allDiffs(a: Run, b: Run): StepDiff[] {
  const n = Math.max(a.steps.length, b.steps.length);
  return Array.from({ length: n + 1 }, (_, step) => diffStep(a, b, step));
}

export function linkedTrace(run: Run, step: number): LinkedTraceNode[] {
  const v = VARIANTS[run.kernel];
  const link = (nodes: TraceNode[]): LinkedTraceNode[] =>
    nodes.map((n) => (n.k === 'call' ? { ...n, src: sourceLink(v, n.fn), children: link(n.children) } : n));
  return link(stepTrace(run, step));
}
