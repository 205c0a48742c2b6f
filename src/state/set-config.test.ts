import { expect, it } from 'vitest';
import { LESSON_NEVER_ONLINED } from '../lessons/lesson-3-never-onlined';
import { InProcessEngineClient } from '../worker/in-process-client';
import { startLesson } from './open-lesson';
import { createAppStore } from './store';

/** Lesson 3's debug_vm switch: the run changes, the lesson and the step shown stay. */
it('setConfig turns debug_vm off without ending the lesson: RFC v1 removes block 40 with a finding instead of a BUG', async () => {
  const store = createAppStore(new InProcessEngineClient(), LESSON_NEVER_ONLINED.scenario);
  await startLesson(store, LESSON_NEVER_ONLINED, { step: 2, kernel: 'rfc-v1' });
  store.getState().answerPrediction(2, 'deeper');
  const step2 = () => store.getState().runs![0]!.steps[1]!;
  expect(step2().bug).toBe(true);

  store.getState().recordGrade(2, { ran: true, correct: ['deeper'], observed: 'kept before the switch' });
  expect(store.getState().lesson!.answers[2]!.grade).toBeDefined();
  expect(await store.getState().setConfig({ debug_vm: false })).toBe('done');
  // the question is now asked of another run: its kept grade goes, to be taken again
  expect(store.getState().lesson!.answers[2]!.grade).toBeUndefined();
  const s = store.getState();
  expect(s.scenario.config.debug_vm).toBe(false);
  expect(s.lesson).toMatchObject({ id: LESSON_NEVER_ONLINED.id, answers: { 2: { choice: 'deeper', kernel: 'rfc-v1' } } });
  expect(s.cursor).toBe(2);
  expect(s.kernel).toBe('rfc-v1');
  expect(step2()).toMatchObject({ bug: false, ret: 0 });
  expect(step2().findings.map((f) => f.code)).toEqual(['uninitialized-memmap-read']);

  await store.getState().setConfig({ debug_vm: true });
  expect(step2().bug).toBe(true);
  expect(store.getState().lesson?.id).toBe(LESSON_NEVER_ONLINED.id);
});

it('setConfig refuses a setting the scenario does not have, or a value of the wrong type, and changes nothing', async () => {
  const store = createAppStore(new InProcessEngineClient(), LESSON_NEVER_ONLINED.scenario);
  await startLesson(store, LESSON_NEVER_ONLINED);
  const before = store.getState().scenario;
  expect(await store.getState().setConfig({ debug_vm: 'no' } as never)).toBeNull();
  expect(store.getState().alert).toMatch(/debug_vm="no" is not a setting/);
  expect(await store.getState().setConfig({ no_such: true } as never)).toBeNull();
  expect(store.getState().scenario).toBe(before);
  expect(store.getState().lesson?.id).toBe(LESSON_NEVER_ONLINED.id);
});
