/**
 * Answers protocol requests with the engine, wherever it runs: inside the Web Worker,
 * or in-process for tests. Owns the runs: the page gets their steps and counts, then asks
 * for the state, trace or diff of the step it shows. A trace re-runs only that step.
 */
import { diffStep } from '../engine/diff';
import { diffCauses } from '../engine/diff-causes';
import type { KernelRef } from '../engine/variants/switches';
import { reviewMatrix } from '../engine/matrix';
import { type Run, runScenario } from '../engine/run';
import { PROTOCOL_VERSION, type Reply, type Request, assertNever } from './protocol';
import { firstDiff, linkedTrace, runView, stateViewAt } from '../engine/views/run-view';
import { warmUp } from './warm-up';

/** Told how much of a long request is done; it may throw to abandon the request. */
export type OnProgress = (done: number, total: number) => void;

export class EngineHost {
  private runs = new Map<KernelRef, Run>();
  private order: KernelRef[] = [];

  handle(req: Request, onProgress?: OnProgress): Reply {
    const base = { v: PROTOCOL_VERSION, id: req.id, gen: req.gen } as const;
    try {
      switch (req.kind) {
        case 'run': {
          const t0 = performance.now();
          const { kernels, config, machine, steps } = req.input;
          const compare = kernels.length === 2;
          // Units of work: each kernel's steps, then (comparing) each step's diff.
          const total = (kernels.length + (compare ? 1 : 0)) * steps.length + (compare ? 1 : 0);
          let base0 = 0;
          const runs = kernels.map((kernel, i) => {
            base0 = i * steps.length;
            return runScenario({ kernel, config, machine, steps }, onProgress && { every: 1, report: (done) => onProgress(base0 + done, total) });
          });
          const first = compare ? firstDiff(runs[0]!, runs[1]!, onProgress && ((step) => onProgress(kernels.length * steps.length + step + 1, total))) : null;
          // The compare stops at the first difference: the rest of its share is done too.
          onProgress?.(total, total);
          // Only a run that finished replaces the runs kept: a failed one leaves the last in place.
          this.runs = new Map(runs.map((r) => [r.kernel, r]));
          this.order = kernels.slice();
          return { ...base, kind: 'run', runs: runs.map(runView), firstDiff: first, ms: performance.now() - t0 };
        }
        case 'state': {
          const run = this.runs.get(req.kernel);
          if (!run) return { ...base, kind: 'error', message: `no run of ${req.kernel} to read a state from` };
          const view = stateViewAt(run, req.step);
          if (typeof view === 'string') return { ...base, kind: 'error', message: view };
          return { ...base, kind: 'state', kernel: req.kernel, step: req.step, state: view };
        }
        case 'trace': {
          const run = this.runs.get(req.kernel);
          if (!run) return { ...base, kind: 'error', message: `no run of ${req.kernel} to trace` };
          return { ...base, kind: 'trace', kernel: req.kernel, step: req.step, trace: linkedTrace(run, req.step) };
        }
        case 'diff': {
          const [a, b] = this.order.map((k) => this.runs.get(k)!);
          if (!a || !b) return { ...base, kind: 'error', message: 'no two runs to compare' };
          if (!Number.isInteger(req.step) || req.step < 0 || req.step > a.steps.length) return { ...base, kind: 'error', message: `no step ${req.step} to compare (0 to ${a.steps.length})` };
          return { ...base, kind: 'diff', step: req.step, diff: { ...diffStep(a, b, req.step), causes: diffCauses(a, b, req.step) } };
        }
        case 'matrix': {
          const t0 = performance.now();
          const matrix = reviewMatrix(req.rows, req.kernels ?? undefined, onProgress);
          return { ...base, kind: 'matrix', matrix, ms: performance.now() - t0 };
        }
        case 'warm-up': {
          const t0 = performance.now();
          warmUp();
          return { ...base, kind: 'warmed', ms: performance.now() - t0 };
        }
        default:
          return assertNever(req);
      }
    } catch (e) {
      return { ...base, kind: 'error', message: (e as Error).message };
    }
  }
}
