/**
 * One meaning per colour (docs/legend.md): the CSS class of a step's return and of a kernel
 * log line. Red (danger) is a BUG or a refused step, amber (warn) a finding or a kernel
 * WARNING, neutral the kernel's routine lines, green only a step that did what was asked with
 * nothing found.
 */

export type ReturnClass = 'ret-bug' | 'ret-refused' | 'ret-finding' | 'ret-ok' | 'ret-neutral';

export interface StepOutcome {
  ran: boolean;
  bug: boolean;
  ret: number | null;
  findings: readonly unknown[];
}

export function returnClass(step: StepOutcome): ReturnClass {
  if (!step.ran) return 'ret-neutral';
  if (step.bug) return 'ret-bug';
  if (step.ret !== null && step.ret < 0) return 'ret-refused';
  if (step.findings.length > 0) return 'ret-finding';
  return step.ret === null ? 'ret-neutral' : 'ret-ok';
}

export type LogLineClass = 'log-bug' | 'log-warning' | 'log-routine';

/** The first lines of an oops or BUG() report, as the kernel prints them. */
const BUG_LINE = /^(?:kernel )?BUG[:\s]|^Oops\b|^RIP:|^Call Trace:|^general protection fault|^Kernel panic/;
const WARNING_LINE = /^WARNING:/;

export function logLineClass(line: string): LogLineClass {
  const text = line.trimStart();
  if (BUG_LINE.test(text)) return 'log-bug';
  if (WARNING_LINE.test(text)) return 'log-warning';
  return 'log-routine';
}

export type MatrixCellClass = 'cell-bug' | 'cell-finding' | 'cell-clean' | 'cell-refused' | 'cell-error';

/**
 * The colour class of a review-matrix cell, in the same meanings: red a BUG, amber findings,
 * green clean; a clean run with a refused step is neutral (the kernel said no, which may be
 * right), as is a cell the engine could not run.
 */
export function matrixCellClass(c: { outcome: 'bug' | 'findings' | 'clean' | 'error'; refused: readonly unknown[] }): MatrixCellClass {
  switch (c.outcome) {
    case 'bug':
      return 'cell-bug';
    case 'findings':
      return 'cell-finding';
    case 'error':
      return 'cell-error';
    case 'clean':
      return c.refused.length ? 'cell-refused' : 'cell-clean';
  }
}
