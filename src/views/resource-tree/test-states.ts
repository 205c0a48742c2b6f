/** Test support: the StateViews of a scenario of test-scenarios/ run under one kernel. */
import type { KernelId } from '../../engine/ops';
import { runFile } from '../../engine/test-support/load-scenario';
import type { StateView } from '../../worker/protocol';
import { stateView } from '../../worker/run-view';

export function scenarioStates(file: string, kernel: KernelId): StateView[] {
  const run = runFile(file, kernel);
  return run.states.map((s, i) => stateView(s, i, run.config.movable_node));
}
