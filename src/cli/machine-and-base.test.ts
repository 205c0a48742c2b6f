/**
 * A raw /proc/iomem where a scenario goes gets told what it is and how to use it (--machine,
 * or the page's import dialog), and --machine does what the message says; `url` prints the
 * page's full address with --base or HOTPLUG_BASE_URL, the very link the page's "Copy link"
 * makes for the same state (src/state/page-link.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readBaseUrl } from '../index';
import { pageLink } from '../state/page-link';
import { loadScenario } from '../test-support/load-scenario';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IOMEM = 'fixtures/qemu-pc-2g.iomem';
const LIFECYCLE = 'test-scenarios/qemu-a-dimm-lifecycle.json';

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const clean = { ...process.env, ...env };
  if (!('HOTPLUG_BASE_URL' in env)) delete clean.HOTPLUG_BASE_URL;
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env: clean, timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a /proc/iomem file given as the scenario', () => {
  test.each([
    ['replay', [IOMEM, '--kernel', 'v4.18']],
    ['diff', [IOMEM, '--kernel', 'v4.18', '--kernel', 'v5.5']],
    ['url', [IOMEM]],
  ])('%s says it is a /proc/iomem text, to import as a machine, and how', (cmd, args) => {
    const r = cli([cmd, ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${IOMEM}: this is a /proc/iomem text: import it as a machine`);
    expect(r.stderr).not.toMatch(/leading zero|not valid JSON/);
    // the exact command, with the user's own options kept, and the page's way
    expect(r.stderr).toContain(`hotplug-explorer ${cmd} --machine ${IOMEM}${args.slice(1).map((a) => ' ' + a).join('')}`);
    expect(r.stderr).toContain('Import… > "A real machine: its /proc/iomem"');
    expect(r.stderr).toContain('Use as machine');
  });

  // not the built-in machine (which is qemu-pc-2g.iomem): 1 GiB of RAM
  const small = '00000000-00000fff : Reserved\n00001000-0009fbff : System RAM\n000f0000-000fffff : Reserved\n  000f0000-000fffff : System ROM\n00100000-3fffffff : System RAM\n';
  const dir = mkdtempSync(path.join(tmpdir(), 'hotplug-machine-'));
  const smallFile = path.join(dir, 'small.iomem');
  writeFileSync(smallFile, small);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the command it suggests boots that machine: /proc/iomem at boot is the file, byte for byte', () => {
    const r = cli(['replay', '--machine', smallFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(small);
  });

  test("with a scenario, the scenario's steps run on that machine", () => {
    const r = cli(['replay', LIFECYCLE, '--machine', smallFile, '--step', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${small}100000000-13fffffff : System RAM\n`);
  });

  test('--machine with a file that is not a /proc/iomem says so', () => {
    const r = cli(['replay', '--machine', LIFECYCLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/qemu-a-dimm-lifecycle\.json is not a \/proc\/iomem text/);
  });
});

describe('url and where the page is published', () => {
  const fragmentOf = (link: string): string => link.slice(link.indexOf('#'));

  test('without a base: from the path on', () => {
    expect(cli(['url', LIFECYCLE]).stdout).toMatch(/^\/#v=2&/);
  });

  test('--base: the full address, a folder given its final "/"', () => {
    const plain = cli(['url', LIFECYCLE]).stdout;
    const r = cli(['url', LIFECYCLE, '--base', 'https://example.org/courses/hotplug']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`https://example.org/courses/hotplug/${plain.slice(1)}`);
  });

  test('HOTPLUG_BASE_URL gives the full address by default; --base wins over it', () => {
    const env = { HOTPLUG_BASE_URL: 'https://teach.example.edu/mm/index.html' };
    expect(cli(['url', LIFECYCLE], env).stdout).toMatch(/^https:\/\/teach\.example\.edu\/mm\/index\.html#v=2&/);
    expect(cli(['url', LIFECYCLE, '--base', 'http://localhost:8000/x/'], env).stdout).toMatch(/^http:\/\/localhost:8000\/x\/#v=2&/);
  });

  test.each([
    [['--base', 'example.org/hotplug'], {}, /--base: "example\.org\/hotplug" is not a URL/],
    [[], { HOTPLUG_BASE_URL: 'file:///srv/hotplug/' }, /HOTPLUG_BASE_URL: "file:\/\/\/srv\/hotplug\/" is not a web address/],
  ])('a base that is not a web address is refused: %j', (args, env, message) => {
    const r = cli(['url', LIFECYCLE, ...args], env);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test("url --base prints what the page's Copy link copies for the same state", () => {
    const base = 'https://example.org/sub/path/';
    const printed = cli(['url', LIFECYCLE, '--kernel', 'v4.18', '--step', '2', '--base', base]).stdout.trim();
    const where = readBaseUrl(base);
    if ('error' in where) throw new Error(where.error);
    const copied = pageLink({ scenario: loadScenario('qemu-a-dimm-lifecycle.json'), kernel: 'v4.18', compare: null, cursor: 2, view: 'explore', tab: 'zones', lesson: null, present: false, embed: null, matrix: false }, where);
    expect(printed).toBe(copied);
    expect(printed).toContain('/#v=2&');
    expect(fragmentOf(printed)).toBe(fragmentOf(copied));
  });
});
