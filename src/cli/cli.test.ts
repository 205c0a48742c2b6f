/**
 * The command line as a user runs it (docs/scenario-format.md §2): each test spawns
 * `node bin/hotplug-explorer.mjs ...` (what `npx hotplug-explorer` and `npm run cli` start: the
 * esbuild bundle in dist-cli/, rebuilt by Vitest's global set-up if the sources changed) from the
 * repository root and checks the exit status, stdout and stderr. Spawns are memoised so one
 * run's output serves several checks. bundle-matches-source.test.ts checks that the bundle
 * prints what the TypeScript source prints.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_DIR, readCapture } from '../test-support/fixture-capture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIFECYCLE = 'test-scenarios/qemu-a-dimm-lifecycle.json';
const LAUNCHER = 'bin/hotplug-explorer.mjs';
/** A stack frame line, "    at fn (file:12:34)": never to be shown for a user's mistake. */
const STACK_FRAME = /\n\s+at .*:\d+:\d+/;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawnNode(args: string[]): Result {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cache = new Map<string, Result>();
/** Runs the CLI once per distinct argument list. */
function cli(...args: string[]): Result {
  const key = JSON.stringify(args);
  let r = cache.get(key);
  if (!r) {
    r = spawnNode([LAUNCHER, ...args]);
    cache.set(key, r);
  }
  return r;
}

/** The run finished normally: status 0, nothing on stderr. Returns stdout. */
function ok(r: Result): string {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

function lines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** One zone's lines of a zoneinfo text: its header up to the next header. */
function zoneBlock(zoneinfo: string, zone: string): string[] {
  const all = lines(zoneinfo);
  const start = all.findIndex((l) => new RegExp(`^Node 0, zone +${zone}$`).test(l));
  expect(start, `zone ${zone} in\n${zoneinfo}`).toBeGreaterThanOrEqual(0);
  const end = all.findIndex((l, i) => i > start && l.startsWith('Node '));
  return all.slice(start, end < 0 ? undefined : end);
}

function scenario(title: string, kernel: string, steps: object[]): string {
  return JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, title, kernel, steps }, null, 2) + '\n';
}

let tmp = '';
let bugFile = '';
let unalignedFile = '';

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'hotplug-cli-test-'));
  bugFile = path.join(tmp, 'v4.18-remove-never-onlined.json');
  // v4.18 remove_memory of memory that was never onlined reads its poisoned memmap and BUG()s.
  writeFileSync(
    bugFile,
    scenario('remove never-onlined memory under v4.18', 'v4.18', [
      { op: 'add_memory', nid: 0, start: '0x100000000', size: '128M' },
      { op: 'remove_memory', nid: 0, start: '0x100000000', size: '128M' },
      { op: 'add_memory', nid: 0, start: '0x100000000', size: '128M' },
    ]),
  );
  unalignedFile = path.join(tmp, 'unaligned-add.json');
  writeFileSync(
    unalignedFile,
    scenario('add_memory at a start that is not block-aligned', 'v5.5', [
      { op: 'add_memory', nid: 0, start: '0x100001000', size: '128M' },
    ]),
  );
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('replay of the recorded pc-dimm lifecycle', () => {
  test('--show iomem after the last step is exactly the /proc/iomem recorded after removal (A04)', () => {
    const out = ok(cli('replay', LIFECYCLE, '--show', 'iomem'));
    expect(out).toBe(readCapture('A04_removed.txt').iomem);
  });

  test('--step 1 --show memory: block_size_bytes first, then one line per block, the added ones offline', () => {
    const out = lines(ok(cli('replay', LIFECYCLE, '--step', '1', '--show', 'memory')));
    expect(out[0]).toBe('block_size_bytes 8000000');
    expect(out).toContain('memory32 phys_index=00000020 state=offline valid_zones=Normal Movable');
    expect(out).toContain('memory39 phys_index=00000027 state=offline valid_zones=Normal Movable');
    for (const l of out.slice(1)) expect(l).toMatch(/^memory\d+ phys_index=[0-9a-f]{8} state=(online|offline) valid_zones=\S.*$/);
  });

  test('--step 3 --show zoneinfo: v4.18 leaves the offlined Movable span, v5.5 shrinks it', () => {
    const v418 = ok(cli('replay', LIFECYCLE, '--step', '3', '--show', 'zoneinfo', '--kernel', 'v4.18'));
    // No start_pfn line: the kernel prints it only for zones with present pages.
    expect(zoneBlock(v418, 'Movable')).toEqual([
      'Node 0, zone  Movable',
      '        spanned  262144',
      '        present  0',
      '        managed  0',
    ]);
    const v55 = ok(cli('replay', LIFECYCLE, '--step', '3', '--show', 'zoneinfo', '--kernel', 'v5.5'));
    expect(zoneBlock(v55, 'Movable')).toEqual(['Node 0, zone  Movable', '        spanned  0', '        present  0', '        managed  0']);
    // Boot zones are untouched and keep their start_pfn lines.
    expect(zoneBlock(v55, 'DMA32')).toEqual([
      'Node 0, zone    DMA32',
      '        spanned  520160',
      '        present  520160',
      '        managed  520160',
      '  start_pfn:           4096',
    ]);
  });

  test('--show trace: the call trees, indented by nesting', () => {
    const out = lines(ok(cli('replay', LIFECYCLE, '--show', 'trace')));
    expect(out[0]).toBe('step 1: add_memory');
    expect(out).toContain('step 4: remove_memory');
    // A call line may end with its source location after the return value.
    expect(out.filter((l) => /^ {2}add_memory\(nid 0, 0x100000000, 0x40000000\) = 0(\s|$)/.test(l))).toHaveLength(1);
    const indent = (re: RegExp): number => {
      const l = out.find((x) => re.test(x));
      expect(l, String(re)).toBeDefined();
      return /^ */.exec(l!)![0].length;
    };
    const addMemory = indent(/^ +add_memory\(/);
    const archAdd = indent(/^ +arch_add_memory\(/);
    const addPages = indent(/^ +__add_pages\(/);
    expect(archAdd).toBeGreaterThan(addMemory);
    expect(addPages).toBeGreaterThan(archAdd);
  });

  test('--step 0 is the boot state; --step 99 of a 4-step scenario is refused with status 2', () => {
    const boot = JSON.parse(ok(cli('replay', LIFECYCLE, '--step', '0', '--show', 'json')));
    expect(boot.step).toBe(0);
    expect(boot.iomem).toBe(readCapture('A00_boot.txt').iomem);
    expect(boot.iomem).toBe(readFileSync(path.join(FIXTURE_DIR, 'qemu-pc-2g.iomem'), 'utf8'));
    expect(boot.memory).not.toMatch(/^memory32 /m);
    expect(lines(boot.memory)).toHaveLength(1 + 16); // block_size_bytes and the 2 GiB of boot memory
    expect(zoneBlock(boot.zoneinfo, 'Movable')).toContain('        spanned  0');
    expect([boot.log, boot.findings, boot.steps, boot.trace]).toEqual([[], [], [], []]);

    const r = cli('replay', LIFECYCLE, '--step', '99');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--step 99/);
    expect(r.stderr).toMatch(/\b4 steps\b/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('a run that BUG()s (v4.18 remove_memory of never-onlined memory)', () => {
  test('--show steps: the BUG step, and with --step 3 the step that did not run', () => {
    // Default step is the last step run, i.e. the one that BUG()ed; steps are listed up to it.
    expect(ok(cli('replay', bugFile, '--show', 'steps'))).toBe('step 1: add_memory = 0\nstep 2: remove_memory = BUG\n');
    expect(ok(cli('replay', bugFile, '--step', '3', '--show', 'steps'))).toBe(
      'step 1: add_memory = 0\nstep 2: remove_memory = BUG\nstep 3: add_memory not run\n',
    );
  });

  test('--show log has the poisoned-page report in the kernel wording', () => {
    const out = lines(ok(cli('replay', bugFile, '--step', '3', '--show', 'log')));
    expect(out).toContain('page:ffffea0004000000 is uninitialized and poisoned');
    expect(out.some((l) => /^kernel BUG at \S+:\d+!$/.test(l))).toBe(true);
  });

  test('--show findings: one "step N: CODE: explanation" line per finding', () => {
    const out = lines(ok(cli('replay', bugFile, '--step', '3', '--show', 'findings')));
    for (const l of out) expect(l).toMatch(/^step \d+: [a-z]+(-[a-z]+)*: \S.*$/);
    const heads = out.map((l) => /^step \d+: [a-z-]+:/.exec(l)![0]);
    expect(heads).toContain('step 2: uninitialized-memmap-read:');
    expect(heads).toContain('step 2: kernel-bug:');
  });

  test('--show json holds the same texts, log, findings, steps and trace as the other --show forms', () => {
    const json = JSON.parse(ok(cli('replay', bugFile, '--step', '3', '--show', 'json')));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['iomem', 'zoneinfo', 'memory', 'log', 'findings', 'steps', 'trace']));
    expect(json.iomem).toBe(ok(cli('replay', bugFile, '--step', '3', '--show', 'iomem')));
    expect(json.zoneinfo).toBe(ok(cli('replay', bugFile, '--step', '3', '--show', 'zoneinfo')));
    expect(json.memory).toBe(ok(cli('replay', bugFile, '--step', '3', '--show', 'memory')));
    // The BUG left the added block in place.
    expect(json.iomem).toContain('\n100000000-107ffffff : System RAM\n');

    expect(json.log).toEqual(lines(ok(cli('replay', bugFile, '--step', '3', '--show', 'log'))));

    expect(json.findings.length).toBeGreaterThan(0);
    for (const f of json.findings) {
      expect(Object.keys(f).sort()).toEqual(['code', 'message', 'step']);
      expect(typeof f.step).toBe('number');
    }
    expect(json.findings.map((f: { step: number; code: string; message: string }) => `step ${f.step}: ${f.code}: ${f.message}`)).toEqual(
      lines(ok(cli('replay', bugFile, '--step', '3', '--show', 'findings'))),
    );

    expect(json.steps).toEqual([
      { step: 1, op: 'add_memory', ret: 0, ran: true },
      { step: 2, op: 'remove_memory', ret: null, ran: true },
      { step: 3, op: 'add_memory', ret: null, ran: false },
    ]);

    expect(Array.isArray(json.trace)).toBe(true);
    expect(json.trace.map((t: { step: number; op: string }) => [t.step, t.op])).toEqual([
      [1, 'add_memory'],
      [2, 'remove_memory'],
    ]);
  });
});

test('a step the kernel refuses (unaligned add_memory) is a result, not an error: -22, its log line, state unchanged', () => {
  expect(ok(cli('replay', unalignedFile, '--show', 'steps'))).toBe('step 1: add_memory = -22\n');
  expect(lines(ok(cli('replay', unalignedFile, '--show', 'log')))).toContain(
    'Block size [0x8000000] unaligned hotplug range: start 0x100001000, size 0x8000000',
  );
  const after = ok(cli('replay', unalignedFile, '--show', 'iomem'));
  expect(after).toBe(ok(cli('replay', unalignedFile, '--step', '0', '--show', 'iomem')));
  expect(after).not.toContain('100001000');
});

test('the bundle run directly (node dist-cli/hotplug-explorer.cjs, no freshness check) is the same CLI', () => {
  const r = spawnNode(['dist-cli/hotplug-explorer.cjs', 'replay', LIFECYCLE, '--show', 'steps']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('step 1: add_memory = 0\nstep 2: online = 0\nstep 3: offline = 0\nstep 4: remove_memory = 0\n');
});

test('--show steps says "void" where the kernel function returns none: v4.18\u2019s remove_memory(), v5.5\u2019s returns 0', () => {
  expect(ok(cli('replay', LIFECYCLE, '--kernel', 'v4.18', '--show', 'steps'))).toBe('step 1: add_memory = 0\nstep 2: online = 0\nstep 3: offline = 0\nstep 4: remove_memory = void\n');
  expect(ok(cli('replay', LIFECYCLE, '--kernel', 'v5.5', '--show', 'steps'))).toMatch(/step 4: remove_memory = 0\n$/);
});

test('a reader that closes the pipe early (`| head`) ends the CLI quietly with status 0', async () => {
  const child = spawn(process.execPath, [LAUNCHER, 'replay', LIFECYCLE, '--show', 'json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The JSON is far bigger than a pipe buffer, so the CLI is bound to write into the closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  expect(stderr).toBe('');
  expect(status).toBe(0);
});

describe('bad input: status 2, a message on stderr, nothing on stdout, no stack trace', () => {
  const bad = (name: string): string => `test-scenarios/bad/${name}`;
  const cases: [string, string[], RegExp[]][] = [
    ['a file that does not exist', ['replay', bad('no-such-file.json')], [/cannot read test-scenarios\/bad\/no-such-file\.json/, /no such file/]],
    ['a file that is not JSON', ['replay', bad('truncated-json.json')], [/not valid JSON/, /line 2 column 1/]],
    ['JSON that is an array', ['replay', bad('json-array-not-scenario.json')], [/not a scenario/, /expected a JSON object/]],
    ['a JSON object that is not a scenario', ['replay', bad('json-object-not-scenario.json')], [/not a Hotplug Explorer scenario/, /"format"/]],
    ['an unknown op', ['replay', bad('unknown-op-typo.json')], [/step 1\b/, /unknown op "add_memroy"/, /did you mean "add_memory"/]],
    ['a missing field', ['replay', bad('add-memory-missing-start.json')], [/step 1 \(add_memory\)/, /"start" is missing/]],
    ['a field that is not a number', ['replay', bad('start-not-a-number.json')], [/step 1 \(add_memory\)/, /"start"/, /"0x14000000g" is not a number/]],
    ['a number beyond 64 bits', ['replay', bad('size-beyond-64-bits.json')], [/step 1 \(add_memory\)/, /"size"/, /beyond 64 bits/]],
    ['a format version from the future', ['replay', bad('version-from-the-future.json')], [/version 2/, /newer than/]],
    ['a machine.iomem that is not /proc/iomem', ['replay', bad('iomem-garbage-line.json')], [/machine\.iomem/, /line 1/, /"garbage line"/]],
    [
      'a /proc/iomem read without root (all addresses zero)',
      ['replay', bad('iomem-read-as-non-root.json')],
      [/machine\.iomem/, /every address .* is 0/, /root/],
    ],
    ['an unknown --kernel', ['replay', LIFECYCLE, '--kernel', 'v9.9'], [/unknown kernel "v9\.9"/, /v4\.18, rfc-v1, rfc-v2, v5\.5/]],
    ['an unknown --show', ['replay', LIFECYCLE, '--show', 'iomm'], [/--show takes one of iomem, zoneinfo/, /not "iomm"/]],
    ['a --step that is not a step number', ['replay', LIFECYCLE, '--step', '-1'], [/--step needs a step number/, /not "-1"/]],
  ];

  test.each(cases)('%s', (_what, args, patterns) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_FRAME);
    for (const p of patterns) expect(r.stderr).toMatch(p);
  });

  test('every bad fixture names its own file in the message', () => {
    for (const [, args] of cases) {
      if (args[1]!.startsWith('test-scenarios/bad/')) expect(cli(...args).stderr).toContain(args[1]!);
    }
  });
});

describe('input that once crashed the reader or the replay with "internal error" (status 1)', () => {
  test('remove_memory from 4 GiB with size 0x3ffff0000000 (past 2^46) is a refused step: status 0, -7 under every kernel', () => {
    const file = path.join(tmp, 'remove-past-the-top.json');
    writeFileSync(file, scenario('remove_memory past the 46-bit address space', 'v5.5', [{ op: 'remove_memory', nid: 0, start: '0x100000000', size: '0x3ffff0000000' }]));
    // before v5.2 remove_memory() is void: the -7 is the simulator's, and the line says so
    for (const kernel of ['v4.18', 'rfc-v1', 'rfc-v2']) expect(ok(cli('replay', file, '--kernel', kernel, '--show', 'steps'))).toBe('step 1: remove_memory = -7 (refused by the simulator; the function is void)\n');
    expect(ok(cli('replay', file, '--kernel', 'v5.5', '--show', 'steps'))).toBe('step 1: remove_memory = -7\n');
    const trace = ok(cli('replay', file, '--kernel', 'v4.18', '--show', 'trace'));
    expect(trace).toMatch(/ends at 0x4000f0000000, above 2\^46 .* would index past mem_section\[\].*refuses the step with -E2BIG/);
    // nothing changed: the state after the step is the boot state
    expect(ok(cli('replay', file, '--show', 'iomem'))).toBe(ok(cli('replay', file, '--step', '0', '--show', 'iomem')));
  });

  test.each([
    ['whose scenario starts with a code lz-string cannot decode (it threw a TypeError)', '/#v=1&k=v5.5&n=0&s=yidBsrcui', /cannot open the link: The scenario in this link is damaged: it does not decompress/],
    ['with a character outside the alphabet of a link', 'http://localhost:4173/#v=1&k=v5.5&n=0&s=N4IgLg%21glmA2', /cannot open the link: The scenario in this link is damaged: it holds "!", a character a Hotplug Explorer link never has/],
  ])('a share link %s is refused: status 2, the reason on stderr', (_what, link, message) => {
    const r = cli('replay', link, '--show', 'steps');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/internal error|Cannot read properties/);
  });

  test('a good share link replays at its own step and kernel, as the page opens it', () => {
    const link = ok(cli('url', LIFECYCLE, '--kernel', 'v4.18', '--step', '2')).trim();
    expect(ok(cli('replay', link, '--show', 'steps'))).toBe('step 1: add_memory = 0\nstep 2: online = 0\n');
    expect(ok(cli('replay', link, '--show', 'zoneinfo'))).toBe(ok(cli('replay', LIFECYCLE, '--kernel', 'v4.18', '--step', '2', '--show', 'zoneinfo')));
  });
});

test('--help after a command prints the usage on stdout with status 0, as --help alone does', () => {
  const alone = cli('--help');
  for (const args of [['replay', '--help'], ['diff', LIFECYCLE, '-h'], ['matrix', '--help']]) {
    const r = cli(...args);
    expect(r.status, args.join(' ')).toBe(0);
    expect(r.stdout, args.join(' ')).toBe(alone.stdout);
    expect(r.stderr, args.join(' ')).toBe('');
  }
});
