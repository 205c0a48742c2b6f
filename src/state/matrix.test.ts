import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { InProcessEngineClient } from '../worker/in-process-client';
import { matrixInputs, matrixRows, OPEN_ROW_ID } from './matrix-rows';
import { openMatrixCell } from './open-matrix-cell';
import { createAppStore } from './store';

const NOTES = path.resolve(import.meta.dirname, '../../test-scenarios/notes');

describe('the review matrix rows', () => {
  it('every notes scenario (S1–S8) in file order, the lessons not among them, and the scenario open now last', () => {
    const rows = matrixRows(DEFAULT_SCENARIO);
    const files = readdirSync(NOTES).filter((f) => f.endsWith('.json')).sort().map((f) => f.slice(0, -5));
    expect(rows.slice(0, files.length).map((r) => r.id)).toEqual(files);
    expect(rows.at(-1)).toMatchObject({ id: OPEN_ROW_ID, open: true, scenario: DEFAULT_SCENARIO });
    expect(rows.filter((r) => r.open)).toHaveLength(1);
    // each lesson's scenario runs in exactly one row: its own, or a notes file with the same steps
    const key = (s: (typeof rows)[number]['scenario']) => JSON.stringify([s.config, s.machine, s.steps]);
    for (const l of LESSONS) expect(rows.filter((r) => !r.open && key(r.scenario) === key(l.scenario)), l.id).toHaveLength(1);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});

describe('opening a matrix cell', () => {
  it('another row: its scenario under that kernel at that step, and the user\'s scenario one undo away', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    const row = matrixRows(DEFAULT_SCENARIO).find((r) => r.id === 's1-add-never-online-remove')!;
    expect(await openMatrixCell(store, row, 'v4.18', 2)).toBe('done');
    const s = store.getState();
    expect([s.scenario.title, s.kernel, s.cursor]).toEqual([row.scenario.title, 'v4.18', 2]);
    expect(s.runs?.[0]).toMatchObject({ kernel: 'v4.18', haltedAt: 2 });
    await store.getState().undo();
    expect(store.getState().scenario.steps).toEqual(DEFAULT_SCENARIO.steps);
  });

  it('the row of the scenario open now: the same scenario, another kernel and step, nothing added to undo', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO);
    const row = matrixRows(DEFAULT_SCENARIO).at(-1)!;
    expect(await openMatrixCell(store, row, 'v5.5', 3)).toBe('done');
    const s = store.getState();
    expect([s.scenario.steps, s.kernel, s.cursor, s.past.length]).toEqual([DEFAULT_SCENARIO.steps, 'v5.5', 3, 0]);
  });

  it('the store computes the matrix of the rows under every kernel and leaves what is shown alone', async () => {
    const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
    await store.getState().openScenario(DEFAULT_SCENARIO, { step: 4 });
    const rows = matrixRows(DEFAULT_SCENARIO);
    const reply = await store.getState().reviewMatrix(matrixInputs(rows));
    if (reply.kind !== 'matrix') throw new Error(reply.message);
    expect(reply.matrix.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const s5 = reply.matrix.rows.find((r) => r.id === 's5-hmm-private')!;
    expect(s5.cells.find((c) => c.kernel === 'rfc-v1')).toMatchObject({ outcome: 'findings', firstWrong: 2 });
    expect(store.getState().cursor).toBe(4);
    expect(store.getState().runs?.[0]?.kernel).toBe(DEFAULT_SCENARIO.kernel);
  });
});
