/**
 * Custom kernels on the command line: `--kernel ID --switch NAME=VALUE...` (or the one id
 * "ID+NAME=VALUE") runs, prints and links a preset with switches changed, and a combination
 * the code could not have is refused with why (exit 2, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HMM = 'test-scenarios/notes/s5-hmm-private.json';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: custom kernels', () => {
  test('--kernel rfc-v1 --switch release=is_device_flag runs the is_device flag on RFC v1: gpu0 is not freed under its driver', () => {
    const custom = cli('replay', HMM, '--kernel', 'rfc-v1', '--switch', 'release=is_device_flag', '--show', 'findings');
    expect(custom.status).toBe(0);
    expect(custom.stdout).not.toContain('resource-released-while-owned');
    expect(cli('replay', HMM, '--kernel', 'rfc-v1', '--show', 'findings').stdout).toContain('resource-released-while-owned');
    // the same kernel as one id, and the same as the named proposal
    expect(cli('replay', HMM, '--kernel', 'rfc-v1+release=is_device_flag', '--show', 'findings').stdout).toBe(custom.stdout);
    expect(cli('replay', HMM, '--kernel', 'idea-is-device', '--show', 'findings').stdout).toBe(custom.stdout);
  });
  test('the trace says which switch decided a call', () => {
    const r = cli('replay', HMM, '--kernel', 'rfc-v1', '--switch=release=is_device_flag', '--show', 'trace');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/__remove_pages\(.*is_device true.*\[switch: release\]/);
  });
  test('a combination the code could not have is refused with the reason', () => {
    const r = cli('replay', HMM, '--kernel', 'rfc-v2', '--switch', 'release=is_dev_zone');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--kernel rfc-v2 --switch release=is_dev_zone: rfc-v2 with release=is_dev_zone cannot run: release=is_dev_zone needs the zone/);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(cli('replay', HMM, '--switch', 'release=altmap').stderr).toMatch(/--switch release=altmap changes the kernel given before it: put a --kernel ID first/);
    expect(cli('replay', HMM, '--kernel', 'v6.12', '--switch', 'sysram=off').stderr).toMatch(/later removal path/);
    expect(cli('replay', HMM, '--kernel', 'rfc-v1', '--switch', 'release').stderr).toMatch(/"release" is not a switch setting/);
  });
  test('url writes the custom kernel into x=, and the link replays under it', () => {
    const url = cli('url', HMM, '--kernel', 'rfc-v1', '--switch', 'release=is_device_flag');
    expect(url.status).toBe(0);
    expect(url.stdout).toMatch(/&k=rfc-v1&.*&x=release-is_device_flag&/);
    const link = url.stdout.trim();
    expect(cli('replay', link, '--show', 'findings').stdout).toBe(cli('replay', HMM, '--kernel', 'rfc-v1+release=is_device_flag', '--show', 'findings').stdout);
  });
  test('diff and matrix take a custom kernel as a column', () => {
    const diff = cli('diff', HMM, '--kernel', 'rfc-v1', '--kernel', 'rfc-v1', '--switch', 'release=is_device_flag');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('rfc-v1+release=is_device_flag');
    const m = cli('matrix', HMM, '--kernel', 'rfc-v1', '--kernel', 'rfc-v1', '--switch', 'release=is_device_flag', '--json');
    expect(m.status).toBe(0);
    expect(JSON.parse(m.stdout).kernels).toEqual(['rfc-v1', 'rfc-v1+release=is_device_flag']);
  });
  test('a link that runs a custom kernel opens in matrix: its scenario is a row, its kernel a column after the named ones', () => {
    const link = cli('url', HMM, '--kernel', 'rfc-v1', '--switch', 'release=is_device_flag').stdout.trim();
    const m = cli('matrix', link, '--json');
    expect(m.status, m.stderr).toBe(0);
    const out = JSON.parse(m.stdout) as { kernels: string[]; rows: { cells: { kernel: string; findings: { code: string }[] }[] }[] };
    expect(out.kernels.at(-1)).toBe('rfc-v1+release=is_device_flag');
    expect(out.kernels.slice(0, -1)).not.toContain('rfc-v1+release=is_device_flag');
    const cell = (k: string) => out.rows[0]!.cells.find((c) => c.kernel === k)!;
    expect(cell('rfc-v1').findings.map((f) => f.code)).toContain('resource-released-while-owned');
    expect(cell('rfc-v1+release=is_device_flag').findings.map((f) => f.code)).not.toContain('resource-released-while-owned');
    // --kernel names the columns itself
    expect(JSON.parse(cli('matrix', link, '--kernel', 'v5.5', '--json').stdout).kernels).toEqual(['v5.5']);
  });
  test('the help names --switch, the switches and their values', () => {
    const h = cli('--help');
    expect(h.stdout).toContain('--switch NAME=VALUE');
    expect(h.stdout).toMatch(/release: is_dev_zone, altmap, always, is_device_flag, after_arch_remove/);
  });
});
