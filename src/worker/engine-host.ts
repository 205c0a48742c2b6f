/**
 * Answers protocol requests with the engine, wherever it runs: inside the Web Worker,
 * or in-process for tests. Keeps the last runs so a trace request re-runs only one step.
 */
import type { KernelId } from '../engine/ops';
import { type Run, runScenario } from '../engine/run';
import { PROTOCOL_VERSION, type Reply, type Request, assertNever } from './protocol';
import { allDiffs, linkedTrace, runView } from './run-view';

export class EngineHost {
  private runs = new Map<KernelId, Run>();

  handle(req: Request): Reply {
    const base = { v: PROTOCOL_VERSION, id: req.id, gen: req.gen } as const;
    try {
      switch (req.kind) {
        case 'run': {
          const t0 = performance.now();
          const runs = req.input.kernels.map((kernel) => runScenario({ kernel, config: req.input.config, machine: req.input.machine, steps: req.input.steps }));
          this.runs = new Map(runs.map((r) => [r.kernel, r]));
          const diffs = runs.length === 2 ? [allDiffs(runs[0]!, runs[1]!)] : null;
          return { ...base, kind: 'run', runs: runs.map(runView), diffs, ms: performance.now() - t0 };
        }
        case 'trace': {
          const run = this.runs.get(req.kernel);
          if (!run) return { ...base, kind: 'error', message: `no run of ${req.kernel} to trace` };
          return { ...base, kind: 'trace', kernel: req.kernel, step: req.step, trace: linkedTrace(run, req.step) };
        }
        default:
          return assertNever(req);
      }
    } catch (e) {
      return { ...base, kind: 'error', message: (e as Error).message };
    }
  }
}
