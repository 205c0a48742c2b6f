import { describe, expect, it } from 'vitest';
import { matrixCell, type MatrixRowInput, reviewMatrix } from './matrix';
import { cellMark, cellText } from './views/matrix-text';
import { DEFAULT_CONFIG, type KernelId, type MachineInput } from './ops';
import { runFile, loadScenario } from '../test-support/load-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { VARIANTS } from './variants';

const row = (file: string): MatrixRowInput => {
  const s = loadScenario(file);
  return { id: file, title: s.title, config: s.config, machine: toMachineInput(s.machine), steps: s.steps };
};
const cellOf = (file: string, kernel: KernelId) => matrixCell(runFile(file, kernel));

describe('a matrix cell', () => {
  it('a BUG says where: the step and the function that hit it, and the findings beside it', () => {
    const c = cellOf('notes/s1-add-never-online-remove.json', 'v4.18');
    expect(c.outcome).toBe('bug');
    expect(c.bug).toMatchObject({ step: 2, fn: 'arch_remove_memory' });
    expect(c.findings.map((f) => [f.code, f.step, f.fn])).toEqual([['uninitialized-memmap-read', 2, 'arch_remove_memory']]);
    expect(c.firstWrong).toBe(2);
    expect(cellMark(c)).toBe('BUG@2');
    expect(cellText(c)).toBe('BUG at step 2 in arch_remove_memory(); findings: uninitialized-memmap-read at step 2 in arch_remove_memory()');
  });

  it('RFC v1 still BUGs on S1, one function further on (unregister_mem_sect_under_nodes)', () => {
    expect(cellOf('notes/s1-add-never-online-remove.json', 'rfc-v1').bug?.fn).toBe('unregister_mem_sect_under_nodes');
  });

  it('findings without a BUG: each code once, in the order first raised, from the first step that went wrong', () => {
    const c = cellOf('notes/s5-hmm-private.json', 'rfc-v1');
    expect(c.outcome).toBe('findings');
    expect(c.bug).toBeNull();
    expect(c.findings.map((f) => f.code)).toEqual(['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release', 'stale-zone-span']);
    expect(c.firstWrong).toBe(2);
    expect(cellMark(c)).toBe('finds@2');
    expect(cellText(c)).toMatch(/^findings: resource-released-while-owned at step 2 in __remove_pages\(\), use-after-free at step 2 in hmm_devmem_radix_release\(\)/);
  });

  it('the first step that went wrong is the earliest of them, not the first listed', () => {
    const c = cellOf('notes/s5-hmm-public-then-other-driver.json', 'rfc-v1');
    expect(c.findings.map((f) => f.step)).toEqual([2, 2, 2, 3]);
    expect(c.firstWrong).toBe(2);
  });

  it('clean: no BUG, no findings, nothing to open at', () => {
    const c = cellOf('notes/s5-hmm-private.json', 'v4.18');
    expect(c).toMatchObject({ outcome: 'clean', bug: null, findings: [], refused: [], firstWrong: null });
    expect(cellMark(c)).toBe('clean');
    expect(cellText(c)).toBe('clean: no BUG, no findings');
  });

  it('a refused step keeps the cell clean but is said, and is where the cell opens', () => {
    const steps = [
      { op: 'add_memory', nid: 0, start: 0x140000000, size: 128 * 2 ** 20 },
      { op: 'offline', start: 0x140000000, size: 2 ** 20 },
    ] as const;
    const m = reviewMatrix([{ id: 'x', title: 'x', config: DEFAULT_CONFIG, machine: { kind: 'ram', ram: [{ start: 0x100000, size: 0xbff00000, nid: 0 }] }, steps }], ['v5.5']);
    const c = m.rows[0]!.cells[0]!;
    expect(c).toMatchObject({ outcome: 'clean', refused: [{ step: 2, ret: -22 }], firstWrong: 2 });
    expect(cellMark(c)).toBe('refused@2');
    expect(cellText(c)).toBe('clean: no BUG, no findings; refused: step 2 returned -22 (-EINVAL)');
  });
});

describe('the review matrix', () => {
  it('runs every kernel the registry holds when none are named, in its order', () => {
    const m = reviewMatrix([row('notes/s1-add-never-online-remove.json')]);
    expect(m.kernels).toEqual(Object.keys(VARIANTS));
    expect(m.rows[0]!.cells.map((c) => c.kernel)).toEqual(Object.keys(VARIANTS));
  });

  it('one row per scenario, one cell per kernel named, each the cell of that run', () => {
    const files = ['notes/s1-add-never-online-remove.json', 'notes/s5-hmm-private.json'];
    const kernels: KernelId[] = ['rfc-v1', 'v5.5'];
    const progress: [number, number][] = [];
    const m = reviewMatrix(files.map(row), kernels, (d, t) => progress.push([d, t]));
    expect(m.rows.map((r) => [r.id, r.steps])).toEqual([
      [files[0], 2],
      [files[1], 2],
    ]);
    for (const [i, f] of files.entries()) expect(m.rows[i]!.cells).toEqual(kernels.map((k) => cellOf(f, k)));
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('a scenario the engine cannot run under a kernel is an error cell; the other rows still run', () => {
    const broken = { kind: 'iomem', entries: null } as unknown as MachineInput;
    const m = reviewMatrix([{ id: 'broken', title: 'b', config: DEFAULT_CONFIG, machine: broken, steps: [] }, row('notes/s5-hmm-private.json')], ['v4.18']);
    expect(m.rows[0]!.cells[0]).toMatchObject({ outcome: 'error', firstWrong: null });
    expect(cellText(m.rows[0]!.cells[0]!)).toMatch(/^the engine could not run it: /);
    expect(m.rows[1]!.cells[0]!.outcome).toBe('clean');
  });
});
