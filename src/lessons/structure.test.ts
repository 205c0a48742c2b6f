import { describe, expect, it } from 'vitest';
import { stateViewAt } from '../engine/views/run-view';
import type { StateView } from '../engine/views/view-types';
import { GLOSSARY } from './glossary';
import { grade } from './grade';
import { LESSONS } from './index';
import { parseMarkup } from './markup';
import type { Lesson } from './types';
import { lessonRun } from '../test-support/lesson-runs';

/**
 * How the lessons are built, over their data: the student acts at least every third step,
 * every lesson asks at least one question about how two kernels differ, every question has
 * exactly one right answer under every setting the lesson lets the student switch, and
 * every glossary term is marked where the lessons, in order, first use it.
 */

/** The steps (1..n) where the student answers a question or does something: switch a kernel or a setting. */
function activeSteps(l: Lesson): Set<number> {
  const out = new Set(l.predictions.map((p) => p.step));
  for (const s of l.steps) if (s.step > 0 && (s.switchTo?.length || s.setting || s.openMatrix)) out.add(s.step);
  return out;
}

/** The longest run of steps 1..n with neither a question nor a task. */
function longestPassiveRun(l: Lesson): { length: number; from: number } {
  const active = activeSteps(l);
  let best = { length: 0, from: 0 };
  let run = 0;
  for (let i = 1; i <= l.scenario.steps.length; i++) {
    run = active.has(i) ? 0 : run + 1;
    if (run > best.length) best = { length: run, from: i - run + 1 };
  }
  return best;
}

const usesTerm = (term: string, words: string) => new RegExp(`(^|[^\\w])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(s|d|ed)?(?![\\w])`, 'i').test(words);

/**
 * Where a glossary term is used in the lessons, in the order a student reads them, before the
 * narration first marks it: each step's narration, and a question (its text and choices) where
 * it is asked, after the narration of the step before it. A question cannot mark a term, so it
 * may only use the ones the narration has taught.
 */
function unmarkedFirstUses(lessons: readonly Lesson[]): string[] {
  const problems: string[] = [];
  const marked = new Set<string>();
  const check = (where: string, words: string) => {
    for (const g of GLOSSARY) {
      if (marked.has(g.term) || !usesTerm(g.term, words)) continue;
      problems.push(`${where}: "${g.term}" is used before it is marked [[${g.term}]]`);
      marked.add(g.term);
    }
  };
  for (const l of lessons)
    for (const s of l.steps) {
      for (const q of l.predictions.filter((p) => p.step === s.step)) check(`${l.id} question at step ${q.step}`, [q.question, ...q.choices.map((c) => c.label)].join(' '));
      for (const p of s.body)
        for (const tok of parseMarkup(typeof p === 'string' ? p : p.text)) {
          if (tok.t === 'term') marked.add(tok.term);
          else check(`${l.id} step ${s.step}`, tok.t === 'text' || tok.t === 'strong' ? tok.v : tok.t === 'link' ? tok.text : '');
        }
    }
  return problems;
}

const runOf = lessonRun;

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s: the student acts', (_id, lesson) => {
  it('never goes more than two steps without a question or a task', () => {
    const r = longestPassiveRun(lesson);
    expect(r.length, `steps ${r.from}..${r.from + r.length - 1} ask nothing`).toBeLessThanOrEqual(2);
  });

  it('asks at least one question about how the kernel shown differs from another of its kernels', () => {
    const contrasts = lesson.predictions.filter((p) => p.contrast);
    expect(contrasts.length).toBeGreaterThanOrEqual(1);
    for (const p of contrasts) {
      expect(lesson.kernels).toContain(p.contrast);
      expect(p.contrast).not.toBe(lesson.kernels[0]);
    }
  });

  it('has exactly one right answer to every question under every setting it lets the student switch', () => {
    for (const setting of new Set(lesson.steps.flatMap((s) => (s.setting ? [s.setting] : [])))) {
      const flipped = { ...lesson.scenario.config, [setting]: !lesson.scenario.config[setting] };
      for (const p of lesson.predictions)
        for (const k of lesson.kernels) {
          const { run, view } = runOf(lesson, k, flipped);
          if (!view.steps[p.step - 1]?.ran) continue;
          const g = grade(p, { run: view, before: stateViewAt(run, p.step - 1) as StateView, after: stateViewAt(run, p.step) as StateView }, p.step);
          expect(g.correct, `"${p.question}" under ${k}, ${setting} ${flipped[setting]}: ${g.observed}`).toHaveLength(1);
        }
    }
  });
});

it('lesson 3 lets the student turn debug_vm off and see RFC v1 remove block 40 with a finding instead of a BUG', () => {
  const l = LESSONS.find((x) => x.id === 'never-onlined')!;
  const at = l.steps.find((s) => s.setting === 'debug_vm')!;
  const p = l.predictions.find((x) => x.step === at.step)!;
  const off = { ...l.scenario.config, debug_vm: false };
  const { run, view } = runOf(l, 'rfc-v1', off);
  const g = grade(p, { run: view, before: stateViewAt(run, at.step - 1) as StateView, after: stateViewAt(run, at.step) as StateView }, at.step);
  expect(view.steps[at.step - 1]).toMatchObject({ bug: false, ret: 0 });
  expect(g.correct).toEqual(['unchecked']);
});

it('every glossary term is marked where the lessons, in order, first use it', () => {
  expect(unmarkedFirstUses(LESSONS)).toEqual([]);
});

it('the structural checks can fail: a lesson without questions, a term used unmarked', () => {
  const l = LESSONS[0]!;
  expect(longestPassiveRun({ ...l, predictions: [], steps: l.steps.map((s) => ({ ...s, switchTo: [] })) }).length).toBe(l.scenario.steps.length);
  const unmarked = { ...l, steps: [{ step: 0, title: 't', body: ['A memmap is used here.'] }, ...l.steps.slice(1)] };
  expect(unmarkedFirstUses([unmarked])).toContain(`${l.id} step 0: "memmap" is used before it is marked [[memmap]]`);
  // a question is read before the narration of its step: it cannot use what that narration teaches
  const asked = { ...l, steps: [{ step: 0, title: 't', body: ['Nothing yet.'] }, { step: 1, title: 't', body: ['The [[memmap]] now.'] }], predictions: [{ ...l.predictions[0]!, step: 1, question: 'What happens to the memmap?' }] };
  expect(unmarkedFirstUses([asked])).toContain(`${l.id} question at step 1: "memmap" is used before it is marked [[memmap]]`);
});
