/**
 * The review matrix's rows: the built-in scenarios (S1–S8), every lesson's scenario that is
 * not one of them already, and the scenario open now.
 */
import { LESSONS } from '../lessons';
import { builtinScenarios } from '../scenario/builtin-scenarios';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';
import type { MatrixRowInput } from '../engine/matrix';

export interface MatrixRowSpec {
  id: string;
  /** what the row header says */
  label: string;
  scenario: Scenario;
  /** the scenario open now: its cells switch kernel and step rather than open another scenario */
  open: boolean;
}

/** The id of the row of the scenario open now. */
export const OPEN_ROW_ID = 'open';

const sameRun = (a: Scenario, b: Scenario): boolean => JSON.stringify([a.config, a.machine, a.steps]) === JSON.stringify([b.config, b.machine, b.steps]);

export function matrixRows(open: Scenario): MatrixRowSpec[] {
  const rows: MatrixRowSpec[] = builtinScenarios().map((b) => ({ id: b.id, label: b.scenario.title, scenario: b.scenario, open: false }));
  for (const l of LESSONS) {
    if (rows.some((r) => sameRun(r.scenario, l.scenario))) continue;
    rows.push({ id: `lesson-${l.id}`, label: l.scenario.title, scenario: l.scenario, open: false });
  }
  rows.push({ id: OPEN_ROW_ID, label: `Open now: ${open.title || 'your scenario'}`, scenario: open, open: true });
  return rows;
}

/** What the worker needs of each row. */
export function matrixInputs(rows: readonly MatrixRowSpec[]): MatrixRowInput[] {
  return rows.map((r) => ({ id: r.id, title: r.label, config: r.scenario.config, machine: toMachineInput(r.scenario.machine), steps: r.scenario.steps }));
}
