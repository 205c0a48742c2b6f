/**
 * bin/hotplug-explorer.mjs never answers with a stale bundle: in a copy of the checkout (so the
 * real dist-cli/ is untouched while other tests run it), it builds dist-cli/ when there is none,
 * rebuilds it after a source is edited, and when the edited source does not build it says so
 * with status 1 instead of running the old bundle.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** What the build reads: the launcher, the build script, the sources and the warm-up scenario. */
const COPIED = ['bin', 'scripts', 'src', 'package.json', 'package-lock.json', 'tsconfig.json', 'test-scenarios/qemu-a-dimm-lifecycle.json'];

let copy = '';

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'hotplug-launcher-test-'));
  for (const f of COPIED) {
    mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(copy, f), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

function launch(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(copy, 'bin/hotplug-explorer.mjs'), ...args], { cwd: copy, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

function editArgs(edit: (text: string) => string): void {
  const file = path.join(copy, 'src/cli/args.ts');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

test('builds a missing bundle, rebuilds after an edit, and refuses to run an old bundle it cannot rebuild', { timeout: 120_000 }, () => {
  expect(existsSync(path.join(copy, 'dist-cli'))).toBe(false);
  const first = launch('--help');
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(first.stdout).toMatch(/^usage:\n {2}hotplug-explorer replay FILE/);
  expect(existsSync(path.join(copy, 'dist-cli/build.json'))).toBe(true);
  expect(existsSync(path.join(copy, 'dist-cli/main.cjs.v8-cache'))).toBe(true);

  editArgs((t) => t.replace('export const USAGE = `usage:', 'export const USAGE = `Usage (edited):'));
  const edited = launch('--help');
  expect(edited.stderr).toBe('');
  expect(edited.status).toBe(0);
  expect(edited.stdout).toMatch(/^Usage \(edited\):\n/);

  editArgs((t) => t.replace('export class UsageError extends Error {}', 'export class UsageError extends Error {'));
  const broken = launch('--help');
  expect(broken.status).toBe(1);
  expect(broken.stdout).toBe('');
  expect(broken.stderr).toContain('src/cli/args.ts changed since it was built');
  expect(broken.stderr).toContain('npm run build:cli');
  // The bundle itself, run directly, is still the last good build: only the launcher checks.
  const direct = spawnSync(process.execPath, [path.join(copy, 'dist-cli/hotplug-explorer.cjs'), '--help'], { encoding: 'utf8' });
  expect(direct.stdout).toMatch(/^Usage \(edited\):\n/);
});
