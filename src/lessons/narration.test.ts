import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepTrace } from '../engine/run';
import type { KernelConfig, KernelId } from '../engine/ops';
import type { TraceNode } from '../engine/trace/trace-types';
import { stateViewAt } from '../engine/views/run-view';
import type { StateView } from '../engine/views/view-types';
import { GLOSSARY, glossaryEntry } from './glossary';
import { LESSONS, paragraphsShown } from './index';
import { parseMarkup, type Token } from './markup';
import { fnLink, MESSAGES, type ThreadMessage } from './refs';
import { fillSlot } from './slots';
import type { Lesson, Paragraph } from './types';
import { lessonConfigs, lessonRun } from '../test-support/lesson-runs';

/**
 * The narration is checked against the engine's own run, at its step, under every kernel
 * the lesson offers: every {{slot}} resolves from that state, every function the text says
 * runs ({fn}) is in that step's trace, every link and source label names its target.
 */
const ROOT = path.resolve(__dirname, '../..');
const doc = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

const runOf = lessonRun;

const configsOf = lessonConfigs;
const configName = (c: KernelConfig) => `debug_vm ${c.debug_vm ? 'on' : 'off'}, memmap_on_memory ${c.memmap_on_memory ? 'on' : 'off'}`;
const text = (p: Paragraph) => (typeof p === 'string' ? p : p.text);

function calledFns(nodes: readonly TraceNode[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.k === 'call') {
      out.add(n.fn);
      calledFns(n.children, out);
    }
  }
  return out;
}

/** Every problem with the narration of `lesson` under `kernel`, as sentences (empty when it is right). */
function narrationProblems(lesson: Lesson, kernel: KernelId, tokensOf: (p: Paragraph) => Token[] = (p) => parseMarkup(text(p)), config: KernelConfig = lesson.scenario.config): string[] {
  const { run, view } = runOf(lesson, kernel, config);
  const problems: string[] = [];
  for (const s of lesson.steps) {
    const tokens = paragraphsShown(s, kernel, config).flatMap(tokensOf);
    const stepView = s.step > 0 ? (view.steps[s.step - 1] ?? null) : null;
    const state = stateViewAt(run, s.step);
    const trace = s.step > 0 ? calledFns(stepTrace(run, s.step)) : new Set<string>();
    for (const tok of tokens) {
      if (tok.t === 'slot') {
        if (typeof state === 'string') problems.push(`step ${s.step}: {{${tok.kind}:${tok.arg}}} has no state (${state})`);
        else if (!fillSlot(tok.kind, tok.arg, { state: state as StateView, step: stepView })) problems.push(`step ${s.step} under ${kernel}: {{${tok.kind}:${tok.arg}}} does not resolve`);
      }
      if (tok.t === 'fn' && tok.ran && !trace.has(tok.fn)) problems.push(`step ${s.step} under ${kernel}: {${tok.fn}${tok.kernel ? '@' + tok.kernel : ''}} is not in the step's trace (mark it {~${tok.fn}} if the text only names it)`);
      if (tok.t === 'term' && !glossaryEntry(tok.term)) problems.push(`step ${s.step}: [[${tok.term}]] is not in the glossary`);
      if (tok.t === 'link') {
        const m = Object.values(MESSAGES as Record<string, ThreadMessage>).find((x) => x.url === tok.url);
        if (!m && !tok.url.startsWith('https://elixir.bootlin.com/')) problems.push(`step ${s.step}: link ${tok.url} is neither a thread message the lessons know nor Elixir`);
        if (m && !m.linkWords.some((w) => tok.text.includes(w))) problems.push(`step ${s.step}: link text "${tok.text}" does not name ${m.title}`);
      }
    }
  }
  return problems;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s: narration from the engine', (_id, lesson) => {
  it.each(lesson.kernels.flatMap((k) => configsOf(lesson).map((c) => [k, configName(c), c] as const)))(
    'under %s (%s) every slot resolves, every function said to run is in its step\u2019s trace, every link names its target',
    (kernel, _dv, config) => {
      expect(narrationProblems(lesson, kernel, undefined, config)).toEqual([]);
    },
  );

  it('labels each source with its target: a thread message\u2019s subject, a function\u2019s name and tree, a fixture that exists', () => {
    for (const src of lesson.sources) {
      const m = Object.values(MESSAGES as Record<string, ThreadMessage>).find((x) => x.url === src.url);
      if (m) expect(src.label, src.url).toContain(m.title);
      else if (src.url?.startsWith('https://elixir.bootlin.com/')) {
        const [, fn, tree] = /^(\w+)\(\) in (v[\w.-]+)/.exec(src.label) ?? [];
        expect(fn, src.label).toBeDefined();
        const k: KernelId = tree === 'v4.18.20' ? 'v4.18' : tree === 'v6.12.118' ? 'v6.12' : 'v5.5';
        expect(fnLink(k, fn!).url, src.label).toBe(src.url);
      } else {
        expect(src.url, src.label).toBeUndefined();
        const dir = /fixtures\/[\w./-]+/.exec(src.label)?.[0];
        expect(dir, src.label).toBeDefined();
        // a recorded run's directory holds its boot capture (A00_boot.txt, A612_00_boot.txt, M00_boot.txt…)
        expect(readdirSync(path.join(ROOT, dir!)).some((f) => /^[A-Z]\w*00_boot\.txt$/.test(f)), dir).toBe(true);
      }
    }
  });
});

it('every thread message the lessons cite is what the repository\u2019s copies say it is', () => {
  for (const m of Object.values(MESSAGES as Record<string, ThreadMessage>)) for (const e of m.evidence) expect(doc(e.doc), `${m.title}: ${e.text}`).toContain(e.text);
});

it('quotes in the narration are exact: every "…" longer than four words is in the thread, the kernel notes or a source excerpt in docs/lessons-sources.md', () => {
  const sources = ['docs/sources/linux-mm-thread-2018-08.txt', 'docs/sources/kernel-notes.md', 'docs/lessons-sources.md'].map((d) => doc(d).replace(/\s+/g, ' ')).join(' ');
  for (const l of LESSONS)
    for (const s of l.steps)
      for (const p of s.body)
        for (const q of text(p).matchAll(/"([^"]+)"/g)) {
          const quote = q[1]!;
          if (quote.split(' ').length > 4) expect(sources.includes(quote), `${l.id} step ${s.step}: "${quote}"`).toBe(true);
        }
});

it('the glossary defines each term once, in one line, and every term the narration marks is in it', () => {
  expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
  for (const g of GLOSSARY) expect(g.definition, g.term).not.toMatch(/\n/);
  const marked = LESSONS.flatMap((l) => l.steps.flatMap((s) => s.body.flatMap((p) => parseMarkup(text(p)).filter((t) => t.t === 'term'))));
  expect(marked.length).toBeGreaterThan(0);
  for (const t of marked) if (t.t === 'term') expect(glossaryEntry(t.term), t.term).not.toBeNull();
});

it('catches a slot that does not resolve and a function that did not run', () => {
  const l = LESSONS[0]!;
  const broken = (p: Paragraph) => [...parseMarkup(text(p)), { t: 'slot', kind: 'iomem', arg: 'no-such-resource' } as Token, { t: 'fn', fn: 'online_pages', kernel: null, ran: true } as Token];
  const problems = narrationProblems(l, 'v4.18', broken);
  expect(problems.some((p) => p.includes('{{iomem:no-such-resource}} does not resolve'))).toBe(true);
  expect(problems.some((p) => p.includes('{online_pages} is not in the step'))).toBe(true);
});
