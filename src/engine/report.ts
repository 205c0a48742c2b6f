import type { Finding } from './findings/finding-types';
import { formatIomem } from './format/proc-iomem';
import { formatZoneinfo } from './format/proc-zoneinfo';
import { formatMemoryBlocks } from './format/sys-memory';
import { autoMovableOf } from './variants';
import { type Run, stateAt, stepTrace } from './run';
import { sourceLink } from './trace/source-links';
import type { TraceNode } from './trace/trace-types';
import type { Variant } from './kernel/kernel';
import type { OpName } from './ops';
import { returnKind } from './return-kind';
import type { KernelRef } from './variants/switches';

export interface StepLine {
  step: number;
  op: string;
  ret: number | null;
  ran: boolean;
  bug: boolean;
}

/** Everything the command line and the page show for one step of a run. */
export interface Report {
  step: number;
  iomem: string;
  zoneinfo: string;
  memory: string;
  log: string[];
  findings: Finding[];
  steps: StepLine[];
  trace: { step: number; op: string; calls: TraceNode[] }[];
}

/**
 * The report of step n, each part made when it is first read: `replay --show iomem` of a
 * 10,000-step run must not format the memory blocks or re-run every step for its trace.
 * The parts are enumerable getters, so `JSON.stringify` still writes them all.
 */
export function reportAt(run: Run, n: number): Report {
  const s = stateAt(run, n);
  const upto = run.steps.slice(0, n);
  const cache = new Map<keyof Report, unknown>();
  const part = <K extends keyof Report>(key: K, make: () => Report[K]): Report[K] => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as Report[K];
  };
  return {
    step: n,
    get iomem() {
      return part('iomem', () => formatIomem(s.iomem));
    },
    get zoneinfo() {
      return part('zoneinfo', () => formatZoneinfo(s));
    },
    get memory() {
      return part('memory', () => formatMemoryBlocks(s, run.config.movable_node, autoMovableOf(run.kernel, run.config)));
    },
    get log() {
      return part('log', () => upto.flatMap((st) => st.log));
    },
    get findings() {
      return part('findings', () => upto.flatMap((st) => st.findings));
    },
    get steps() {
      return part('steps', () => upto.map((st) => ({ step: st.index, op: st.op.op, ret: st.ret, ran: st.ran, bug: st.bug })));
    },
    get trace() {
      return part('trace', () => upto.filter((st) => st.ran).map((st) => ({ step: st.index, op: st.op.op, calls: stepTrace(run, st.index) })));
    },
  };
}

/** The step a run shows by default: its last, or the one that BUG()ed. */
export function lastStepRun(run: Run): number {
  return run.haltedAt ?? run.steps.length;
}

/** "step 4: remove_memory = 0", or "= void" where `kernel`'s function returns none (return-kind.ts); a void function's non-zero is the simulator's refusal. */
export function formatStepLine(l: StepLine, kernel: KernelRef): string {
  if (!l.ran) return `step ${l.step}: ${l.op} not run`;
  if (l.bug) return `step ${l.step}: ${l.op} = BUG`;
  if (returnKind(l.op as OpName, kernel) === 'void') return `step ${l.step}: ${l.op} = ${l.ret ? `${l.ret} (refused by the simulator; the function is void)` : 'void'}`;
  return `step ${l.step}: ${l.op} = ${l.ret}`;
}

export function formatFinding(f: Finding): string {
  return `step ${f.step}: ${f.code}: ${f.message}`;
}

/** The call trees, indented two spaces a level, with each node kind marked and each call's source. */
/** `switched`: a custom kernel's functions whose code a changed switch decided (switchedFunctions()), marked "[switch: NAME]" */
export function formatTrace(trace: Report['trace'], variant?: Variant, switched?: ReadonlyMap<string, readonly string[]>): string {
  const out: string[] = [];
  const walk = (nodes: TraceNode[], depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const n of nodes) {
      switch (n.k) {
        case 'call':
          out.push(`${pad}${n.fn}(${n.args})${n.ret === null ? ' -> (did not return)' : n.ret === 'void' ? '' : ` = ${n.ret}`}${variant ? `  [${sourceLink(variant, n.fn).label}]` : ''}${switched?.get(n.fn)?.map((sw) => `  [switch: ${sw}]`).join('') ?? ''}`);
          walk(n.children, depth + 1);
          break;
        case 'decision':
          out.push(`${pad}? ${n.cond}: ${n.value}`);
          break;
        case 'change':
          out.push(`${pad}~ ${n.text}`);
          break;
        case 'log':
          out.push(`${pad}printk: ${n.text}`);
          break;
        case 'finding':
          out.push(`${pad}! ${n.code}: ${n.text}`);
          break;
        case 'note':
          out.push(`${pad}# ${n.text}`);
          break;
      }
    }
  };
  for (const t of trace) {
    out.push(`step ${t.step}: ${t.op}`);
    walk(t.calls, 1);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

