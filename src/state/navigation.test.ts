import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { InProcessEngineClient } from '../worker/in-process-client';
import { keepGrades } from './lesson-grades';
import { startLesson } from './open-lesson';
import { createAppStore, viewsReady } from './store';

const M = 2 ** 20;
/** The ZONE_DEVICE lesson (lesson 4): its questions differ between kernels, which these tests need. */
const LESSON_ZD = LESSONS.find((l) => l.id === 'zone-device-resource')!;

async function settle(store: ReturnType<typeof createAppStore>): Promise<void> {
  for (let i = 0; i < 20 && !viewsReady(store.getState()); i++) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => setTimeout(r, 0));
}

/** The default scenario with one step of the user's own, shown at step 3 under v4.18 on the blocks tab. */
async function withUserWork() {
  const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
  await store.getState().openScenario(DEFAULT_SCENARIO);
  await store.getState().appendStep({ op: 'add_memory', nid: 0, start: 2 ** 33, size: 128 * M });
  await store.getState().setKernel('v4.18');
  store.getState().goTo(3);
  store.getState().setTab('blocks');
  await settle(store);
  return { store, mine: store.getState().scenario };
}

describe('opening something over the user\'s work keeps it', () => {
  it('a lesson: one undo brings the scenario, kernel, step and tab back', async () => {
    const { store, mine } = await withUserWork();
    await startLesson(store, LESSON_ZD);
    expect(store.getState().lesson?.id).toBe(LESSON_ZD.id);
    expect(store.getState().yours?.scenario).toBe(mine);
    await store.getState().undo();
    const s = store.getState();
    expect(s.scenario).toBe(mine);
    expect([s.kernel, s.cursor, s.tab, s.lesson, s.yours]).toEqual(['v4.18', 3, 'blocks', null, null]);
    expect(s.runs?.[0]?.steps.length).toBe(8);
  });

  it('"Back to your scenario" restores it too, and leaves what was opened one undo away', async () => {
    const { store, mine } = await withUserWork();
    await startLesson(store, LESSON_ZD);
    // a second lesson over the first keeps the same work
    await startLesson(store, LESSONS[0]!);
    expect(store.getState().yours?.scenario).toBe(mine);
    await store.getState().backToYours();
    const s = store.getState();
    expect([s.scenario, s.kernel, s.cursor, s.tab, s.yours, s.lesson]).toEqual([mine, 'v4.18', 3, 'blocks', null, null]);
    expect(s.past.at(-1)).toBe(LESSONS[0]!.scenario);
  });

  it('a file opened over it is kept the same way', async () => {
    const { store, mine } = await withUserWork();
    await store.getState().editScenario({ ...LESSON_ZD.scenario, title: 'a file' }, 0, { kernel: 'rfc-v1', opened: true });
    expect(store.getState().yours?.scenario).toBe(mine);
    // the file is what was opened now: nothing of the user's in it yet
    await startLesson(store, LESSON_ZD);
    expect(store.getState().yours?.scenario).toBe(mine);
  });

  it('nothing to keep when the scenario is as it was opened (a kernel chosen is not work)', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    await store.getState().setKernel('v5.5');
    await startLesson(store, LESSON_ZD);
    expect(store.getState().yours).toBeNull();
    expect(store.getState().past).toEqual([]);
  });
});

describe('a prediction\'s grade belongs to its question', () => {
  it('is taken under the kernel it was asked under and kept across kernel switches and compare', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    const stop = keepGrades(store);
    await startLesson(store, LESSON_ZD);
    store.getState().goTo(1);
    await settle(store);
    store.getState().answerPrediction(2, 'driver');
    await settle(store);
    const graded = store.getState().lesson?.answers[2];
    expect(graded).toMatchObject({ step: 2, choice: 'driver', kernel: 'rfc-v1', grade: { ran: true, correct: ['core'] } });
    // under v4.18 the driver does release it: a grade read from the screen would flip
    await store.getState().setKernel('v4.18');
    await settle(store);
    expect(store.getState().lesson?.answers[2]).toEqual(graded);
    await store.getState().setCompare('v5.5');
    await settle(store);
    expect(store.getState().lesson?.answers[2]).toEqual(graded);
    stop();
  });

  it('an answer left before its step was shown is graded under its own kernel, not the one shown', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    const stop = keepGrades(store);
    await startLesson(store, LESSON_ZD);
    // answered under RFC v1 at boot (so step 2 is not shown yet), then step 2 seen under v4.18
    store.getState().answerPrediction(2, 'driver');
    await store.getState().setKernel('v4.18');
    store.getState().goTo(2);
    await settle(store);
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().lesson?.answers[2]?.grade).toBeUndefined();
    await store.getState().setKernel('rfc-v1');
    await settle(store);
    expect(store.getState().lesson?.answers[2]?.grade?.correct).toEqual(['core']);
    stop();
  });
});
