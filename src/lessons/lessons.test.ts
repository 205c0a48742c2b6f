import { describe, expect, it } from 'vitest';
import { type Run, runScenario } from '../engine/run';
import { KERNEL_IDS, type KernelId } from '../engine/ops';
import { SOURCE_LINES, type SourceTree } from '../engine/trace/source-lines';
import { VARIANTS } from '../engine/variants';
import { toMachineInput } from '../scenario/machine-input';
import { parseScenario, serializeScenario } from '../scenario/schema';
import { runView, stateViewAt } from '../engine/views/run-view';
import type { RunView, StateView } from '../engine/views/view-types';
import { grade } from './grade';
import { gatesOf, LESSONS, lessonById } from './index';
import { parseMarkup } from './markup';
import type { Lesson, Paragraph } from './types';

/**
 * Every lesson is checked against the engine: its scenario parses and runs under each of
 * its kernels with no invariant violation left unexplained, the findings it narrates are
 * exactly the ones the engine raises, and every prediction's stated answer is what grade()
 * reads from the engine's result.
 */
const runs = new Map<string, { run: Run; view: RunView }>();
function runOf(lesson: Lesson, kernel: KernelId) {
  const key = `${lesson.id}/${kernel}`;
  let r = runs.get(key);
  if (!r) {
    const s = lesson.scenario;
    const run = runScenario({ kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
    r = { run, view: runView(run) };
    runs.set(key, r);
  }
  return r;
}

const text = (p: Paragraph) => (typeof p === 'string' ? p : p.text);
const knownInTree = (tree: SourceTree, fn: string) => fn in SOURCE_LINES[tree];
const knownIn = (k: KernelId, fn: string) => knownInTree(VARIANTS[k].source.tree, fn) || VARIANTS[k].source.patched.includes(fn);

it('lesson ids are unique, numbered in order, and every "next" names a lesson', () => {
  expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  expect(LESSONS.map((l) => l.number)).toEqual([...LESSONS.map((l) => l.number)].sort((a, b) => a - b));
  expect([...new Set(LESSONS.map((l) => l.number))]).toEqual([1, 2, 3, 4, 5, 6]);
  for (const l of LESSONS) if (l.next) expect(lessonById(l.next), `${l.id} → ${l.next}`).not.toBeNull();
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  const n = lesson.scenario.steps.length;

  it('has a scenario that round-trips through the scenario file format', () => {
    const parsed = parseScenario(serializeScenario(lesson.scenario));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (parsed.ok) expect(parsed.scenario).toEqual(lesson.scenario);
    expect(lesson.scenario.kernel).toBe(lesson.kernels[0]);
  });

  it('narrates every step once, in order, and names only kernels and functions that exist', () => {
    expect(lesson.steps.map((s) => s.step)).toEqual(Array.from({ length: n + 1 }, (_, i) => i));
    expect(new Set(lesson.kernels).size).toBe(lesson.kernels.length);
    expect(lesson.kernels).toContain(lesson.key.kernel);
    for (const s of lesson.steps) {
      expect(s.title.length).toBeGreaterThan(0);
      for (const p of s.body) {
        if (typeof p !== 'string') for (const k of p.kernels) expect(KERNEL_IDS).toContain(k);
        for (const tok of parseMarkup(text(p))) {
          if (tok.t === 'fn') {
            const where = tok.kernel ? knownIn(tok.kernel, tok.fn) : knownInTree('v4.18.20', tok.fn) || knownInTree('v5.5-rc5', tok.fn);
            expect(where, `{${tok.fn}${tok.kernel ? '@' + tok.kernel : ''}} at step ${s.step}`).toBe(true);
          }
          if (tok.t === 'link') expect(tok.url).toMatch(/^https:\/\/(lore\.kernel\.org|elixir\.bootlin\.com)\//);
        }
      }
      // every kernel the lesson shows has something to read at every step
      for (const k of lesson.kernels) expect(s.body.some((p) => typeof p === 'string' || p.kernels.includes(k)), `step ${s.step} under ${k}`).toBe(true);
      for (const sw of s.switchTo ?? []) expect(KERNEL_IDS).toContain(sw.kernel);
    }
  });

  it.each(lesson.kernels.map((k) => [k]))('runs under %s with exactly the findings it narrates and nothing unexplained', (kernel) => {
    const { run } = runOf(lesson, kernel);
    for (const st of run.steps) {
      expect(st.unexplained, `step ${st.index}`).toEqual([]);
      const narrated = [...(lesson.steps[st.index]?.findings?.[kernel] ?? [])].sort();
      expect([...new Set(st.findings.map((f) => f.code))].sort(), `findings at step ${st.index} under ${kernel}`).toEqual(narrated);
    }
  });

  it('reaches its key moment', () => {
    const { run } = runOf(lesson, lesson.key.kernel);
    const st = run.steps[lesson.key.step - 1];
    expect(st?.ran).toBe(true);
    if (lesson.key.finding) expect(st?.findings.map((f) => f.code)).toContain(lesson.key.finding);
  });

  it('asks well-formed predictions whose stated answers are what grade() reads from the engine', () => {
    expect(gatesOf(lesson).length).toBe(lesson.predictions.length);
    for (const p of lesson.predictions) {
      expect(p.step).toBeGreaterThanOrEqual(1);
      expect(p.step).toBeLessThanOrEqual(n);
      expect(p.choices.length).toBeGreaterThanOrEqual(2);
      expect(p.choices.length).toBeLessThanOrEqual(4);
      expect(new Set(p.choices.map((c) => c.id)).size).toBe(p.choices.length);
      expect(Object.keys(p.expect).sort()).toEqual([...lesson.kernels].sort());
      for (const k of lesson.kernels) {
        const { run, view } = runOf(lesson, k);
        const g = grade(p, { run: view, before: stateViewAt(run, p.step - 1) as StateView, after: stateViewAt(run, p.step) as StateView }, p.step);
        expect(g.ran, `step ${p.step} under ${k}`).toBe(true);
        // exactly one choice holds, and it is the one the narration says
        expect(g.correct, `"${p.question}" under ${k}: ${g.observed}`).toEqual([p.expect[k]]);
        expect(g.observed).toContain(k);
      }
    }
  });
});

it('lesson 1 shows the key finding of the issue: resource-released-while-owned under RFC v1 at the HMM private removal', () => {
  const l = LESSONS[0]!;
  expect(l.key).toMatchObject({ kernel: 'rfc-v1', finding: 'resource-released-while-owned' });
  expect(l.scenario.steps[l.key.step - 1]).toMatchObject({ op: 'hmm_devmem_remove', dev: 'gpu0' });
  expect(l.scenario.steps[l.key.step - 2]).toMatchObject({ op: 'hmm_devmem_add', type: 'private' });
});
