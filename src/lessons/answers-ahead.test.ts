import { describe, expect, it } from 'vitest';
import type { KernelConfig, KernelId } from '../engine/ops';
import { stateViewAt } from '../engine/views/run-view';
import type { StateView } from '../engine/views/view-types';
import { grade } from './grade';
import { LESSONS, paragraphsShown } from './index';
import { plainText } from './markup';
import { fillSlot } from './slots';
import type { Lesson, Prediction } from './types';
import { lessonConfigs, lessonRun } from '../test-support/lesson-runs';

/**
 * A question must make the student think: the narration read before it (steps 0 to the one
 * before the question, as shown under the kernel asked, with its slots filled from that run)
 * must not already say the right answer. It would, if it held the right choice's label, or a
 * "tell" of it: a pfn range, an address, an errno or a function that only the right choice
 * names (not the question, not a wrong choice).
 */

const runOf = lessonRun;

// a plain count is left out: "it keeps spanning 262144 pages" names the state before the step, which the narration may well have shown
const TELL = /\b[0-9a-f]{6,}-[0-9a-f]{6,}\b|\b(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b|0x[0-9a-f]+|-E[A-Z]{3,}|-\d+\b|\b\w+\(\)/g;
const tells = (s: string) => new Set(s.match(TELL) ?? []);
const norm = (s: string) => s.toLowerCase().replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();

/** What the narration shows up to (and including) step `upTo` under `kernel`, as plain text. */
function narrationUpTo(l: Lesson, upTo: number, kernel: KernelId, config: KernelConfig): string {
  const { run, view } = runOf(l, kernel, config);
  const out: string[] = [];
  for (const s of l.steps) {
    if (s.step > upTo) continue;
    const state = stateViewAt(run, s.step);
    const ctx = { state: state as StateView, step: s.step > 0 ? (view.steps[s.step - 1] ?? null) : null };
    for (const p of paragraphsShown(s, kernel, config)) out.push(plainText(p, (kind, arg) => (typeof state === 'string' ? null : (fillSlot(kind, arg, ctx)?.text ?? null))));
  }
  return out.join('\n');
}

/** How the narration before `p` gives its answer away under `kernel`, or nothing. */
function answersGivenAhead(l: Lesson, p: Prediction, kernel: KernelId, config: KernelConfig): string[] {
  const { run, view } = runOf(l, kernel, config);
  // "v4.18 BUGs here …": a question that gives a kernel's outcome as its premise is not asked of that kernel
  if (!view.steps[p.step - 1]?.ran || new RegExp(`(^|\\W)${kernel.replace(/^rfc-/, 'RFC ').replace('.', '\\.')}(\\W|$)`).test(p.question)) return [];
  const g = grade(p, { run: view, before: stateViewAt(run, p.step - 1) as StateView, after: stateViewAt(run, p.step) as StateView }, p.step);
  const before = narrationUpTo(l, p.step - 1, kernel, config);
  const problems: string[] = [];
  for (const id of g.correct) {
    const right = p.choices.find((c) => c.id === id)!;
    // a one- or two-word label ("Movable") is a name the narration has to use; a sentence is an answer
    if (right.label.split(/\s+/).length > 2 && norm(before).includes(norm(right.label))) problems.push(`"${right.label}" is said before the question`);
    const elsewhere = new Set([...tells(p.question), ...p.choices.filter((c) => c.id !== id).flatMap((c) => [...tells(c.label)])]);
    for (const t of tells(right.label)) if (!elsewhere.has(t) && before.includes(t)) problems.push(`"${t}", which only the right answer "${right.label}" names, is said before the question`);
  }
  return problems;
}


describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it.each(lesson.predictions.map((p) => [p.step, p] as const))('the narration before the question at step %i does not answer it, under any of its kernels', (_s, p) => {
    for (const k of lesson.kernels)
      for (const c of lessonConfigs(lesson)) expect(answersGivenAhead(lesson, p, k, c), `${k}, ${JSON.stringify(c)}`).toEqual([]);
  });
});

it('catches narration that gives the answer away: the right label, or a range only the right answer names', () => {
  const l = LESSONS.find((x) => x.id === 'resource-granularity')!;
  const p = l.predictions.find((x) => x.step === 5)!;
  const leak = (text: string): Lesson => ({ ...l, steps: l.steps.map((s) => (s.step === 4 ? { ...s, body: [...s.body, text] } : s)) });
  expect(answersGivenAhead(leak('Its start moves: 148000000-15fffffff.'), p, 'v5.5', l.scenario.config).length).toBeGreaterThan(0);
  expect(answersGivenAhead(leak('Afterwards it reads 148000000-15fffffff.'), p, 'v5.5', l.scenario.config)).toEqual([
    '"148000000-15fffffff", which only the right answer "Its start moves: 148000000-15fffffff" names, is said before the question',
  ]);
  expect(answersGivenAhead(l, p, 'v5.5', l.scenario.config)).toEqual([]);
});
