/**
 * The review matrix: scenarios down, kernels across, and in each cell what the kernel did to
 * the scenario (BUG()ed, left findings, or came through clean) and the first step that went
 * wrong, so a reviewer reads at a glance which proposal fixes which case and which breaks
 * another. The page, the worker and `cli matrix` share this: one meaning per cell everywhere.
 */
import type { FindingCode } from './findings/finding-types';
import type { KernelConfig, MachineInput, Op } from './ops';
import type { KernelRef } from './variants/switches';
import { type Run, runScenario } from './run';
import { VARIANTS } from './variants';

/** A scenario to run under every kernel: `id` names it in the table (a file name, a built-in's key). */
export interface MatrixRowInput {
  id: string;
  title: string;
  config: KernelConfig;
  machine: MachineInput;
  steps: readonly Op[];
}

/** A finding code as the cell reports it: where it was first raised, and how often in the run. */
export interface CellFinding {
  code: FindingCode;
  step: number;
  fn: string;
  count: number;
}

export type CellOutcome = 'bug' | 'findings' | 'clean' | 'error';

export interface MatrixCell {
  kernel: KernelRef;
  outcome: CellOutcome;
  /** the BUG()/oops that halted the run: its step, the function that hit it, what it said */
  bug: { step: number; fn: string; message: string } | null;
  /** the finding codes besides the BUG itself, in the order first raised */
  findings: CellFinding[];
  /** steps the kernel refused (a negative errno): not wrong in themselves, but not what was asked */
  refused: { step: number; ret: number }[];
  /** the step to open the cell at: the BUG or first finding, else the first refused step; null when nothing went wrong */
  firstWrong: number | null;
  /** only for outcome 'error': why the engine could not run the scenario under this kernel */
  error?: string;
}

export interface MatrixRow {
  id: string;
  title: string;
  steps: number;
  cells: MatrixCell[];
}

export interface ReviewMatrix {
  kernels: KernelRef[];
  rows: MatrixRow[];
}

/** What one run comes to. */
export function matrixCell(run: Run): MatrixCell {
  let bug: MatrixCell['bug'] = null;
  const byCode = new Map<FindingCode, CellFinding>();
  const refused: MatrixCell['refused'] = [];
  for (const st of run.steps) {
    if (!st.ran) continue;
    for (const f of st.findings) {
      if (f.code === 'kernel-bug') {
        bug ??= { step: st.index, fn: f.fn, message: f.message };
        continue;
      }
      const seen = byCode.get(f.code);
      if (seen) seen.count++;
      else byCode.set(f.code, { code: f.code, step: st.index, fn: f.fn, count: 1 });
    }
    if (st.ret !== null && st.ret < 0) refused.push({ step: st.index, ret: st.ret });
  }
  // A halted run always says where, even if a variant's BUG forgot its finding.
  if (run.haltedAt !== null && !bug) bug = { step: run.haltedAt, fn: run.steps[run.haltedAt - 1]!.op.op, message: 'the kernel BUG()ed' };
  const findings = [...byCode.values()];
  const wrong = [bug?.step, ...findings.map((f) => f.step)].filter((s): s is number => s !== undefined);
  return {
    kernel: run.kernel,
    outcome: bug ? 'bug' : findings.length ? 'findings' : 'clean',
    bug,
    findings,
    refused,
    firstWrong: wrong.length ? Math.min(...wrong) : (refused[0]?.step ?? null),
  };
}

/**
 * Runs every row under every kernel (none named: every kernel the registry holds, in its
 * order). `progress` hears after each cell (done of rows × kernels) and may throw to abandon
 * the matrix. A row the engine cannot run under a kernel gets an 'error' cell rather than
 * sinking the whole table.
 */
export function reviewMatrix(rows: readonly MatrixRowInput[], kernels: readonly KernelRef[] = Object.keys(VARIANTS) as KernelRef[], progress?: (done: number, total: number) => void): ReviewMatrix {
  const total = rows.length * kernels.length;
  let done = 0;
  progress?.(0, total);
  const out = rows.map((row) => ({
    id: row.id,
    title: row.title,
    steps: row.steps.length,
    cells: kernels.map((kernel): MatrixCell => {
      let cell: MatrixCell;
      try {
        cell = matrixCell(runScenario({ kernel, config: row.config, machine: row.machine, steps: row.steps }));
      } catch (e) {
        cell = { kernel, outcome: 'error', bug: null, findings: [], refused: [], firstWrong: null, error: (e as Error).message };
      }
      progress?.(++done, total);
      return cell;
    }),
  }));
  return { kernels: kernels.slice(), rows: out };
}
