/**
 * A lesson's scenario replayed under one kernel and config, with the views the page would show,
 * kept per lesson, kernel and config: the lesson tests ask for the same runs many times.
 */
import type { KernelConfig, KernelId } from '../engine/ops';
import { type Run, runScenario } from '../engine/run';
import { runView } from '../engine/views/run-view';
import type { RunView } from '../engine/views/view-types';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';

const runs = new Map<string, { run: Run; view: RunView }>();

export function lessonRun(lesson: { id: string; scenario: Scenario }, kernel: KernelId, config: KernelConfig = lesson.scenario.config): { run: Run; view: RunView } {
  const key = `${lesson.id}/${kernel}/${JSON.stringify(config)}`;
  let r = runs.get(key);
  if (!r) {
    const s = lesson.scenario;
    const run = runScenario({ kernel, config, machine: toMachineInput(s.machine), steps: s.steps });
    r = { run, view: runView(run) };
    runs.set(key, r);
  }
  return r;
}

/** The configs a lesson can be read under: its own, and each setting it offers a switch for flipped. */
export function lessonConfigs(lesson: { scenario: Scenario; steps: readonly { setting?: 'debug_vm' | 'memmap_on_memory' }[] }): KernelConfig[] {
  const own = lesson.scenario.config;
  const settings = [...new Set(lesson.steps.flatMap((s) => (s.setting ? [s.setting] : [])))];
  return [own, ...settings.map((k) => ({ ...own, [k]: !own[k] }))];
}
