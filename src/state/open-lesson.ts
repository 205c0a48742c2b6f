/** Opening a lesson: its scenario, under its first kernel (or the one asked for), with its prediction gates. */
import type { KernelRef } from '../engine/variants/switches';
import { gatesOf } from '../lessons';
import type { Lesson } from '../lessons/types';
import type { AppStore, RunOutcome } from './store';
import type { StateTab, ViewName } from '../links/share-link';
import type { LinkAnswer } from '../links/answers-field';

/** `answers`: those a link brought back, with their grades */
export function startLesson(store: AppStore, lesson: Lesson, opts: { step?: number; kernel?: KernelRef; compare?: KernelRef | null; view?: ViewName; tab?: StateTab; answers?: LinkAnswer[] } = {}): Promise<RunOutcome> {
  const step = Math.max(0, Math.min(opts.step ?? 0, lesson.scenario.steps.length));
  return store.getState().openScenario(lesson.scenario, {
    kernel: opts.kernel ?? lesson.kernels[0],
    compare: opts.compare ?? null,
    step,
    ...(opts.view ? { view: opts.view } : {}),
    ...(opts.tab ? { tab: opts.tab } : {}),
    // only answers to this lesson's questions
    lesson: { id: lesson.id, gates: gatesOf(lesson), answers: (opts.answers ?? []).filter((a) => lesson.predictions.some((p) => p.step === a.step)) },
  });
}
