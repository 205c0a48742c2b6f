import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IomemEntryInput } from '../engine/ops';
import {
  IORES_DESC_PERSISTENT_MEMORY_LEGACY,
  IORESOURCE_BUSY,
  IORESOURCE_MEM,
  IORESOURCE_READONLY,
  IORESOURCE_SYSTEM_RAM,
} from '../engine/resource/flags';
import { parseIomemText } from './iomem-text';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const QEMU_PC_2G = readFileSync(`${FIXTURES}qemu-pc-2g.iomem`, 'utf8');

/** The "## /proc/iomem (full)" section of a capture. */
function iomemSection(capture: string): string {
  const lines = capture.split('\n');
  const from = lines.indexOf('## /proc/iomem (full)') + 1;
  const to = lines.findIndex((line, i) => i >= from && line.startsWith('## '));
  return lines.slice(from, to).join('\n');
}

const CAPTURES = readdirSync(`${FIXTURES}qemu-6.1`)
  .filter((name) => /^[AB]\d\d_.*\.txt$/.test(name))
  .map((name) => [name, iomemSection(readFileSync(`${FIXTURES}qemu-6.1/${name}`, 'utf8'))] as const);

function parsed(text: string): IomemEntryInput[] {
  const r = parseIomemText(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.entries;
}

function errors(text: string): string[] {
  const r = parseIomemText(text);
  if (r.ok) throw new Error('expected the text to be refused');
  return r.errors;
}

function flatten(entries: IomemEntryInput[], depth = 0): { entry: IomemEntryInput; depth: number }[] {
  return entries.flatMap((entry) => [{ entry, depth }, ...flatten(entry.children, depth + 1)]);
}

function find(entries: IomemEntryInput[], name: string, start?: number): { entry: IomemEntryInput; depth: number } {
  const hit = flatten(entries).find((e) => e.entry.name === name && (start === undefined || e.entry.start === start));
  if (!hit) throw new Error(`no entry ${name}`);
  return hit;
}

const SYSTEM_RAM_BUSY = (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) >>> 0;

describe('parseIomemText on real /proc/iomem captures', () => {
  it('found the captures', () => {
    expect(CAPTURES.length).toBeGreaterThanOrEqual(19);
  });

  it.each(CAPTURES)('%s parses, one entry per line', (_name, text) => {
    const r = parseIomemText(text);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const lineCount = text.split('\n').filter((l) => l.trim() !== '').length;
    expect(flatten(r.entries)).toHaveLength(lineCount);
    expect(r.inferred).toHaveLength(lineCount);
  });

  it('reads the default machine into the right tree', () => {
    const entries = parsed(QEMU_PC_2G);
    expect(entries.map((e) => e.name)).toEqual([
      'Reserved', 'System RAM', 'Reserved', 'PCI Bus 0000:00', 'Video ROM', 'Adapter ROM', 'Adapter ROM',
      'Reserved', 'System RAM', 'Reserved', 'PCI Bus 0000:00', 'IOAPIC 0', 'HPET 0', 'Local APIC', 'Reserved',
      'PCI Bus 0000:00', 'Reserved',
    ]);
    const ram = find(entries, 'System RAM', 0x100000);
    expect(ram.entry.end).toBe(0x7ffdffff);
    expect(ram.depth).toBe(0);
    expect(ram.entry.flags).toBe(SYSTEM_RAM_BUSY);
    expect(ram.entry.children.map((c) => c.name)).toEqual(['Kernel code', 'Kernel rodata', 'Kernel data', 'Kernel bss']);
    expect(find(entries, 'Kernel bss')).toMatchObject({ depth: 1, entry: { start: 0x6e310000, end: 0x6f3fffff } });

    const rom = find(entries, 'System ROM');
    expect(rom.depth).toBe(1);
    expect(rom.entry.flags).toBe((IORESOURCE_MEM | IORESOURCE_BUSY | IORESOURCE_READONLY) >>> 0);
    expect(find(entries, 'Reserved', 0).entry.flags).toBe((IORESOURCE_MEM | IORESOURCE_BUSY) >>> 0);
    expect(find(entries, 'Reserved', 0x7ffe0000).entry.flags).toBe(IORESOURCE_MEM);
    expect(find(entries, 'PNP0103:00')).toMatchObject({ depth: 1, entry: { start: 0xfed00000, end: 0xfed003ff } });
    expect(find(entries, '0000:00:02.0', 0xfd000000).entry.flags).toBe(IORESOURCE_MEM);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ name: 'Reserved', start: 0xfd00000000, end: 0xffffffffff, children: [] });
  });

  it('reads a dax kmem layout: namespace, dax region and the RAM nested in it', () => {
    const text = CAPTURES.find(([name]) => name.startsWith('B07'))?.[1] ?? '';
    const entries = parsed(text);
    const pmem = find(entries, 'Persistent Memory (legacy)');
    expect(pmem.entry).toMatchObject({ start: 0x100000000, end: 0x13fffffff, flags: IORESOURCE_MEM });
    expect(find(entries, 'namespace0.0').entry).toMatchObject({
      flags: (IORESOURCE_MEM | IORESOURCE_BUSY) >>> 0,
      desc: IORES_DESC_PERSISTENT_MEMORY_LEGACY,
    });
    expect(find(entries, 'dax0.0').entry.flags).toBe(IORESOURCE_SYSTEM_RAM);
    const kmem = find(entries, 'System RAM (kmem)');
    expect(kmem.depth).toBe(2);
    expect(kmem.entry).toMatchObject({ start: 0x108000000, end: 0x13fffffff, flags: SYSTEM_RAM_BUSY });
  });

  it('notes what it inferred for each line, with its line number', () => {
    const r = parseIomemText(QEMU_PC_2G);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.inferred[0]).toMatchObject({ line: 1, name: 'Reserved' });
    const bss = r.inferred.find((n) => n.name === 'Kernel bss');
    expect(bss).toMatchObject({ line: 14, flags: SYSTEM_RAM_BUSY });
    expect(bss?.rule).toMatch(/kernel image/);
  });

  it('refuses a copy read without root, saying how to read it', () => {
    const zeroed = QEMU_PC_2G.replace(/[0-9a-f]+-[0-9a-f]+/g, '00000000-00000000');
    expect(errors(zeroed)).toEqual([
      'every address in this /proc/iomem is 0: it was read without root (CAP_SYS_ADMIN); read it as root (sudo cat /proc/iomem)',
    ]);
  });
});

describe('parseIomemText tolerates', () => {
  const clean = '00001000-0009fbff : System RAM\n00100000-7ffdffff : System RAM\n  6c000000-6ce01d31 : Kernel code\n';

  it('CRLF, trailing spaces, blank lines, a missing final newline and a BOM', () => {
    const messy = '\uFEFF\r\n00001000-0009fbff : System RAM   \r\n\r\n00100000-7ffdffff : System RAM\t\r\n  6c000000-6ce01d31 : Kernel code';
    expect(parsed(messy)).toEqual(parsed(clean));
  });

  it('names with spaces, colons and parentheses, an empty name, and upper-case hex', () => {
    const entries = parsed(
      '00100000-7FFDFFFF : System RAM\n80000000-80000fff : PCI MMCONFIG 0000 [bus 00-ff]: x (y)\n80001000-80001fff : \n80002000-80002fff :',
    );
    expect(entries.map((e) => e.name)).toEqual(['System RAM', 'PCI MMCONFIG 0000 [bus 00-ff]: x (y)', '', '']);
    expect(entries[0]?.end).toBe(0x7ffdffff);
  });

  it('an entry exactly as large as its parent, and adjacent siblings', () => {
    const entries = parsed('00100000-7fffffff : System RAM\n  00100000-7fffffff : Crash kernel\n80000000-80000fff : Reserved');
    expect(entries[0]?.children[0]?.name).toBe('Crash kernel');
  });
});

describe('parseIomemText refuses, naming and quoting the line', () => {
  const ram = '00100000-7fffffff : System RAM\n';

  it('empty text', () => {
    expect(errors('')).toEqual(['the /proc/iomem text is empty']);
    expect(errors('\n  \r\n')).toEqual(['the /proc/iomem text is empty']);
  });

  it('a file with no top-level System RAM', () => {
    expect(errors('00000000-00000fff : Reserved\n  00000000-00000fff : System RAM\n')).toEqual([
      'no top-level System RAM entry: a machine needs boot memory',
    ]);
  });

  it('a line that is not an iomem line', () => {
    const [first] = errors(`${ram}hello world\n`);
    expect(first).toBe(
      'line 2: not a /proc/iomem line (expected "<start>-<end> : <name>", indented two spaces per level): "hello world"',
    );
    expect(errors(`${ram}\t80000000-80000fff : Reserved`)[0]).toMatch(/^line 2: not a \/proc\/iomem line/);
    expect(errors(`${ram}80000000-80000fff Reserved`)[0]).toMatch(/^line 2: /);
    expect(errors(`${ram}0x80000000-0x80000fff : Reserved`)[0]).toMatch(/^line 2: /);
  });

  it('indentation that jumps a level', () => {
    expect(errors(`${ram}    00200000-00200fff : Kernel code`)).toEqual([
      'line 2: indentation jumps from depth 0 to depth 2 (one level is two spaces): "    00200000-00200fff : Kernel code"',
    ]);
    expect(errors(`  ${ram}`)[0]).toMatch(/^line 1: indented, but there is no entry above it/);
  });

  it('odd indentation', () => {
    expect(errors(`${ram}   00200000-00200fff : Kernel code`)[0]).toMatch(/^line 2: indented by 3 spaces/);
  });

  it('start after end', () => {
    expect(errors(`${ram}90000000-80000fff : Reserved`)).toEqual([
      'line 2: start is after end: "90000000-80000fff : Reserved"',
    ]);
  });

  it('a child outside its parent', () => {
    expect(errors(`${ram}  7ffff000-80000fff : Kernel bss`)).toEqual([
      'line 2: lies outside its parent "System RAM" (line 1): "  7ffff000-80000fff : Kernel bss"',
    ]);
  });

  it('siblings out of order or overlapping', () => {
    expect(errors(`${ram}00000000-00000fff : Reserved`)[0]).toMatch(
      /^line 2: out of order: starts before its previous sibling "System RAM" \(line 1\)/,
    );
    expect(errors(`${ram}7ffff000-80000fff : Reserved`)[0]).toMatch(
      /^line 2: overlaps its previous sibling "System RAM" \(line 1\): "7ffff000-80000fff : Reserved"/,
    );
    expect(errors(`${ram}  00100000-001fffff : Kernel code\n  001f0000-002fffff : Kernel data`)[0]).toMatch(
      /^line 3: overlaps its previous sibling "Kernel code" \(line 2\)/,
    );
  });

  it('an address beyond 2^53', () => {
    expect(errors(`${ram}20000000000000-20000000000fff : Reserved`)[0]).toMatch(
      /^line 2: address 0x20000000000000 is too large to simulate exactly \(above 2\^53\)/,
    );
  });

  it('collecting every problem, up to 20', () => {
    const bad = Array.from({ length: 25 }, (_, i) => `bad line ${i}`).join('\n');
    const all = errors(`${ram}${bad}`);
    expect(all).toHaveLength(21);
    expect(all[0]).toMatch(/^line 2: /);
    expect(all[19]).toMatch(/^line 21: /);
    expect(all[20]).toBe('... and 5 more problems');
  });

  it('keeps line numbers right across blank lines and CRLF', () => {
    expect(errors(`\r\n${ram.replace('\n', '\r\n')}\r\n\r\nnope\r\n`)[0]).toMatch(/^line 5: .*"nope"$/);
  });
});

describe('boot memory beyond the address space', () => {
  it('refuses System RAM above 2^46 and names the line', () => {
    const r = parseIomemText('00001000-0009fbff : System RAM\n400000000000-4000ffffffff : System RAM\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^line 2: System RAM ends at 0x4000ffffffff, above 2\^46/);
  });
});
