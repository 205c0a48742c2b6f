/** Opening a lesson: its scenario, under its first kernel (or the one asked for), with its prediction gates. */
import type { KernelId } from '../engine/ops';
import { gatesOf } from '../lessons';
import type { Lesson } from '../lessons/types';
import type { AppStore, RunOutcome } from './store';
import type { ViewName } from '../links/share-link';

export function startLesson(store: AppStore, lesson: Lesson, opts: { step?: number; kernel?: KernelId; compare?: KernelId | null; view?: ViewName } = {}): Promise<RunOutcome> {
  const step = Math.max(0, Math.min(opts.step ?? 0, lesson.scenario.steps.length));
  return store.getState().openScenario(lesson.scenario, {
    kernel: opts.kernel ?? lesson.kernels[0],
    compare: opts.compare ?? null,
    step,
    ...(opts.view ? { view: opts.view } : {}),
    lesson: { id: lesson.id, gates: gatesOf(lesson) },
  });
}
