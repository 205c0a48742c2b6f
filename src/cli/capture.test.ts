/**
 * A machine capture (scripts/capture-machine.sh) given as FILE: `replay CAPTURE --show
 * zoneinfo|memory` at the captured step prints the captured zoneinfo lines the engine models and
 * the captured memory blocks, and says on stderr how it read the capture.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BOOT = 'test-scenarios/captures/qemu-6.12-a612-boot.capture';
const ADDED = 'test-scenarios/captures/qemu-6.12-a612-added.capture';
/** constructed from the two-node recording N00's numbers (see its header) */
const TWO = 'test-scenarios/captures/two-node-constructed.capture';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const section = (file: string, name: string): string => {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const from = lines.indexOf(`### ${name}`) + 1;
  return lines.slice(from, lines.findIndex((l, i) => i >= from && l.startsWith('### '))).join('\n') + '\n';
};
const modelledZoneinfo = (t: string): string => t.split('\n').filter((l) => !l.includes('pages free')).join('\n');
const modelledBlocks = (t: string): string =>
  [t.split('\n')[0], ...t.split('\n').filter((l) => l.startsWith('memory')).map((l) => l.replace(/ node=\S+/, '')).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))].join('\n') + '\n';

describe.each([
  [BOOT, '0'],
  [ADDED, '1'],
  [TWO, '0'],
])('replay %s --step %s', (file, step) => {
  test('--show zoneinfo is the captured zoneinfo, less the lines the engine does not model', () => {
    const r = cli(['replay', file, '--step', step, '--show', 'zoneinfo']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd()).toBe(modelledZoneinfo(section(file, '/proc/zoneinfo')).trimEnd());
    expect(r.stderr).toContain(`${file}: kernel 6.12.118+deb12-amd64: v6.12 is the same release: replayed under v6.12`);
  });
  test('--show memory is the captured memory blocks', () => {
    const r = cli(['replay', file, '--step', step, '--show', 'memory']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(modelledBlocks(section(file, 'memory blocks')));
  });
  test('--show iomem is the captured /proc/iomem', () => {
    expect(cli(['replay', file, '--show', 'iomem']).stdout).toBe(section(file, '/proc/iomem'));
  });
});

test('a two-node capture: zoneinfo prints node 0 then node 1, and stderr says where node 1 comes from', () => {
  const r = cli(['replay', TWO, '--show', 'zoneinfo']);
  expect(r.status).toBe(0);
  expect(r.stdout.match(/^Node \d+, zone +\S+$/gm)).toEqual([0, 1].flatMap((n) => ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'].map((z) => `Node ${n}, zone ${z.padStart(8)}`)));
  expect(r.stderr).toContain("0x40000000+1G is node 1's");
});

describe('a capture the CLI cannot read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotplug-capture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test('made without root: says so, and how to fix it, with status 2 and no output', () => {
    const file = path.join(dir, 'nonroot.capture');
    writeFileSync(file, readFileSync(path.join(ROOT, BOOT), 'utf8').replace('# root: yes', '# root: no: not run as root'));
    const r = cli(['replay', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file} is a machine capture this Hotplug Explorer cannot read:`);
    expect(r.stderr).toContain('run scripts/capture-machine.sh again with sudo');
  });
});
