/** The built-in lessons, in the order the landing page lists them. */
import { LESSON_ZONE_DEVICE } from './lesson-4-zone-device';
import { LESSON_NEVER_ONLINED, LESSON_NEVER_ONLINED_IN_SPAN } from './lesson-3-never-onlined';
import { LESSON_SPAN_SHRINK } from './lesson-2-span-shrink';
import { LESSON_RESOURCE_GRANULARITY } from './lesson-1-resource-granularity';
import { LESSON_PICK_THE_FIX } from './lesson-pick-the-fix';
import { LESSON_TODAY } from './lesson-today';
import { glossaryEntry, type GlossaryEntry } from './glossary';
import { parseMarkup } from './markup';
import type { KernelConfig, KernelId } from '../engine/ops';
import type { Lesson, LessonStep, Paragraph } from './types';

/**
 * Easiest first: a lesson uses only what an earlier one taught (structure.test.ts checks the
 * glossary terms). Resources behave the same in every kernel; spans differ in when they shrink;
 * the never-onlined memmap needs sections and poisoning; ZONE_DEVICE needs all of them; picking
 * the fix needs the ZONE_DEVICE flaw, and today's kernel looks back on all of it.
 */
export const LESSONS: readonly Lesson[] = [LESSON_RESOURCE_GRANULARITY, LESSON_SPAN_SHRINK, LESSON_NEVER_ONLINED, LESSON_NEVER_ONLINED_IN_SPAN, LESSON_ZONE_DEVICE, LESSON_PICK_THE_FIX, LESSON_TODAY];

/** The lesson the landing lists after `lesson` (a part's next part, then the next lesson), or null after the last. */
export function nextLesson(lesson: Lesson): Lesson | null {
  const i = LESSONS.indexOf(lesson);
  return i >= 0 ? (LESSONS[i + 1] ?? null) : null;
}

export function lessonById(id: string): Lesson | null {
  return LESSONS.find((l) => l.id === id) ?? null;
}

/** The steps that ask for a prediction before they are shown. */
export function gatesOf(lesson: Lesson): number[] {
  return [...new Set(lesson.predictions.map((p) => p.step))].sort((a, b) => a - b);
}

export function narrationAt(lesson: Lesson, step: number): LessonStep | null {
  return lesson.steps.find((s) => s.step === step) ?? null;
}

/** The paragraphs of a step's narration shown under `kernel` with the scenario's `config`. */
export function paragraphsShown(step: LessonStep | null, kernel: KernelId, config: KernelConfig): string[] {
  const shown = (p: Paragraph) =>
    typeof p === 'string' || (p.kernels.includes(kernel) && (p.debugVm === undefined || p.debugVm === config.debug_vm) && (p.memmapOnMemory === undefined || p.memmapOnMemory === config.memmap_on_memory));
  return (step?.body ?? []).filter(shown).map((p) => (typeof p === 'string' ? p : p.text));
}

/** "Lesson 2, part 1 of 2" */
export function lessonLabel(lesson: Lesson): string {
  return `Lesson ${lesson.number}${lesson.part ? `, part ${lesson.part.index} of ${lesson.part.of}` : ''}`;
}

/** The glossary entries a lesson's narration marks, in the order it first uses them. */
export function glossaryOf(lesson: Lesson): GlossaryEntry[] {
  const seen = new Map<string, GlossaryEntry>();
  for (const s of lesson.steps)
    for (const p of s.body)
      for (const tok of parseMarkup(typeof p === 'string' ? p : p.text)) {
        const g = tok.t === 'term' ? glossaryEntry(tok.term) : null;
        if (g && !seen.has(g.id)) seen.set(g.id, g);
      }
  return [...seen.values()];
}
