/**
 * The bundled command line (bin/hotplug-explorer.mjs running dist-cli/, what users start) prints
 * exactly what the TypeScript source prints when run through tsx, as the CLI ran before it was
 * bundled: the same stdout and stderr, byte for byte, and the same exit status. Every scenario
 * file under test-scenarios/ runs, good and bad, and between them every --show value, diff, url
 * and the usage errors. Bundling can change behaviour without changing a line of source (module
 * order, renamed identifiers, what tree-shaking drops, CommonJS instead of ES modules), so this
 * compares the two whole programs rather than trusting the build.
 *
 * Each bundled run is its own process. The source's runs share one tsx process
 * (test-support/run-source-cases.ts), because a tsx process costs about a second of CPU to start
 * on a 2-core machine; the first test checks, on a few cases, that this gives exactly what
 * separate `node --import tsx src/cli/main.ts` processes print.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

function run(nodeArgs: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

const scenarioFiles = (readdirSync(path.join(ROOT, 'test-scenarios'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.posix.join('test-scenarios', f.split(path.sep).join('/')))
  .sort();
const isBad = (f: string): boolean => f.startsWith('test-scenarios/bad/');
const good = scenarioFiles.filter((f) => !isBad(f));
const bad = scenarioFiles.filter(isBad);

/** Besides --show json, each good file runs one of these in turn, so that every form runs on some file. */
const FORMS: ((f: string) => string[])[] = [
  (f) => ['replay', f, '--show', 'trace', '--kernel', 'rfc-v2'],
  (f) => ['diff', f, '--kernel', 'v4.18', '--kernel', 'v5.5'],
  (f) => ['replay', f, '--show', 'findings', '--kernel', 'rfc-v1'],
  (f) => ['url', f],
  (f) => ['replay', f, '--show', 'log', '--kernel', 'rfc-v1'],
  (f) => ['replay', f, '--show', 'steps', '--kernel', 'v4.18'],
  (f) => ['replay', f],
  (f) => ['replay', f, '--show', 'zoneinfo', '--kernel', 'v4.18'],
  (f) => ['replay', f, '--show', 'memory', '--step', '1'],
  (f) => ['diff', f, '--kernel', 'rfc-v1', '--kernel', 'rfc-v2'],
  (f) => ['url', f, '--kernel', 'v4.18', '--step=0'],
  (f) => ['replay', f, '--show', 'json', '--kernel', 'rfc-v2', '--step', '0'],
];
/** A bad file is refused the same way whichever command reads it; each command gets some. */
const BAD_FORMS: ((f: string) => string[])[] = [(f) => ['replay', f], (f) => ['diff', f, '--kernel', 'v4.18', '--kernel', 'v5.5'], (f) => ['url', f]];

const cases: string[][] = [
  ...good.map((f) => ['replay', f, '--show', 'json']),
  ...good.map((f, i) => FORMS[i % FORMS.length]!(f)),
  ...bad.map((f, i) => BAD_FORMS[i % BAD_FORMS.length]!(f)),
  [],
  ['replay'],
  ['explode', 'test-scenarios/empty.json'],
  ['replay', 'test-scenarios/no-such-file.json'],
  ['replay', 'test-scenarios'],
  ['replay', 'test-scenarios/qemu-a-dimm-lifecycle.json', '--step', '99'],
  // the review matrix: every good file under every kernel, as text and as JSON, and refused input
  ['matrix', ...good],
  ['matrix', ...good.slice(0, 3), '--kernel', 'rfc-v1', '--kernel', 'v5.5', '--json'],
  ['matrix', good[0]!, ...bad.slice(0, 2), 'test-scenarios/no-such-file.json'],
];

/** Run also as separate tsx processes, to check the shared one: a success, a bad file, a bad option. */
const sample = [
  ['replay', 'test-scenarios/qemu-a-dimm-lifecycle.json', '--show', 'json'],
  ['diff', 'test-scenarios/bad/unknown-op-typo.json', '--kernel', 'v4.18', '--kernel', 'v5.5'],
  ['replay', 'test-scenarios/qemu-a-dimm-lifecycle.json', '--step', '99'],
  // the review matrix: every good file under every kernel, as text and as JSON, and refused input
  ['matrix', ...good],
  ['matrix', ...good.slice(0, 3), '--kernel', 'rfc-v1', '--kernel', 'v5.5', '--json'],
  ['matrix', good[0]!, ...bad.slice(0, 2), 'test-scenarios/no-such-file.json'],
];
const key = (args: string[]): string => JSON.stringify(args);
for (const args of sample) if (!cases.some((c) => key(c) === key(args))) cases.push(args);
const fromSource = new Map<string, Outcome>();

beforeAll(async () => {
  const r = await run(['--import', 'tsx', 'src/cli/test-support/run-source-cases.ts', JSON.stringify(cases)]);
  if (r.status !== 0) throw new Error(`run-source-cases.ts failed (status ${r.status}):\n${r.stderr.toString()}`);
  const results = JSON.parse(r.stdout.toString()) as { status: number; stdout: string; stderr: string }[];
  results.forEach((x, i) =>
    fromSource.set(key(cases[i]!), { status: x.status, signal: null, stdout: Buffer.from(x.stdout, 'base64'), stderr: Buffer.from(x.stderr, 'base64') }),
  );
}, 120_000);

/** Strings first, for a readable diff; then the bytes, which are what must match. */
function expectSame(actual: Outcome, expected: Outcome): void {
  const shown = (o: Outcome) => ({ status: o.status, signal: o.signal, stderr: o.stderr.toString(), stdout: o.stdout.toString() });
  expect(shown(actual)).toEqual(shown(expected));
  expect(actual.stdout.equals(expected.stdout) && actual.stderr.equals(expected.stderr)).toBe(true);
}

describe('the bundled CLI prints what the TypeScript source prints', () => {
  test('the cases cover every scenario file and every form', () => {
    expect(good.length).toBeGreaterThan(10);
    expect(bad.length).toBeGreaterThan(5);
    for (const f of scenarioFiles) expect(cases.some((c) => c.includes(f)), f).toBe(true);
    expect(good.length).toBeGreaterThanOrEqual(FORMS.length);
    expect(bad.length).toBeGreaterThanOrEqual(BAD_FORMS.length);
    // Both exits a user can cause, and no internal errors (status 1) that would match on both sides.
    expect(new Set([...fromSource.values()].map((o) => o.status))).toEqual(new Set([0, 2]));
  });

  test.concurrent('the source run in one shared process prints what its own tsx process prints', async () => {
    const own = await Promise.all(sample.map((args) => run(['--import', 'tsx', 'src/cli/main.ts', ...args])));
    own.forEach((o, i) => expectSame(fromSource.get(key(sample[i]!))!, o));
  });

  test.concurrent.each(cases.map((args) => [args.join(' ') || '(no arguments)', args] as const))('%s', async (_name, args) => {
    expectSame(await run(['bin/hotplug-explorer.mjs', ...args]), fromSource.get(key(args))!);
  });
});
