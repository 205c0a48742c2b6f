/**
 * `matrix FILE... [--kernel ID]... [--json]`, run from the TypeScript source (all cases in one
 * tsx process, test-support/run-source-cases.ts; bundle-matches-source.test.ts checks that the
 * bundle prints the same). The golden texts name their kernels, so a kernel added to the
 * registry changes only the default-kernels case, which reads the registry itself.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadScenario } from '../test-support/load-scenario';
import { encodeLink, reviewMatrix, toMachineInput, VARIANTS } from '../index';

const ROOT = path.resolve(import.meta.dirname, '../..');
const S1 = 'test-scenarios/notes/s1-add-never-online-remove.json';
const S5 = 'test-scenarios/notes/s5-hmm-private.json';
const S5_PUBLIC = 'test-scenarios/notes/s5-hmm-public-then-other-driver.json';
const S6 = 'test-scenarios/notes/s6-pmem-altmap.json';
const STACK_FRAME = /\n\s+at .*:\d+:\d+/;
const s5 = loadScenario('notes/s5-hmm-private.json');
/** S5's share link under rfc-v1, as `url` prints it */
const S5_LINK = '/' + encodeLink({ scenario: { ...s5, kernel: 'rfc-v1', cursor: 2 }, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore' });

interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

const CASES = {
  text: ['matrix', S1, S5, '--kernel', 'v4.18', '--kernel', 'rfc-v1', '--kernel', 'v5.5'],
  json: ['matrix', S5_PUBLIC, S6, '--kernel', 'rfc-v1', '--kernel=rfc-v2', '--json'],
  allKernels: ['matrix', S5],
  unreadable: ['matrix', S5, 'test-scenarios/no-such-file.json', 'test-scenarios'],
  invalid: ['matrix', 'test-scenarios/bad/truncated-json.json', S5, 'test-scenarios/bad/unknown-op-typo.json'],
  twice: ['matrix', S5, '--kernel', 'v5.5', '--kernel', 'v5.5'],
  step: ['matrix', S5, '--step', '1'],
  show: ['matrix', S5, '--show', 'iomem'],
  noFile: ['matrix', '--kernel', 'v5.5'],
  jsonOnReplay: ['replay', S5, '--json'],
  link: ['matrix', S5_LINK, '--kernel', 'rfc-v1'],
} satisfies Record<string, string[]>;

let out: Record<keyof typeof CASES, Result>;

beforeAll(() => {
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/test-support/run-source-cases.ts', JSON.stringify(names.map((n) => CASES[n]))], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`run-source-cases.ts failed (status ${r.status}):\n${r.stderr}`);
  const results = JSON.parse(r.stdout) as Result[];
  const text = (b: string) => Buffer.from(b, 'base64').toString('utf8');
  out = Object.fromEntries(names.map((n, i) => [n, { status: results[i]!.status, stdout: text(results[i]!.stdout), stderr: text(results[i]!.stderr) }])) as typeof out;
}, 90_000);

function ok(r: Result): string {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('matrix output', () => {
  test('the text: a grid of marks, then every cell in words (golden: S1 and S5 under v4.18, rfc-v1, v5.5)', async () => {
    await expect(ok(out.text)).toMatchFileSnapshot('golden/matrix-s1-s5.txt');
  });

  test('--json: the matrix itself (golden), the same cells the public entry computes', async () => {
    const text = ok(out.json);
    await expect(text).toMatchFileSnapshot('golden/matrix-s5-public-s6.json');
    const rows = [S5_PUBLIC, S6].map((f) => {
      const s = loadScenario(path.relative('test-scenarios', f));
      return { id: f, title: s.title, config: s.config, machine: toMachineInput(s.machine), steps: s.steps };
    });
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(reviewMatrix(rows, ['rfc-v1', 'rfc-v2']))));
  });

  test('no --kernel: a column for every kernel the registry holds, in its order', () => {
    const lines = ok(out.allKernels).split('\n');
    const kernels = Object.keys(VARIANTS);
    expect(lines[0]).toBe(`review matrix: 1 scenario under ${kernels.length} kernels`);
    expect(lines[3]!.split(/\s+/)).toEqual(['scenario', ...kernels]);
    expect(lines[4]!.split(/\s+/)).toHaveLength(kernels.length + 1);
    for (const k of kernels) expect(lines.some((l) => l.startsWith(`  ${k} `))).toBe(true);
  });

  test('a share link is a FILE too: its scenario is the row, named by the link', () => {
    const lines = ok(out.link).split('\n');
    expect(lines[4]).toBe(`${S5_LINK}  finds@2`);
    expect(lines[6]).toBe(`${S5_LINK}: ${s5.title} (2 steps)`);
  });
});

describe('matrix refuses bad input: status 2, every problem on stderr, nothing on stdout', () => {
  test('every FILE that cannot be read is named, and nothing runs', () => {
    const r = out.unreadable;
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/cannot read test-scenarios\/no-such-file\.json: no such file or directory/);
    expect(r.stderr).toMatch(/cannot read test-scenarios: it is a directory/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  test('every FILE that is not a scenario is named with its errors, and nothing runs', () => {
    const r = out.invalid;
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^test-scenarios\/bad\/truncated-json\.json: not a valid scenario:\n {2}not valid JSON/);
    expect(r.stderr).toMatch(/\ntest-scenarios\/bad\/unknown-op-typo\.json: not a valid scenario:\n {2}step 1: unknown op "add_memroy"/);
    expect(r.stderr).not.toContain(S5);
  });

  test.each([
    ['twice', /--kernel v5\.5 is given twice/],
    ['step', /matrix runs every step of each FILE: it takes no --step/],
    ['show', /matrix takes no --show/],
    ['noFile', /missing FILE/],
    ['jsonOnReplay', /unknown option "--json"/],
  ] as const)('usage: %s', (name, message) => {
    const r = out[name];
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('hotplug-explorer matrix FILE... [--kernel ID [--switch NAME=VALUE]...]... [--json]');
  });
});
