import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iomemText } from '../../fuzz/inputs';
import { parseIomemText } from '../../scenario/iomem-text';
import { DEFAULT_SCENARIO } from '../../scenario/default-scenario';
import { serializeScenario } from '../../scenario/schema';
import { exportFileName, scenarioFileText } from './export-files';
import { IMPORTED_TITLE, classifyFile, readCaptureFile, readIomem, readScenarioFile, withMachine } from './import-actions';
import { formatBytes, formatLines } from './inferred-summary';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const QEMU = readFileSync(`${FIXTURES}qemu-pc-2g.iomem`, 'utf8');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('a /proc/zoneinfo beside the /proc/iomem', () => {
  const ZONEINFO = 'Node 0, zone      DMA\n  pages free     3840\n        spanned  4095\n        present  3998\n        managed  3840\n';
  it('gives the machine its boot zones\' managed pages, kept through a scenario file', () => {
    const read = readIomem(QEMU, ZONEINFO);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.machine.zoneinfo).toEqual({ text: ZONEINFO, zones: [{ nid: 0, zone: 0, present: 3998, managed: 3840 }] });
    const again = readScenarioFile(serializeScenario(withMachine(DEFAULT_SCENARIO, 'v6.12', read.machine, false)));
    expect(again.ok && again.scenario.machine).toEqual(read.machine);
    const blank = readIomem(QEMU, '  \n');
    expect(blank.ok && blank.machine.zoneinfo).toBeUndefined();
  });
  it('that does not read is refused with the iomem, saying which text is wrong', () => {
    expect(readIomem(QEMU, 'Node 0, zone DMA\n present 1\n')).toEqual({ ok: false, errors: ['/proc/zoneinfo: node 0 zone DMA (line 1) has no managed line'] });
  });
});

describe('a /proc/iomem as the machine', () => {
  it('reads any text as the parser does, summaries and all, and never throws', () => {
    fc.assert(
      fc.property(iomemText, (text) => {
        const imported = readIomem(text);
        const parsed = parseIomemText(text);
        expect(imported.ok).toBe(parsed.ok);
        if (!imported.ok) expect(imported.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a real one and says what it inferred, grouped by rule', () => {
    const read = readIomem(QEMU);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.machine).toMatchObject({ kind: 'iomem', text: QEMU });
    expect(read.summary.bootRanges).toBe(2);
    expect(read.summary.text).toMatch(/^\d+ entries; 2 top-level System RAM ranges \(2\.00 GiB\) become boot memory on node 0$/);
    const total = read.inferred.reduce((n, g) => n + g.count, 0);
    expect(total).toBe(read.summary.entries);
    const ram = read.inferred.find((g) => g.names.some((n) => n.name === 'System RAM'))!;
    expect(ram.flags).toBe('MEM SYSRAM BUSY');
    expect(ram.desc).toBeNull();
    expect(ram.count).toBe(2);
    const kernel = read.inferred.find((g) => g.names.some((n) => n.name === 'Kernel code'))!;
    expect(kernel.names.map((n) => n.name)).toEqual(['Kernel code', 'Kernel rodata', 'Kernel data', 'Kernel bss']);
    const roms = read.inferred.find((g) => g.flags === 'MEM BUSY READONLY')!;
    expect(roms.rule).toMatch(/probe_roms/);
  });

  it('names the desc it gave where there is one', () => {
    const read = readIomem('00001000-0009ffff : System RAM\n00100000-3fffffff : System RAM\n100000000-13fffffff : Persistent Memory (legacy)\n');
    expect(read.ok && read.inferred.find((g) => g.desc)).toMatchObject({ flags: 'MEM', desc: 'PERSISTENT_MEMORY_LEGACY', count: 1 });
  });

  it('refuses a /proc/iomem read without root, saying so', () => {
    const zeroed = QEMU.replace(/[0-9a-f]+-[0-9a-f]+/g, '00000000-00000000');
    const read = readIomem(zeroed);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([expect.stringMatching(/every address in this \/proc\/iomem is 0: it was read without root/)]);
  });

  it('refuses boot memory beyond the 46-bit physical address space, naming the line', () => {
    const read = readIomem('00001000-0009ffff : System RAM\n00100000-7fffffff : System RAM\n400000000000-40007fffffff : System RAM\n');
    expect(!read.ok && read.errors).toEqual([
      'line 3: System RAM ends at 0x40007fffffff, above 2^46 (64 TiB), the top of x86_64\'s 46-bit physical address space: "400000000000-40007fffffff : System RAM"',
    ]);
    const file = readScenarioFile(JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, machine: { iomem: '00100000-7fffffff : System RAM\n400000000000-40007fffffff : System RAM\n' } }));
    expect(!file.ok && file.errors[0]).toMatch(/^machine\.iomem: line 2: System RAM ends at/);
    // a device window up there is fine: only memory has to fit
    expect(readIomem('00100000-7fffffff : System RAM\n10000000000000-10000fffffffff : PCI Bus 0000:80\n').ok).toBe(true);
  });

  it('names the lines it could not read', () => {
    const read = readIomem('00001000-0009ffff : System RAM\n$ sudo cat /proc/iomem\n');
    expect(!read.ok && read.errors[0]).toMatch(/^line 2: not a \/proc\/iomem line/);
  });

  it('keeps the steps or starts afresh, at boot, under the kernel shown', () => {
    const read = readIomem(QEMU);
    if (!read.ok) throw new Error('unreadable');
    const kept = withMachine(DEFAULT_SCENARIO, 'v5.5', read.machine, true);
    expect(kept).toMatchObject({ kernel: 'v5.5', steps: DEFAULT_SCENARIO.steps, title: DEFAULT_SCENARIO.title, cursor: 0, machine: read.machine });
    const fresh = withMachine(DEFAULT_SCENARIO, 'rfc-v1', read.machine, false);
    expect(fresh).toMatchObject({ steps: [], title: IMPORTED_TITLE, cursor: 0 });
  });

  it('formats line lists and sizes compactly', () => {
    expect(formatLines([9, 3, 5, 6, 7])).toBe('lines 3, 5-7, 9');
    expect(formatLines([4])).toBe('line 4');
    expect(formatBytes(2 * 2 ** 30)).toBe('2 GiB');
    expect(formatBytes(2 ** 30 + 2 ** 29)).toBe('1.50 GiB');
    expect(formatBytes(100)).toBe('100 bytes');
  });
});

describe('a scenario file', () => {
  it('opens at its cursor, and tells what was inferred of an iomem machine', () => {
    const read = readIomem(QEMU);
    if (!read.ok) throw new Error('unreadable');
    const text = scenarioFileText(withMachine(DEFAULT_SCENARIO, 'v4.18', read.machine, true), 'v4.18', 3);
    const file = readScenarioFile(text);
    expect(file).toMatchObject({ ok: true, step: 3, scenario: { kernel: 'v4.18', cursor: 3 } });
    expect(file.ok && file.machine?.summary.bootRanges).toBe(2);
    expect(readScenarioFile(serializeScenario({ ...DEFAULT_SCENARIO, cursor: null }))).toMatchObject({ ok: true, step: 0, machine: null });
  });

  it('refuses a bad one naming step and field', () => {
    const bad = serializeScenario(DEFAULT_SCENARIO).replace('"size": "128M"', '"size": "12x"');
    const read = readScenarioFile(bad);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.join('\n')).toMatch(/step 1.*"size"/);
  });
});

describe('files', () => {
  it('are named after kernel and step', () => {
    expect(exportFileName('rfc-v1', 6, 'iomem')).toBe('hotplug-explorer-rfc-v1-step6-iomem.txt');
    expect(exportFileName('v4.18', 0, 'scenario')).toBe('hotplug-explorer-v4.18-step0-scenario.json');
    expect(exportFileName('v5.5', 2, 'png')).toBe('hotplug-explorer-v5.5-step2-pfn-map.png');
  });

  it('are recognised by content first, then by name', () => {
    expect(classifyFile('x.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(classifyFile('map', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe('svg');
    expect(classifyFile('a.svg', bytes('junk'))).toBe('svg');
    expect(classifyFile('untitled', bytes('\uFEFF  {"format": "hotplug-explorer/scenario"}'))).toBe('scenario');
    expect(classifyFile('s.json', bytes('not json'))).toBe('scenario');
    expect(classifyFile('iomem.txt', bytes(QEMU))).toBe('iomem');
    expect(classifyFile('broken.png', bytes('nope'))).toBe('png');
  });
});

describe('a machine capture (scripts/capture-machine.sh)', () => {
  const CAPTURE = readFileSync(`${FIXTURES}../test-scenarios/captures/qemu-6.12-a612-added.capture`, 'utf8');
  it('is told from a /proc/iomem and a scenario by its first line', () => {
    expect(classifyFile('machine.txt', bytes(CAPTURE))).toBe('capture');
    expect(classifyFile('machine.txt', bytes(QEMU))).toBe('iomem');
  });
  it('opens as the scenario that reaches the captured state, with the machine summarised and how it was read', () => {
    const read = readCaptureFile(CAPTURE);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.scenario.kernel).toBe('v6.12');
    expect(read.step).toBe(1);
    expect(read.machine?.summary.text).toContain('System RAM');
    expect(read.notes?.join('\n')).toContain('hot-added and left offline');
  });
  it('that is not whole is refused, saying it is a capture', () => {
    const read = readCaptureFile(CAPTURE.slice(0, CAPTURE.indexOf('### nodes')));
    expect(read).toEqual({ ok: false, capture: true, errors: ['the capture has no "### nodes" section: was it cut short? (the script ends it with "### end")'] });
  });
});
