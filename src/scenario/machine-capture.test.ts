/**
 * A capture made by scripts/capture-machine.sh, read as the scenario that boots that machine
 * and brings it to the captured state. The captures in test-scenarios/captures/ are made from
 * the real 6.12 boot and hot-add recordings (fixtures/qemu-6.12/A612_00, A612_01).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportAt } from '../engine/report';
import { runScenario } from '../engine/run';
import { toMachineInput } from './machine-input';
import { looksLikeCapture, nearestKernel, readMachineCapture } from './machine-capture';
import { parseScenario, serializeScenario } from './schema';
import type { Scenario } from './types';

const DIR = path.resolve(import.meta.dirname, '../../test-scenarios/captures');
const BOOT = readFileSync(path.join(DIR, 'qemu-6.12-a612-boot.capture'), 'utf8');
const ADDED = readFileSync(path.join(DIR, 'qemu-6.12-a612-added.capture'), 'utf8');

const section = (text: string, name: string): string => {
  const lines = text.split('\n');
  const from = lines.indexOf(`### ${name}`) + 1;
  const to = lines.findIndex((l, i) => i >= from && l.startsWith('### '));
  return lines.slice(from, to).join('\n') + '\n';
};
/** the zoneinfo lines the engine prints: no "pages free" */
const modelledZoneinfo = (text: string): string => text.split('\n').filter((l) => !/pages free/.test(l)).join('\n');
/** the captured blocks as the engine lists them: no block size line, no node, in block order */
const modelledBlocks = (text: string): string =>
  ['block_size_bytes ' + /block_size_bytes (\S+)/.exec(text)![1], ...text.split('\n').filter((l) => l.startsWith('memory')).map((l) => l.replace(/ node=\S+/, '')).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))].join('\n') + '\n';

function read(text: string): { scenario: Scenario; notes: string[] } {
  const r = readMachineCapture(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}
function reportAtCapture(s: Scenario, step = s.steps.length) {
  return reportAt(runScenario({ kernel: s.kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps }), step);
}

describe('a capture of a machine at boot (A612_00)', () => {
  const { scenario, notes } = read(BOOT);
  it('is v6.12, with no steps, and says why v6.12', () => {
    expect(looksLikeCapture(BOOT)).toBe(true);
    expect(scenario.kernel).toBe('v6.12');
    expect(scenario.steps).toEqual([]);
    expect(notes[0]).toContain('kernel 6.12.118+deb12-amd64: v6.12 is the same release');
  });
  it('at step 0 reproduces the captured /proc/iomem, zoneinfo and memory blocks', () => {
    const r = reportAtCapture(scenario, 0);
    expect(r.iomem).toBe(section(BOOT, '/proc/iomem'));
    expect(r.zoneinfo.trimEnd()).toBe(modelledZoneinfo(section(BOOT, '/proc/zoneinfo')).trimEnd());
    expect(r.memory).toBe(modelledBlocks(section(BOOT, 'memory blocks')));
  });
  it('survives the scenario file: what the CLI and the page run is the same scenario', () => {
    const again = parseScenario(serializeScenario(scenario));
    expect(again.ok && again.scenario).toEqual(scenario);
  });
});

describe('a capture after a DIMM was hot-added and left offline (A612_01)', () => {
  const { scenario, notes } = read(ADDED);
  it('boots without the DIMM and adds it in step 1, opening there', () => {
    expect(scenario.steps).toEqual([{ op: 'add_memory', nid: 0, start: 0x100000000, size: 0x40000000 }]);
    expect(scenario.cursor).toBe(1);
    expect(scenario.config.auto_online).toBe(false); // memhp_default_state=offline
    expect(notes.join('\n')).toContain('0x100000000+1G is System RAM with every block offline');
  });
  it('at its last step reproduces the captured /proc/iomem, zoneinfo and memory blocks', () => {
    const r = reportAtCapture(scenario);
    expect(r.iomem).toBe(section(ADDED, '/proc/iomem'));
    expect(r.zoneinfo.trimEnd()).toBe(modelledZoneinfo(section(ADDED, '/proc/zoneinfo')).trimEnd());
    expect(r.memory).toBe(modelledBlocks(section(ADDED, 'memory blocks')));
  });
});

describe('a boot block offlined since boot', () => {
  // memory14 (0x70000000..0x77ffffff, 32768 pages) offlined: DMA32 loses its pages, not its span
  // (memory15 has a hole at its end, and the kernel refuses to offline a block with holes)
  const text = BOOT.replace('memory14 node=0 phys_index=0000000e state=online', 'memory14 node=0 phys_index=0000000e state=offline')
    .replace('        spanned  520160\n        present  520160\n        managed  484942', '        spanned  520160\n        present  487392\n        managed  452174');
  const { scenario, notes } = read(text);
  it('is an offline step, with the boot zoneinfo given its pages back', () => {
    expect(scenario.steps).toEqual([{ op: 'offline', start: 0x70000000, size: 0x8000000 }]);
    expect(notes.join('\n')).toContain('32768 pages to node 0 zone DMA32');
    expect(scenario.machine.kind === 'iomem' && scenario.machine.zoneinfo?.zones.find((z) => z.zone === 1)).toMatchObject({ present: 520160, managed: 484942 });
  });
  it('at the captured step, DMA32 reads as captured (no negative managed)', () => {
    const r = reportAtCapture(scenario);
    expect(r.steps.map((l) => l.ret)).toEqual([0]);
    expect(r.zoneinfo.trimEnd()).toBe(modelledZoneinfo(section(text, '/proc/zoneinfo')).trimEnd());
    // valid_zones of an offline block inside DMA32 was not recorded on a real kernel: only its state is compared
    expect(r.memory).toContain('memory14 phys_index=0000000e state=offline valid_zones=');
  });
});

describe('what is not a capture, or not a whole one', () => {
  const errorsOf = (text: string): string[] => {
    const r = readMachineCapture(text);
    return r.ok ? [] : r.errors;
  };
  it.each([
    ['a /proc/iomem', '00000000-00000fff : Reserved\n', 'not a machine capture'],
    ['another format version', BOOT.replace('capture 1', 'capture 2'), 'reads format 1'],
    ['made without root', BOOT.replace('# root: yes', '# root: no: not run as root'), 'not made as root'],
    ['cut short', BOOT.slice(0, BOOT.indexOf('### memory blocks')), 'no "### memory blocks" section'],
    ['a garbled block line', BOOT.replace('memory3 node=0', 'memory3 nod=0'), 'memory blocks line'],
    ['phys_index not the block', BOOT.replace('memory3 node=0 phys_index=00000003', 'memory3 node=0 phys_index=00000004'), 'memory3 has phys_index 00000004'],
    ['no kernel release', BOOT.replace('6.12.118+deb12-amd64\n', 'Linux\n'), 'is not a kernel release'],
    ['a broken /proc/iomem', BOOT.replace('00100000-7ffdffff : System RAM', '00100000-7ffdffff System RAM'), '/proc/iomem: '],
  ])('%s', (_, text, message) => {
    expect(errorsOf(text).join('\n')).toContain(message);
  });
});

describe('a two-node capture (constructed from N00, see its header)', () => {
  const TWO = readFileSync(path.join(DIR, 'two-node-constructed.capture'), 'utf8');
  const { scenario, notes } = read(TWO);
  it('gives node 1 the System RAM its blocks link to, as machine.nodes', () => {
    expect(scenario.machine.kind === 'iomem' && scenario.machine.nodes).toEqual([{ nid: 1, start: 0x40000000, size: 0x40000000 }]);
    expect(notes.join('\n')).toContain("0x40000000+1G is node 1's");
  });
  it('at step 0 reproduces both nodes\' zoneinfo and the memory blocks', () => {
    const r = reportAtCapture(scenario, 0);
    expect(r.zoneinfo).toContain('Node 1, zone    DMA32\n        spanned  262112\n        present  262112\n        managed  255100\n  start_pfn:           262144');
    expect(r.zoneinfo.trimEnd()).toBe(modelledZoneinfo(section(TWO, '/proc/zoneinfo')).trimEnd());
    expect(r.memory).toBe(modelledBlocks(section(TWO, 'memory blocks')));
  });
  it('survives the scenario file', () => {
    const again = parseScenario(serializeScenario(scenario));
    expect(again.ok && again.scenario).toEqual(scenario);
  });
  it('a listed node without memory boots as a node without memory', () => {
    const r = read(TWO.replace('### end', 'node2 memtotal_kb=0 blocks=\n### end'));
    expect(r.scenario.machine.kind === 'iomem' && r.scenario.machine.nodes).toContainEqual({ nid: 2, start: 0, size: 0 });
    expect(r.notes.join('\n')).toContain('node 2 is listed without boot memory');
    expect(reportAtCapture(r.scenario, 0).zoneinfo).not.toContain('Node 2');
  });
  it('a boot block of node 1 offlined since boot gives its pages back to node 1', () => {
    const text = TWO.replace('memory12 node=1 phys_index=0000000c state=online', 'memory12 node=1 phys_index=0000000c state=offline')
      .replace('        spanned  262112\n        present  262112\n        managed  255100', '        spanned  262112\n        present  229344\n        managed  222332');
    const r = read(text);
    expect(r.notes.join('\n')).toContain('32768 pages to node 1 zone DMA32');
    const rep = reportAtCapture(r.scenario);
    expect(rep.zoneinfo.trimEnd()).toBe(modelledZoneinfo(section(text, '/proc/zoneinfo')).trimEnd());
  });
});

it.each([
  ['4.18.0-553.el8_10.x86_64', 'v4.18'],
  ['3.10.0-1160.el7.x86_64', 'v4.18'],
  ['5.4.0-150-generic', 'v5.5'],
  ['5.15.0-91-generic', 'v5.5'],
  ['6.1.0-56-amd64', 'v6.12'],
  ['6.12.118+deb12-amd64', 'v6.12'],
  ['7.0.0', 'v6.12'],
])('kernel %s replays under %s', (release, kernel) => {
  expect(nearestKernel(release)?.kernel).toBe(kernel);
});

it('the command line sets the hotplug options', () => {
  const text = BOOT.replace('memhp_default_state=offline', 'memhp_default_state=online memory_hotplug.memmap_on_memory=1 memory_hotplug.online_policy=auto-movable memory_hotplug.auto_movable_ratio=200 movable_node -- memory_hotplug.auto_movable_ratio=5');
  const r = read(text);
  expect(r.scenario.config).toMatchObject({ auto_online: true, memmap_on_memory: true, online_policy: 'auto-movable', auto_movable_ratio: 200, movable_node: true });
});
