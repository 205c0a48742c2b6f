import { DEFAULT_CONFIG, type Op } from '../engine/ops';
import { runScenario } from '../engine/run';
import { toMachineInput } from '../scenario/machine-input';
import { stateViewAt } from '../engine/views/run-view';

const MB128 = 2 ** 27;
const STEPS = 2000;

/**
 * A fresh worker runs the engine cold (interpreted, then compiled as functions get hot):
 * a 10,000-step replay takes three to four times as long as in a warm one. The spare
 * worker, made while the page is idle, replays a short hot-add / online / offline /
 * remove workload under both kernel families first, so the user's next run starts warm.
 */
export function warmUp(): void {
  const ops: Op[] = [];
  const as = ['online', 'online_kernel', 'online_movable'] as const;
  for (let i = 0; ops.length < STEPS; i++) {
    const start = 2 ** 32 + (i % 16) * MB128;
    ops.push({ op: 'add_memory', nid: 0, start, size: MB128 }, { op: 'online', start, size: MB128, as: as[i % 3]! }, { op: 'offline', start, size: MB128 }, { op: 'remove_memory', nid: 0, start, size: MB128 });
  }
  const machine = toMachineInput({ kind: 'default' });
  for (const kernel of ['v5.5', 'v4.18'] as const) {
    const run = runScenario({ kernel, config: DEFAULT_CONFIG, machine, steps: ops });
    for (let step = 0; step <= 8; step++) stateViewAt(run, step);
  }
}
