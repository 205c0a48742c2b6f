import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { LESSON_NEVER_ONLINED } from '../lessons/lesson-3-never-onlined';
import type { Scenario } from '../scenario/types';
import { VARIANTS } from '../engine/variants';
import { EngineHost } from './engine-host';
import { PROTOCOL_VERSION, type Reply, type Request, transferablesOf } from './protocol';

let id = 0;
type Body = Request extends infer R ? (R extends Request ? Omit<R, 'v' | 'id' | 'gen'> : never) : never;
const ask = (host: EngineHost, body: Body, onProgress?: (d: number, t: number) => void): Reply =>
  host.handle({ ...body, v: PROTOCOL_VERSION, id: ++id, gen: 1 } as Request, onProgress);
const runOf = (s: Scenario, kernels = [s.kernel]) => ({ kind: 'run' as const, input: { kernels, config: s.config, machine: toMachineInput(s.machine), steps: s.steps } });

describe('the engine host owns the runs and answers for one step at a time', () => {
  it('replies to a run with the steps and counts only, and to a state request with that state', () => {
    const host = new EngineHost();
    const run = ask(host, runOf(DEFAULT_SCENARIO));
    expect(run.kind).toBe('run');
    if (run.kind !== 'run') return;
    expect(run.runs[0]).toMatchObject({ kernel: 'rfc-v1', stateCount: 8, haltedAt: null });
    expect(Object.keys(run.runs[0]!)).not.toContain('states');
    expect(run.firstDiff).toBeNull();
    const st = ask(host, { kind: 'state', kernel: 'rfc-v1', step: 5 });
    expect(st.kind).toBe('state');
    if (st.kind !== 'state') return;
    expect(st.state.step).toBe(5);
    expect(st.state.iomemText).toContain('gpu0');
    // the section arrays are the reply's own, to transfer
    expect(transferablesOf(st)).toEqual([st.state.sections.nr.buffer, st.state.sections.words.buffer]);
    expect(transferablesOf(run)).toEqual([]);
  });

  it('a warm-up runs the engine and keeps none of it: the runs shown stay', () => {
    const host = new EngineHost();
    ask(host, runOf(DEFAULT_SCENARIO));
    const warmed = ask(host, { kind: 'warm-up' });
    expect(warmed).toMatchObject({ kind: 'warmed' });
    const st = ask(host, { kind: 'state', kernel: 'rfc-v1', step: 5 });
    expect(st.kind === 'state' && st.state.iomemText).toContain('gpu0');
    expect(ask(host, { kind: 'state', kernel: 'v5.5', step: 1 })).toMatchObject({ kind: 'error' });
  });

  it('a matrix runs every row under every kernel with progress, and keeps none of it: the runs shown stay', () => {
    const host = new EngineHost();
    ask(host, runOf(DEFAULT_SCENARIO));
    const s = LESSON_NEVER_ONLINED.scenario;
    const row = { id: 'l2', title: s.title, config: s.config, machine: toMachineInput(s.machine), steps: s.steps };
    const progress: number[] = [];
    const m = ask(host, { kind: 'matrix', rows: [row], kernels: ['v4.18', 'v5.5'] }, (d) => progress.push(d));
    if (m.kind !== 'matrix') throw new Error(m.kind);
    expect(m.matrix.rows[0]!.cells.map((c) => c.outcome)).toEqual(['bug', 'clean']);
    expect(progress).toEqual([0, 1, 2]);
    expect(transferablesOf(m)).toEqual([]);
    // null kernels: every kernel the engine holds
    const all = ask(host, { kind: 'matrix', rows: [row], kernels: null });
    expect(all.kind === 'matrix' && all.matrix.kernels).toEqual(Object.keys(VARIANTS));
    const st = ask(host, { kind: 'state', kernel: 'rfc-v1', step: 5 });
    expect(st.kind === 'state' && st.state.iomemText).toContain('gpu0');
    expect(ask(host, { kind: 'state', kernel: 'v4.18', step: 1 })).toMatchObject({ kind: 'error' });
  });

  it('shows the state at the BUG for the steps after it', () => {
    const host = new EngineHost();
    const s = LESSON_NEVER_ONLINED.scenario;
    const run = ask(host, runOf(s, ['v4.18']));
    if (run.kind !== 'run') throw new Error(run.kind);
    const halted = run.runs[0]!.haltedAt!;
    expect(halted).toBeGreaterThan(0);
    const st = ask(host, { kind: 'state', kernel: 'v4.18', step: s.steps.length });
    expect(st).toMatchObject({ kind: 'state', state: { step: halted } });
  });

  it('says which kernel or step it has no state for', () => {
    const host = new EngineHost();
    expect(ask(host, { kind: 'state', kernel: 'v5.5', step: 0 })).toMatchObject({ kind: 'error', message: 'no run of v5.5 to read a state from' });
    ask(host, runOf(DEFAULT_SCENARIO));
    expect(ask(host, { kind: 'state', kernel: 'v5.5', step: 0 })).toMatchObject({ kind: 'error', message: 'no run of v5.5 to read a state from' });
    expect(ask(host, { kind: 'state', kernel: 'rfc-v1', step: 8 })).toMatchObject({ kind: 'error', message: 'the run of rfc-v1 has no step 8 (it has 0 to 7)' });
    expect(ask(host, { kind: 'state', kernel: 'rfc-v1', step: -1 })).toMatchObject({ kind: 'error' });
    expect(ask(host, { kind: 'diff', step: 1 })).toMatchObject({ kind: 'error', message: 'no two runs to compare' });
  });

  it('reports a run\'s progress up to the total, and a compare finds the first step where the kernels part', () => {
    const host = new EngineHost();
    const seen: [number, number][] = [];
    const run = ask(host, runOf(DEFAULT_SCENARIO, ['v4.18', 'rfc-v1']), (d, t) => seen.push([d, t]));
    expect(run).toMatchObject({ kind: 'run', firstDiff: 3 });
    const total = seen[0]![1];
    expect(total).toBeGreaterThan(2 * 7);
    expect(seen.every(([, t]) => t === total)).toBe(true);
    const done = seen.map(([d]) => d);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(total);
    expect(ask(host, { kind: 'diff', step: 6 })).toMatchObject({ kind: 'diff', step: 6, diff: { log: { onlyB: ['Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>'] } } });
  });

  it('a run abandoned from its progress callback keeps the runs it had', () => {
    const host = new EngineHost();
    ask(host, runOf(DEFAULT_SCENARIO));
    const stop = ask(host, runOf({ ...DEFAULT_SCENARIO, kernel: 'v5.5' }), (d) => {
      if (d === 3) throw new Error('stopped');
    });
    expect(stop).toMatchObject({ kind: 'error', message: 'stopped' });
    expect(ask(host, { kind: 'state', kernel: 'rfc-v1', step: 7 }).kind).toBe('state');
    expect(ask(host, { kind: 'state', kernel: 'v5.5', step: 7 }).kind).toBe('error');
  });
});
