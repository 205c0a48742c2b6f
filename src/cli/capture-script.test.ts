/**
 * scripts/capture-machine.sh on the machine the tests run on: a POSIX shell reads it (dash where
 * there is one, which has no bash extensions), it writes every section in order, it says whether
 * it ran as root, and the CLI reads what it wrote. As root, the capture's /proc/iomem, zoneinfo
 * and memory blocks come back from `replay` as captured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/capture-machine.sh');
const SHELL = existsSync('/usr/bin/dash') ? '/usr/bin/dash' : '/bin/sh';
const dir = mkdtempSync(path.join(tmpdir(), 'hotplug-capture-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
const section = (text: string, name: string): string => {
  const lines = text.split('\n');
  const from = lines.indexOf(`### ${name}`) + 1;
  return lines.slice(from, lines.findIndex((l, i) => i >= from && l.startsWith('### '))).join('\n') + '\n';
};

test(`${path.basename(SHELL)} parses the script, and it refuses two arguments`, () => {
  expect(run(SHELL, ['-n', SCRIPT]).status).toBe(0);
  const r = run(SHELL, [SCRIPT, 'a', 'b']);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('usage:');
});

test('it writes every section in order to the file it is given, and says whether it ran as root', () => {
  const file = path.join(dir, 'here.capture');
  const r = run(SHELL, [SCRIPT, file]);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('');
  const text = readFileSync(file, 'utf8');
  const heads = text.split('\n').filter((l) => l.startsWith('### '));
  expect(heads).toEqual(['### hotplug-explorer machine capture 1', '### uname -r', '### /proc/cmdline', '### /proc/iomem', '### /proc/zoneinfo', '### memory blocks', '### nodes', '### end']);
  const root = process.getuid?.() === 0;
  expect(text.split('\n')[1]).toMatch(root ? /^# root: yes$/ : /^# root: no: .*zeros/);
  if (!root || !existsSync('/sys/devices/system/memory/block_size_bytes')) return;
  // every block names its node, from the nodeN link in its sysfs directory
  if (existsSync('/sys/devices/system/node/node0')) expect(text.split('\n').filter((l) => l.startsWith('memory') && !/^memory\d+ node=\d+ /.test(l))).toEqual([]);
  // as root on a machine with memory hotplug, the CLI gives the captured state back
  for (const [show, name] of [['iomem', '/proc/iomem'], ['memory', 'memory blocks']] as const) {
    const out = run(process.execPath, ['bin/hotplug-explorer.mjs', 'replay', file, '--show', show]);
    expect(out.status).toBe(0);
    const captured = section(text, name);
    const want = show === 'memory' ? [captured.split('\n')[0], ...captured.split('\n').filter((l) => l.startsWith('memory')).map((l) => l.replace(/ node=\S+/, '')).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))].join('\n') + '\n' : captured;
    expect(out.stdout).toBe(want);
  }
});
