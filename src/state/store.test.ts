import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { InProcessEngineClient } from '../worker/engine-client';
import { createAppStore, viewsReady } from './store';

const M = 2 ** 20;

/** Lets the in-process engine answer everything asked so far. */
async function settle(store: ReturnType<typeof createAppStore>): Promise<void> {
  for (let i = 0; i < 20 && !viewsReady(store.getState()); i++) await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => setTimeout(r, 0));
}

describe('the app store over the in-process engine', () => {
  it('runs the scenario, steps by lookup and loads each step\'s trace', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    const s = store.getState();
    expect(s.runs?.[0]?.kernel).toBe('rfc-v1');
    expect(s.runs?.[0]?.stateCount).toBe(DEFAULT_SCENARIO.steps.length + 1);
    expect(s.shown?.state.step).toBe(0);
    s.goTo(6);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().trace?.step).toBe(6);
    expect(store.getState().trace?.nodes[0]).toMatchObject({ k: 'call', fn: 'hmm_devmem_remove' });
  });

  it('edits are undoable and redoable, and each one re-runs the engine', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    await store.getState().appendStep({ op: 'add_memory', nid: 0, start: 2 ** 33, size: 128 * M });
    expect(store.getState().scenario.steps.length).toBe(8);
    expect(store.getState().cursor).toBe(8);
    expect(store.getState().runs?.[0]?.steps[7]?.ret).toBe(0);
    await store.getState().undo();
    expect(store.getState().scenario.steps.length).toBe(7);
    expect(store.getState().runs?.[0]?.steps.length).toBe(7);
    await store.getState().redo();
    expect(store.getState().scenario.steps.length).toBe(8);
  });

  it('compares two kernels in lockstep and keeps the diff of every step', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO, { kernel: 'v4.18', compare: 'rfc-v1' });
    const { runs, firstDiff } = store.getState();
    expect(runs?.map((r) => r.kernel)).toEqual(['v4.18', 'rfc-v1']);
    expect(firstDiff).toBe(3);
    store.getState().goTo(6);
    await settle(store);
    expect(store.getState().shown?.diff?.log.onlyB).toEqual(['Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>']);
    expect(store.getState().shown?.compare?.step).toBe(6);
  });

  it('drops a reply to a question no longer asked', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    const first = store.getState().setKernel('v4.18');
    const second = store.getState().setKernel('v5.5');
    await Promise.all([first, second]);
    expect(store.getState().runs?.[0]?.kernel).toBe('v5.5');
  });
});
