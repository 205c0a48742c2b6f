/** Test support: the StateViews of a scenario of test-scenarios/ run under one kernel. */
import type { KernelId } from '../../engine/ops';
import { runFile } from '../../test-support/load-scenario';
import type { StateView } from '../../engine/views/view-types';
import { stateView } from '../../engine/views/run-view';

export function scenarioStates(file: string, kernel: KernelId): StateView[] {
  const run = runFile(file, kernel);
  return run.states.map((s, i) => stateView(s, i, run.config.movable_node));
}
