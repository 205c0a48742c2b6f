import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { InProcessEngineClient } from '../worker/in-process-client';
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

  it('drops a run reply that comes in after a newer one', async () => {
    const client = new LateRunsClient();
    const store = createAppStore(client, DEFAULT_SCENARIO);
    const first = store.getState().setKernel('v4.18');
    const second = store.getState().setKernel('v5.5');
    while (client.held.length < 2) await new Promise((r) => setTimeout(r, 0));
    // the newer run answers first, the older one last
    client.held[1]!();
    await second;
    client.held[0]!();
    await Promise.all([first, second]);
    await settle(store);
    expect(store.getState().runs?.[0]?.kernel).toBe('v5.5');
    expect(store.getState().kernel).toBe('v5.5');
  });
});

/**
 * The in-process engine whose run replies wait until the test lets each go, so they can
 * arrive out of order; it answers even a run the store cancelled, as a reply already on
 * its way would arrive.
 */
class LateRunsClient extends InProcessEngineClient {
  held: (() => void)[] = [];
  override async request(body: Parameters<InProcessEngineClient['request']>[0]) {
    const reply = await super.request(body);
    if (body.kind === 'run') await new Promise<void>((go) => this.held.push(go));
    return reply;
  }
}

/** The in-process engine, recording what it is asked; state replies wait until the test lets them go, in any order. */
class GatedClient extends InProcessEngineClient {
  asked: { kind: string; step?: number }[] = [];
  gate = false;
  held: { gen: number; step: number; go(): void }[] = [];
  override async request(body: Parameters<InProcessEngineClient['request']>[0], opts?: Parameters<InProcessEngineClient['request']>[1]) {
    this.asked.push({ kind: body.kind, ...('step' in body ? { step: body.step } : {}) });
    if (this.gate && body.kind === 'state') await new Promise<void>((go) => this.held.push({ gen: body.gen, step: body.step, go }));
    return super.request(body, opts);
  }
}

describe('the store asks the worker for the views of the step shown', () => {
  it('serves a prefetched step without asking, in the same update as the cursor', async () => {
    const client = new GatedClient();
    const store = createAppStore(client, DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    await settle(store);
    const states = () => client.asked.filter((a) => a.kind === 'state').map((a) => a.step);
    expect(states()).toContain(1); // fetched ahead
    const before = states().length;
    store.getState().goTo(1);
    // no await: the views are there at once
    expect(store.getState().shown?.cursor).toBe(1);
    expect(store.getState().shown?.state.step).toBe(1);
    expect(store.getState().shown?.previous?.step).toBe(0);
    expect(states().slice(before)).not.toContain(1);
    await settle(store);
    expect(viewsReady(store.getState())).toBe(true);
  });

  it('drops a state reply from a run that was replaced, even one that comes in last', async () => {
    const client = new GatedClient();
    const store = createAppStore(client, DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    await settle(store);
    client.gate = true;
    store.getState().goTo(5); // asks for states 5 and 4 of the first run: held
    await new Promise((r) => setTimeout(r, 0));
    const old = client.held.splice(0);
    expect(old.map((h) => h.step).sort()).toEqual([4, 5]);
    // step 5 becomes another step: a new run, whose state 5 differs
    const edit = store.getState().replaceStep(5, { op: 'add_memory', nid: 0, start: 2 ** 33, size: 128 * M });
    for (let i = 0; i < 50 && !client.held.some((h) => h.gen !== old[0]!.gen && h.step === 5); i++) await new Promise((r) => setTimeout(r, 0));
    client.gate = false;
    for (const h of client.held.splice(0)) h.go();
    await edit;
    await settle(store);
    for (const h of old) h.go(); // the old run's replies arrive last
    await settle(store);
    const fresh = () => store.getState().shown?.state.iomemText ?? '';
    expect(fresh()).toContain('200000000-207ffffff : System RAM');
    expect(fresh()).not.toContain('gpu0');
    // and it was not cached either: stepping away and back shows the new run's state 5
    store.getState().goTo(4);
    await settle(store);
    store.getState().goTo(5);
    await settle(store);
    expect(fresh()).toContain('200000000-207ffffff : System RAM');
  });

  it('shows a run\'s progress, and Cancel brings back the scenario, runs and step shown before', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    store.getState().goTo(2);
    await settle(store);
    const before = store.getState();
    const long: typeof DEFAULT_SCENARIO = { ...DEFAULT_SCENARIO, title: 'long', steps: Array.from({ length: 40 }, (_, i) => ({ op: 'add_memory' as const, nid: 0, start: 2 ** 33 + i * 128 * M, size: 128 * M })) };
    const seen: number[] = [];
    const unsub = store.subscribe((s) => {
      if (!s.job || s.job.total === 0) return;
      seen.push(s.job.done);
      if (s.job.done >= 10) s.cancelJob();
    });
    const outcome = await store.getState().editScenario(long, 0);
    unsub();
    expect(outcome).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(5);
    expect(Math.max(...seen)).toBeLessThan(40);
    const after = store.getState();
    expect(after.scenario).toBe(before.scenario);
    expect(after.past).toBe(before.past);
    expect(after.cursor).toBe(2);
    expect(after.runs).toBe(before.runs);
    expect(after.job).toBeNull();
    expect(after.busy).toBe(false);
    await settle(store);
    expect(viewsReady(store.getState())).toBe(true);
    // the engine still has the old runs: another step is read from them
    store.getState().goTo(5);
    await settle(store);
    expect(store.getState().shown?.state.iomemText).toContain('gpu0');
  });
});
