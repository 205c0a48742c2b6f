/**
 * Opening a review-matrix cell: that row's scenario under that kernel, at the step to look at.
 * Another scenario is opened as an edit, so the user's own scenario is one undo away; the row
 * of the scenario open now only switches kernel and step.
 */
import { type KernelRef, presetOf } from '../engine/variants/switches';
import type { MatrixRowSpec } from './matrix-rows';
import type { AppStore, RunOutcome } from './store';

export async function openMatrixCell(store: AppStore, row: MatrixRowSpec, kernel: KernelRef, step: number): Promise<RunOutcome> {
  const st = store.getState();
  if (row.open) {
    const outcome = kernel === st.kernel ? 'done' : await st.setKernel(kernel);
    if (outcome === 'done') store.getState().goTo(step);
    return outcome;
  }
  return st.editScenario({ ...row.scenario, kernel: presetOf(kernel), cursor: step }, step, { kernel });
}
