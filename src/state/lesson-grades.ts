/**
 * A prediction's grade belongs to its question: it is taken once, when the step it asks
 * about is shown under the kernel the student answered under, and kept with the answer.
 * Switching kernels, comparing, reloading or sharing the link then shows that grade, never
 * one re-read from whatever is on screen.
 */
import { lessonById } from '../lessons';
import { grade } from '../lessons/grade';
import { type AppState, type AppStore, viewsReady } from './store';

/** The grade to keep now, if the views on screen are the ones an ungraded answer asks about. */
function gradeDue(s: AppState): { step: number; grade: ReturnType<typeof grade> } | null {
  const answer = s.lesson?.answers[s.cursor];
  if (!s.lesson || !answer || answer.grade || answer.kernel !== s.kernel || !viewsReady(s)) return null;
  const prediction = lessonById(s.lesson.id)?.predictions.find((p) => p.step === s.cursor);
  const run = s.runs?.[0];
  if (!prediction || !run || run.kernel !== answer.kernel) return null;
  return { step: s.cursor, grade: grade(prediction, { run, before: s.shown?.previous ?? null, after: s.shown?.state ?? null }, s.cursor) };
}

/** Keeps each answer's grade as soon as its step is shown under its kernel. */
export function keepGrades(store: AppStore): () => void {
  const check = () => {
    const due = gradeDue(store.getState());
    if (due) store.getState().recordGrade(due.step, due.grade);
  };
  check();
  return store.subscribe(check);
}
