import { describe, expect, it } from 'vitest';
import type { KernelId } from '../engine/ops';
import { runScenario } from '../engine/run';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';
import type { StateView } from '../engine/views/view-types';
import { runView, stateViewAt } from '../engine/views/run-view';
import { grade, isRight } from './grade';
import { LESSON_ZONE_DEVICE } from './lesson-4-zone-device';
import { LESSON_NEVER_ONLINED, LESSON_NEVER_ONLINED_IN_SPAN } from './lesson-3-never-onlined';
import { LESSON_SPAN_SHRINK } from './lesson-2-span-shrink';
import { LESSON_RESOURCE_GRANULARITY } from './lesson-1-resource-granularity';
import { NOTES_MACHINE } from './machines';
import { parseMarkup, plainText } from './markup';
import type { Prediction } from './types';

/** What the page grades on: the run's steps and the views of the states around `step`, as the worker sends them. */
const at = (s: Scenario, kernel: KernelId, step: number) => {
  const run = runScenario({ kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
  const view = (n: number) => stateViewAt(run, n) as StateView;
  return { run: runView(run), before: view(step - 1), after: view(step) };
};
const prediction = (list: readonly Prediction[], step: number) => list.find((p) => p.step === step)!;

describe('grade() reads the answer from the engine, so it changes with the kernel', () => {
  it('"Who takes gpu0\'s line out of /proc/iomem?": the driver under v4.18, the core under RFC v1', () => {
    const p = prediction(LESSON_ZONE_DEVICE.predictions, 2);
    const v418 = grade(p, at(LESSON_ZONE_DEVICE.scenario, 'v4.18', 2), 2);
    expect(isRight(v418, 'driver')).toBe(true);
    expect(isRight(v418, 'core')).toBe(false);
    expect(v418.observed).toMatch(/v4\.18.*left gpu0\u2019s resource alone/);

    const rfc1 = grade(p, at(LESSON_ZONE_DEVICE.scenario, 'rfc-v1', 2), 2);
    expect(isRight(rfc1, 'core')).toBe(true);
    expect(isRight(rfc1, 'driver')).toBe(false);
    expect(isRight(rfc1, 'nobody')).toBe(false);
    // the explanation is the engine's own finding
    expect(rfc1.observed).toContain('release_mem_region_adjustable(), which freed the iomem entry "gpu0"');
  });

  it('"What does hmm_devmem_radix_release() read?" is graded from state.iomemText and the use-after-free finding', () => {
    const p = prediction(LESSON_ZONE_DEVICE.predictions, 4);
    const v418 = grade(p, at(LESSON_ZONE_DEVICE.scenario, 'v4.18', 4), 4);
    const rfc1 = grade(p, at(LESSON_ZONE_DEVICE.scenario, 'rfc-v1', 4), 4);
    expect([isRight(v418, 'live'), isRight(v418, 'freed')]).toEqual([true, false]);
    expect([isRight(rfc1, 'live'), isRight(rfc1, 'freed')]).toEqual([false, true]);
    expect(v418.observed).toContain('3ffff0000000-3fffffffffff : gpu1');
  });

  it('"Will the Movable span shrink now?" is graded from the zone spans: yes under v5.5, no under v4.18', () => {
    const p = prediction(LESSON_SPAN_SHRINK.predictions, 3);
    const v55 = grade(p, at(LESSON_SPAN_SHRINK.scenario, 'v5.5', 3), 3);
    const v418 = grade(p, at(LESSON_SPAN_SHRINK.scenario, 'v4.18', 3), 3);
    expect(isRight(v55, 'empty')).toBe(true);
    expect(isRight(v55, 'stays')).toBe(false);
    expect(isRight(v418, 'stays')).toBe(true);
    expect(isRight(v418, 'empty')).toBe(false);
    expect(v418.observed).toContain('spanned 262144, present 0');
  });

  it('"Will the kernel survive it?" is graded from the step\'s BUG: no under v4.18, yes under RFC v1', () => {
    const p = prediction(LESSON_NEVER_ONLINED_IN_SPAN.predictions, 7);
    expect(grade(p, at(LESSON_NEVER_ONLINED_IN_SPAN.scenario, 'v4.18', 7), 7).correct).toEqual(['bug']);
    expect(grade(p, at(LESSON_NEVER_ONLINED_IN_SPAN.scenario, 'rfc-v1', 7), 7).correct).toEqual(['ok']);
  });

  it('a step that never ran (an earlier BUG halted the kernel) has no right answer', () => {
    const s: Scenario = { ...LESSON_NEVER_ONLINED.scenario, steps: [...LESSON_NEVER_ONLINED.scenario.steps, LESSON_NEVER_ONLINED.scenario.steps[0]!] };
    const p = prediction(LESSON_NEVER_ONLINED.predictions, 1);
    const g = grade(p, at(s, 'v4.18', 3), 3);
    expect(g).toEqual({ ran: false, correct: [], observed: 'Under v4.18, step 3 does not run: the kernel BUG at step 2 halted it.' });
    expect(isRight(g, 'none')).toBe(false);
  });

  it('the same prediction, asked of a modified scenario, follows the engine rather than a key', () => {
    // Lesson 1 without the private device: step 2 now removes nothing gpu0 owns, so RFC v1's answer changes.
    const p = prediction(LESSON_ZONE_DEVICE.predictions, 2);
    const s: Scenario = { ...LESSON_ZONE_DEVICE.scenario, steps: [{ op: 'request_mem_region', dev: 'gpu0', start: 0x3ffff0000000, size: 2 ** 28, name: 'gpu0' }, { op: 'release_mem_region', dev: 'gpu0', start: 0x3ffff0000000, size: 2 ** 28 }] };
    expect(grade(p, at(s, 'rfc-v1', 2), 2).correct).toEqual(['driver']);
  });

  it('"What happens to the System RAM line?" at lesson 4\'s block 36: -EBUSY with the Crash kernel child, a split without it', () => {
    const p = prediction(LESSON_RESOURCE_GRANULARITY.predictions, 12);
    const withChild = grade(p, at(LESSON_RESOURCE_GRANULARITY.scenario, 'v5.5', 12), 12);
    expect(withChild.correct).toEqual(['ebusy']);
    expect(withChild.observed).toContain('(-16)');
    expect(withChild.observed).toContain('130000000-13fffffff : Crash kernel');
    // the same machine without the child: the split goes through
    const s: Scenario = { ...LESSON_RESOURCE_GRANULARITY.scenario, machine: NOTES_MACHINE };
    expect(grade(p, at(s, 'v4.18', 12), 12).correct).toEqual(['split']);
  });
});

describe('narration markup', () => {
  it('parses code, strong, links and source references', () => {
    expect(parseMarkup('See {__remove_pages@rfc-v1} and `gpu0`, **freed**, [thread](https://lore.kernel.org/linux-mm/x/) or {add_memory}.')).toEqual([
      { t: 'text', v: 'See ' },
      { t: 'fn', fn: '__remove_pages', kernel: 'rfc-v1', ran: true },
      { t: 'text', v: ' and ' },
      { t: 'code', v: 'gpu0' },
      { t: 'text', v: ', ' },
      { t: 'strong', v: 'freed' },
      { t: 'text', v: ', ' },
      { t: 'link', text: 'thread', url: 'https://lore.kernel.org/linux-mm/x/' },
      { t: 'text', v: ' or ' },
      { t: 'fn', fn: 'add_memory', kernel: null, ran: true },
      { t: 'text', v: '.' },
    ]);
    expect(plainText('{shrink_zone_span@v5.5} in `mm`')).toBe('shrink_zone_span() in mm');
  });

  it('parses named-only functions, glossary terms and engine slots', () => {
    expect(parseMarkup('{~online_pages} [[span]] [[onlined|online]] {{spanned:Movable}} {{ret}}').filter((t) => t.t !== 'text')).toEqual([
      { t: 'fn', fn: 'online_pages', kernel: null, ran: false },
      { t: 'term', text: 'span', term: 'span' },
      { t: 'term', text: 'onlined', term: 'online' },
      { t: 'slot', kind: 'spanned', arg: 'Movable' },
      { t: 'slot', kind: 'ret', arg: '' },
    ]);
    expect(plainText('spans {{spanned:Movable}} pages', (k, a) => (k === 'spanned' && a === 'Movable' ? '42' : null))).toBe('spans 42 pages');
  });

  it('rejects a source reference to a kernel that does not exist', () => {
    expect(() => parseMarkup('{add_memory@v9.9}')).toThrow(/unknown kernel "v9.9"/);
  });
});
