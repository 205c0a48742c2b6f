import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, KERNEL_IDS, ONLINE_POLICIES, type Op } from '../engine/ops';
import { parseIomemText } from './iomem-text';
import { parseScenario, serializeScenario } from './schema';
import type { MachineSpec, Scenario } from './types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEADER = '"format": "hotplug-explorer/scenario", "version": 1';

function file(body: string): string {
  return body.trim() === '' ? `{ ${HEADER} }` : `{ ${HEADER}, ${body} }`;
}

function ok(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function errors(text: string): string[] {
  const r = parseScenario(text);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

function steps(...list: object[]): string {
  return file(`"steps": ${JSON.stringify(list)}`);
}

describe('the example in scenario-format.md', () => {
  const md = readFileSync(`${ROOT}docs/scenario-format.md`, 'utf8');
  const example = /```json\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';

  it('is refused only for its elided iomem line "..."', () => {
    expect(errors(example)).toEqual([
      'machine.iomem: line 3: not a /proc/iomem line (expected "<start>-<end> : <name>", indented two spaces per level): "..."',
    ]);
  });

  it('parses with the elision removed', () => {
    const s = ok(example.replace('\\n...', ''));
    expect(s).toMatchObject({
      title: 'HMM device-private memory under RFC v1',
      kernel: 'rfc-v1',
      arch: 'x86_64',
      config: { debug_vm: true, movable_node: false, auto_online: false },
      cursor: 2,
    });
    expect(s.machine.kind).toBe('iomem');
    expect(s.steps).toEqual([
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 0x10000000, type: 'private' },
      { op: 'hmm_devmem_remove', dev: 'gpu0' },
      { op: 'request_mem_region', dev: 'nic1', start: 0x3ffff0000000, size: 0x10000000, name: 'nic1-bar' },
    ]);
  });
});

describe('parseScenario fills in defaults', () => {
  it('for a file with only its header', () => {
    const r = parseScenario(file(''));
    expect(r).toEqual({
      ok: true,
      notes: [],
      scenario: {
        title: '',
        kernel: 'v5.5',
        arch: 'x86_64',
        config: DEFAULT_CONFIG,
        machine: { kind: 'default' },
        steps: [],
        cursor: null,
      },
    });
  });

  it('for config fields left out', () => {
    expect(ok(file('"config": { "movable_node": true }')).config).toStrictEqual({
      debug_vm: true,
      movable_node: true,
      auto_online: false,
      memmap_on_memory: false,
      online_policy: 'contig-zones',
      auto_movable_ratio: 301,
      auto_movable_numa_aware: true,
    });
  });

  it('for nid where an op may leave it out, and name of request_mem_region', () => {
    const s = ok(
      steps(
        { op: 'devm_memremap_pages', dev: 'pmem0', start: '0x140000000', size: '1G', altmap: null },
        { op: 'hmm_devmem_add', dev: 'gpu0', size: '256M', type: 'public' },
        { op: 'dax_kmem_probe', dev: 'dax0.0', start: '4G', size: '1G' },
        { op: 'request_mem_region', dev: 'nic1', start: '0x3ffff0000000', size: '256M' },
      ),
    );
    expect(s.steps[0]).toMatchObject({ nid: 0 });
    expect(s.steps[1]).toStrictEqual({ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 0x10000000, type: 'public' });
    expect(s.steps[2]).toMatchObject({ nid: 0, start: 2 ** 32 });
    expect(s.steps[3]).toMatchObject({ name: 'nic1' });
  });

  it('but not a missing nid of add_memory or remove_memory', () => {
    expect(errors(steps({ op: 'add_memory', start: '4G', size: '128M' }))).toEqual([
      'step 1 (add_memory): field "nid" is missing',
    ]);
    expect(errors(steps({ op: 'remove_memory', start: '4G', size: '128M' }))).toEqual([
      'step 1 (remove_memory): field "nid" is missing',
    ]);
  });
});

describe('parseScenario reads', () => {
  it('every op with every field', () => {
    const s = ok(
      steps(
        { op: 'add_memory', nid: 1, start: '0x140000000', size: '1G' },
        { op: 'online', start: 5368709120, size: '128MiB', as: 'online_movable' },
        { op: 'offline', start: '0x140000000', size: '0x8000000' },
        { op: 'remove_memory', nid: '1', start: '5G', size: '1G' },
        { op: 'release_mem_region', dev: 'nic1', start: '0x3ffff0000000', size: '256M' },
        { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: '6G', size: '1G', altmap: { reserve: 2, free: '0x1000' } },
        { op: 'devm_memremap_pages_release', dev: 'pmem0' },
        { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: '256M', type: 'private', start: '0x3fff00000000' },
        { op: 'dax_kmem_remove', dev: 'dax0.0' },
      ),
    );
    expect(s.steps).toStrictEqual<Op[]>([
      { op: 'add_memory', nid: 1, start: 0x140000000, size: 2 ** 30 },
      { op: 'online', start: 0x140000000, size: 2 ** 27, as: 'online_movable' },
      { op: 'offline', start: 0x140000000, size: 2 ** 27 },
      { op: 'remove_memory', nid: 1, start: 5 * 2 ** 30, size: 2 ** 30 },
      { op: 'release_mem_region', dev: 'nic1', start: 0x3ffff0000000, size: 2 ** 28 },
      { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: 6 * 2 ** 30, size: 2 ** 30, altmap: { reserve: 2, free: 4096 } },
      { op: 'devm_memremap_pages_release', dev: 'pmem0' },
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 2 ** 28, type: 'private', start: 0x3fff00000000 },
      { op: 'dax_kmem_remove', dev: 'dax0.0' },
    ]);
  });

  it('a machine given as /proc/iomem text, keeping the text and noting what was inferred', () => {
    const text = readFileSync(`${ROOT}fixtures/qemu-pc-2g.iomem`, 'utf8');
    const r = parseScenario(file(`"machine": { "iomem": ${JSON.stringify(text)} }`));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const parsed = parseIomemText(text);
    if (!parsed.ok) throw new Error('fixture');
    expect(r.scenario.machine).toStrictEqual({ kind: 'iomem', text, entries: parsed.entries });
    expect(r.notes).toHaveLength(27);
    expect(r.notes[0]).toMatch(/^machine\.iomem line 1 "Reserved": .*1 MiB/);
  });

  it('a machine given as RAM ranges', () => {
    const s = ok(file('"machine": { "ram": [ { "start": 0, "size": "2G" }, { "start": "4G", "size": "2G", "nid": 1 } ] }'));
    expect(s.machine).toStrictEqual<MachineSpec>({
      kind: 'ram',
      ram: [
        { start: 0, size: 2 ** 31, nid: 0 },
        { start: 2 ** 32, size: 2 ** 31, nid: 1 },
      ],
    });
  });

  it('a block size override that is a power of two from 128 MiB', () => {
    expect(ok(file('"config": { "block_size": "2G" }')).config.block_size).toBe(2 ** 31);
    expect(ok(file('"config": { "block_size": "0x8000000" }')).config.block_size).toBe(2 ** 27);
  });

  it('every kernel id, a cursor from 0 to the number of steps, and a BOM', () => {
    for (const kernel of KERNEL_IDS) expect(ok(file(`"kernel": "${kernel}"`)).kernel).toBe(kernel);
    expect(ok(file('"cursor": 0')).cursor).toBe(0);
    expect(ok(file('"cursor": null')).cursor).toBeNull();
    expect(ok(`\uFEFF${file('"steps": [{ "op": "hmm_devmem_remove", "dev": "g" }], "cursor": 1')}`).cursor).toBe(1);
  });
});

describe('parseScenario refuses, naming the step and the field', () => {
  it('bad JSON, with its line and column', () => {
    expect(errors('{\n  "format": "hotplug-explorer/scenario",\n  "version": 1,\n}')).toEqual([
      'not valid JSON: a trailing comma before "}" is not allowed in JSON at line 4 column 1',
    ]);
    expect(errors(`{ ${HEADER}, "steps": [ { "op": "add_memory", "start": 0x140000000 } ] }`)[0]).toMatch(
      /^not valid JSON: a malformed number \(hex .* must be written as strings\) at line 1 column \d+$/,
    );
    expect(errors('')).toEqual(['not valid JSON: unexpected end of text (something is not closed) at line 1 column 1']);
  });

  it('JSON that is not an object', () => {
    for (const text of ['[]', '"scenario"', 'null', '42']) {
      expect(errors(text)).toEqual(['not a scenario: expected a JSON object']);
    }
  });

  it('a file of another format', () => {
    expect(errors('{ "version": 1 }')[0]).toMatch(/^not a Hotplug Explorer scenario: it has no "format" field/);
    expect(errors('{ "format": "something-else", "version": 1 }')).toEqual([
      'not a Hotplug Explorer scenario: "format" is "something-else", expected "hotplug-explorer/scenario"',
    ]);
  });

  it('a version from the future, alone (its other fields may be new)', () => {
    expect(errors('{ "format": "hotplug-explorer/scenario", "version": 2, "wormholes": true }')).toEqual([
      'this scenario is format version 2, newer than this Hotplug Explorer understands (1)',
    ]);
  });

  it('a missing, fractional, textual or zero version', () => {
    expect(errors('{ "format": "hotplug-explorer/scenario" }')[0]).toMatch(/^field "version" is missing/);
    expect(errors('{ "format": "hotplug-explorer/scenario", "version": 1.5 }')).toEqual([
      'field "version": 1.5 is not an integer',
    ]);
    expect(errors('{ "format": "hotplug-explorer/scenario", "version": "1" }')).toEqual([
      'field "version": "1" is not an integer',
    ]);
    expect(errors('{ "format": "hotplug-explorer/scenario", "version": 0 }')[0]).toMatch(
      /^field "version": 0 is not a valid format version/,
    );
  });

  it('an unknown op, suggesting the likely one', () => {
    const [message] = errors(steps({ op: 'hmm_devmem_remove', dev: 'g' }, { op: 'add_memroy', nid: 0 }));
    expect(message).toMatch(/^step 2: unknown op "add_memroy" \(expected one of add_memory, online, offline, /);
    expect(message).toMatch(/did you mean "add_memory"\?$/);
  });

  it('a step without an op, or not an object', () => {
    expect(errors(steps({ dev: 'g' }))[0]).toMatch(/^step 1: field "op" is missing \(expected one of add_memory, /);
    expect(errors(steps({ op: 7 }))[0]).toMatch(/^step 1: field "op": 7 is not an op name/);
    expect(errors(file('"steps": [ "add_memory" ]'))).toEqual([
      'step 1: expected an object like { "op": "add_memory", ... }, got "add_memory"',
    ]);
    expect(errors(file('"steps": { "op": "add_memory" }'))).toEqual(['field "steps": {"op":"add_memory"} is not a list']);
  });

  it('a missing field', () => {
    expect(errors(steps({ op: 'online', start: '4G', size: '128M' }))).toEqual(['step 1 (online): field "as" is missing']);
    expect(errors(steps({ op: 'devm_memremap_pages', dev: 'p', start: '4G', size: '1G' }))).toEqual([
      'step 1 (devm_memremap_pages): field "altmap" is missing',
    ]);
    expect(errors(steps({ op: 'release_mem_region', start: '4G', size: '1G' }))).toEqual([
      'step 1 (release_mem_region): field "dev" is missing',
    ]);
  });

  it('a field that is not a number', () => {
    expect(errors(steps({ op: 'add_memory', nid: 0, start: '0x14000000g', size: '128M' }))[0]).toMatch(
      /^step 1 \(add_memory\): field "start": "0x14000000g" is not a number/,
    );
    expect(
      errors(steps({ op: 'devm_memremap_pages', dev: 'p', start: 0, size: 0, altmap: { reserve: 'x', free: 1 } }))[0],
    ).toMatch(/^step 1 \(devm_memremap_pages\): field "altmap.reserve": "x" is not a number/);
    expect(errors(steps({ op: 'offline', start: -4096, size: 1.5 }))).toEqual([
      'step 1 (offline): field "start": -4096 is negative',
      'step 1 (offline): field "size": 1.5 is fractional: addresses, sizes and counts are whole numbers',
    ]);
  });

  it('a number beyond 64 bits, or beyond what a double holds exactly', () => {
    expect(errors(steps({ op: 'offline', start: '0x10000000000000000', size: '128M' }))).toEqual([
      'step 1 (offline): field "start": "0x10000000000000000" is beyond 64 bits (above 0xffffffffffffffff)',
    ]);
    expect(errors(steps({ op: 'offline', start: '0xffffffffffffffff', size: '128M' }))).toEqual([
      'step 1 (offline): field "start": "0xffffffffffffffff" is too large to simulate exactly (above 2^53)',
    ]);
  });

  it('a value outside its choices', () => {
    expect(errors(steps({ op: 'online', start: 0, size: 0, as: 'movable' }))).toEqual([
      'step 1 (online): field "as": "movable" is not one of online, online_kernel, online_movable',
    ]);
    expect(errors(steps({ op: 'hmm_devmem_add', dev: 'g', size: 0, type: 'shared' }))).toEqual([
      'step 1 (hmm_devmem_add): field "type": "shared" is not one of private, public',
    ]);
    expect(errors(file('"kernel": "v6.1"'))).toEqual([`field "kernel": "v6.1" is not one of ${KERNEL_IDS.join(', ')}`]);
    expect(errors(file('"arch": "arm64"'))).toEqual(['field "arch": "arm64" is not allowed here (it must be x86_64)']);
    expect(errors(file('"config": { "debug_vm": "yes" }'))).toEqual([
      'config: field "debug_vm": "yes" is not true or false',
    ]);
  });

  it('a node id beyond MAX_NUMNODES', () => {
    expect(errors(steps({ op: 'add_memory', nid: 64, start: 0, size: 0 }))[0]).toMatch(
      /^step 1 \(add_memory\): field "nid": 64 is not a node id: x86_64 has at most 64 nodes/,
    );
  });

  it('a device name that is empty, too long, or would break a line of output', () => {
    expect(errors(steps({ op: 'hmm_devmem_remove', dev: '' }))).toEqual([
      'step 1 (hmm_devmem_remove): field "dev": a device name must not be empty',
    ]);
    expect(errors(steps({ op: 'hmm_devmem_remove', dev: 'x'.repeat(65) }))).toEqual([
      'step 1 (hmm_devmem_remove): field "dev": a device name is longer than 64 characters',
    ]);
    expect(errors(steps({ op: 'request_mem_region', dev: 'a', start: 0, size: 1, name: 'bar\n0-1 : fake' }))).toEqual([
      'step 1 (request_mem_region): field "name": a resource name must not contain control characters such as line breaks',
    ]);
    expect(ok(steps({ op: 'hmm_devmem_remove', dev: 'x'.repeat(64) })).steps).toHaveLength(1);
  });

  it('an unknown field anywhere, suggesting the likely one', () => {
    expect(errors(steps({ op: 'add_memory', nid: 0, start: 0, sise: '128M', size: '128M' }))).toEqual([
      'step 1 (add_memory): unknown field "sise" (did you mean "size"?); the fields here are op, nid, start, size',
    ]);
    expect(errors(file('"titel": "x"'))[0]).toMatch(/^unknown field "titel" \(did you mean "title"\?\); the fields here are format, version, title,/);
    expect(errors(file('"config": { "debugvm": false }'))[0]).toMatch(/^config: unknown field "debugvm" \(did you mean "debug_vm"\?\)/);
    expect(errors(file('"machine": { "iomem": "x", "rom": 1 }'))).toContain(
      'machine: unknown field "rom" (did you mean "ram"?); the fields here are iomem, ram, zoneinfo, nodes',
    );
    expect(
      errors(steps({ op: 'devm_memremap_pages', dev: 'p', start: 0, size: 0, altmap: { reserve: 0, free: 0, extra: 1 } })),
    ).toEqual(['step 1 (devm_memremap_pages): in "altmap": unknown field "extra"; the fields here are reserve, free']);
  });

  it('an iomem machine that cannot be read, naming its line', () => {
    expect(errors(file('"machine": { "iomem": "00100000-7fffffff : System RAM\\n  80000000-8fffffff : Kernel code" }'))).toEqual([
      'machine.iomem: line 2: lies outside its parent "System RAM" (line 1): "  80000000-8fffffff : Kernel code"',
    ]);
    expect(errors(file('"machine": { "iomem": "00000000-00000000 : System RAM\\n00000000-00000000 : Reserved" }'))).toEqual([
      'machine.iomem: every address in this /proc/iomem is 0: it was read without root (CAP_SYS_ADMIN); read it as root (sudo cat /proc/iomem)',
    ]);
    expect(errors(file('"machine": { "iomem": "" }'))).toEqual(['machine.iomem: the /proc/iomem text is empty']);
    expect(errors(file('"machine": { "iomem": 5 }'))).toEqual(['machine: field "iomem": 5 is not a string']);
  });

  it('a machine with both, or neither, of iomem and ram, or with bad RAM ranges', () => {
    expect(errors(file('"machine": { "iomem": "00100000-7fffffff : System RAM", "ram": [] }'))[0]).toMatch(
      /^machine: /,
    );
    expect(
      errors(file('"machine": { "iomem": "00100000-7fffffff : System RAM", "ram": [ { "start": 0, "size": 1 } ] }')),
    ).toEqual(['machine: give either "iomem" or "ram", not both']);
    expect(errors(file('"machine": {}'))[0]).toMatch(/^machine: expected "iomem" .* or "ram"/);
    expect(errors(file('"machine": { "ram": [] }'))).toEqual([
      'machine: field "ram": the list is empty: a machine needs boot memory',
    ]);
    expect(errors(file('"machine": { "ram": [ { "start": "1G", "size": "1G" }, { "start": "1536M", "size": "1G" } ] }'))).toEqual([
      'machine: ram range 2: overlaps ram range 1 (0x40000000+1G)',
    ]);
    expect(errors(file('"machine": { "ram": [ { "start": "0x3fffc0000000", "size": "2G" } ] }'))[0]).toMatch(
      /^machine: ram range 1: .* ends beyond the 46-bit physical address space/,
    );
    expect(errors(file('"machine": { "ram": [ { "start": 0, "size": 0, "nid": "x" } ] }'))).toEqual([
      'machine: ram range 1: field "size": a RAM range must not be empty',
      'machine: ram range 1: field "nid": "x" is not a number (expected an integer, a hex string like "0x140000000", or a size like "128M")',
    ]);
  });

  it('a block size that is not a power of two from 128 MiB', () => {
    for (const bad of ['100M', '64M', '3G', 0]) {
      expect(errors(file(`"config": { "block_size": ${JSON.stringify(bad)} }`))).toEqual([
        `config: field "block_size": ${JSON.stringify(bad)} is not a valid memory block size: it must be a power of two and a multiple of the 128 MiB section size`,
      ]);
    }
  });

  it('a block size larger than the 46-bit physical address space', () => {
    expect(ok(file('"config": { "block_size": "64T" }')).config.block_size).toBe(2 ** 46);
    expect(errors(file('"config": { "block_size": "128T" }'))).toEqual([
      'config: field "block_size": "128T" is not a valid memory block size: it is larger than the 64T physical address space of x86_64',
    ]);
  });

  it('a cursor that is not a step', () => {
    expect(errors(file('"cursor": 1'))).toEqual(['field "cursor": 1 is beyond the last step (0)']);
    expect(errors(file('"cursor": -1'))[0]).toMatch(/^field "cursor": -1 is not a step number/);
    expect(errors(file('"cursor": "2"'))[0]).toMatch(/^field "cursor": "2" is not a step number/);
  });

  it('collecting every problem, not just the first, up to 20', () => {
    const list = Array.from({ length: 30 }, (_, i) => ({ op: 'offline', start: `bad${i}`, size: '128M' }));
    const all = errors(steps(...list));
    expect(all).toHaveLength(21);
    expect(all[0]).toMatch(/^step 1 \(offline\): field "start": "bad0"/);
    expect(all[19]).toMatch(/^step 20 \(offline\): /);
    expect(all[20]).toBe('... and 10 more problems');
    expect(
      errors(file('"kernel": "x", "steps": [ { "op": "nope" }, { "op": "offline", "start": "y", "size": 0 } ]')),
    ).toHaveLength(3);
  });
});

describe('the online policy fields (v6.12)', () => {
  it('are read, and written back only when not the kernel\'s default', () => {
    const s = ok(file('"kernel": "v6.12", "config": { "online_policy": "auto-movable", "auto_movable_ratio": 150, "auto_movable_numa_aware": false }'));
    expect(s.config).toMatchObject({ online_policy: 'auto-movable', auto_movable_ratio: 150, auto_movable_numa_aware: false });
    expect(serializeScenario(s)).toContain('"online_policy": "auto-movable", "auto_movable_ratio": 150, "auto_movable_numa_aware": false');
    const defaults = ok(file('"config": { "online_policy": "contig-zones", "auto_movable_ratio": 301, "auto_movable_numa_aware": true }'));
    expect(serializeScenario(defaults)).not.toMatch(/online_policy|auto_movable/);
    expect(serializeScenario(defaults)).toBe(serializeScenario(ok(file(''))));
  });
  it('refuse a policy the kernel has not and a ratio outside an unsigned int', () => {
    expect(errors(file('"config": { "online_policy": "movable" }')).join('\n')).toMatch(/online_policy/);
    expect(errors(file('"config": { "auto_movable_ratio": 4294967296 }')).join('\n')).toMatch(/auto_movable_ratio.*unsigned int/);
    expect(errors(file('"config": { "auto_movable_numa_aware": "yes" }')).join('\n')).toMatch(/auto_movable_numa_aware/);
  });
});

describe('machine.nodes', () => {
  const IOMEM = JSON.stringify('00001000-0009fbff : System RAM\n00100000-7ffdffff : System RAM\n');
  const machine = (nodes: unknown, extra = `"iomem": ${IOMEM}`): string => file(`"machine": { ${extra}, "nodes": ${JSON.stringify(nodes)} }`);
  it('reads node ranges, a node without memory among them, and writes them back', () => {
    const s = ok(machine([{ nid: 1, start: '0x40000000', size: '1G' }, { nid: 2, start: 0, size: 0 }]));
    expect(s.machine.kind === 'iomem' && s.machine.nodes).toEqual([
      { nid: 1, start: 0x40000000, size: 0x40000000 },
      { nid: 2, start: 0, size: 0 },
    ]);
    const text = serializeScenario(s);
    expect(text).toContain('"nodes": [\n      { "nid": 1, "start": "0x40000000", "size": "1G" },\n      { "nid": 2, "start": "0x0", "size": 0 }\n    ]');
    expect(ok(text)).toStrictEqual(s);
  });
  it('a machine without nodes is written as before', () => {
    expect(serializeScenario(ok(file(`"machine": { "iomem": ${IOMEM} }`)))).toContain(`"machine": { "iomem": ${IOMEM} }`);
  });
  it.each([
    ['overlapping ranges', [{ nid: 0, start: 0, size: '1G' }, { nid: 1, start: '0x30000000', size: '1G' }], "machine: node range 2: node 1's range 0x30000000+1G overlaps node range 1 (node 0, 0x0+1G): a page belongs to one node"],
    ['a range past the physical address space', [{ nid: 1, start: '0x3fffc0000000', size: '2G' }], "machine: node range 1: node 1's range 0x3fffc0000000+2G ends beyond the 46-bit physical address space of x86_64"],
    ['a nid beyond MAX_NUMNODES', [{ nid: 1024, start: 0, size: 0 }], 'is not a node id'],
    ['a nid that is not a number', [{ nid: 'one', start: 0, size: 0 }], 'machine: node range 1: field "nid": "one" is not a number'],
    ['a missing field', [{ nid: 1, start: 0 }], 'size'],
    ['an unknown field', [{ nid: 1, start: 0, size: 0, cpus: 2 }], 'unknown field "cpus"'],
  ])('refuses %s with a message', (_, nodes, message) => {
    expect(errors(machine(nodes)).join('\n')).toContain(message);
  });
  it('belongs to an iomem machine', () => {
    expect(errors(file('"machine": { "ram": [{ "start": 0, "size": "1G" }], "nodes": [] }')).join('\n')).toContain('a "ram" machine gives each range its node with "nid"');
  });
});

describe('serializeScenario', () => {
  it('writes addresses in hex, sizes with binary suffixes, one step per line', () => {
    const text = serializeScenario(
      ok(
        steps(
          { op: 'add_memory', nid: 0, start: 5368709120, size: 134217728 },
          { op: 'hmm_devmem_add', dev: 'gpu0', size: 4097, type: 'private' },
        ),
      ),
    );
    expect(text).toContain('    { "op": "add_memory", "nid": 0, "start": "0x140000000", "size": "128M" },\n');
    expect(text).toContain('    { "op": "hmm_devmem_add", "dev": "gpu0", "nid": 0, "size": "0x1001", "type": "private" }\n');
    expect(text).not.toContain('"machine"');
    expect(text).not.toContain('"cursor"');
    expect(text.startsWith('{\n  "format": "hotplug-explorer/scenario",\n  "version": 1,\n')).toBe(true);
  });

  it('keeps the iomem text verbatim, CRLF and all', () => {
    const iomem = '00100000-7fffffff : System RAM  \r\n\r\n  01000000-01ffffff : Kernel code\r\n';
    const s = ok(file(`"machine": { "iomem": ${JSON.stringify(iomem)} }`));
    const again = ok(serializeScenario(s));
    expect(again.machine).toStrictEqual(s.machine);
    expect(again.machine.kind === 'iomem' && again.machine.text).toBe(iomem);
  });

  it('round-trips the fixtures and any valid scenario', () => {
    const fixtures = [
      readFileSync(`${ROOT}fixtures/qemu-pc-2g.iomem`, 'utf8'),
      ...readdirSync(`${ROOT}fixtures/qemu-6.1`)
        .filter((n) => /^B\d\d/.test(n))
        .slice(0, 3)
        .map((n) => {
          const text = readFileSync(`${ROOT}fixtures/qemu-6.1/${n}`, 'utf8');
          return text.slice(text.indexOf('## /proc/iomem (full)\n') + 22, text.indexOf('## /proc/zoneinfo'));
        }),
    ];
    const machines: MachineSpec[] = fixtures.map((text) => {
      const parsed = parseIomemText(text);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      return { kind: 'iomem', text, entries: parsed.entries };
    });

    fc.assert(
      fc.property(scenarioArbitrary(machines), (s) => {
        expect(ok(serializeScenario(s))).toStrictEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

function scenarioArbitrary(iomemMachines: MachineSpec[]): fc.Arbitrary<Scenario> {
  const address = fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 19 }).map((n) => n * 2 ** 27));
  const size = fc.oneof(
    fc.maxSafeNat(),
    fc.integer({ min: 0, max: 8192 }).map((n) => n * 2 ** 20),
    fc.constantFrom(0, 1, 4096, 2 ** 30, 2 ** 40),
  );
  const nid = fc.integer({ min: 0, max: 63 });
  const label = fc
    .string({ minLength: 1, maxLength: 64, unit: 'binary' })
    .filter((s) => s.length <= 64 && !/\p{Cc}/u.test(s));
  const count = fc.nat({ max: 2 ** 40 });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('add_memory' as const), nid, start: address, size }),
    fc.record({
      op: fc.constant('online' as const),
      start: address,
      size,
      as: fc.constantFrom('online' as const, 'online_kernel' as const, 'online_movable' as const),
    }),
    fc.record({ op: fc.constant('offline' as const), start: address, size }),
    fc.record({ op: fc.constant('remove_memory' as const), nid, start: address, size }),
    fc.record({ op: fc.constant('request_mem_region' as const), dev: label, start: address, size, name: label }),
    fc.record({ op: fc.constant('release_mem_region' as const), dev: label, start: address, size }),
    fc.record({
      op: fc.constant('devm_memremap_pages' as const),
      dev: label,
      nid,
      start: address,
      size,
      altmap: fc.option(fc.record({ reserve: count, free: count }), { nil: null }),
    }),
    fc.record({ op: fc.constant('devm_memremap_pages_release' as const), dev: label }),
    fc.record(
      {
        op: fc.constant('hmm_devmem_add' as const),
        dev: label,
        nid,
        size,
        type: fc.constantFrom('private' as const, 'public' as const),
        start: address,
      },
      { requiredKeys: ['op', 'dev', 'nid', 'size', 'type'] },
    ),
    fc.record({ op: fc.constant('hmm_devmem_remove' as const), dev: label }),
    fc.record({ op: fc.constant('dax_kmem_probe' as const), dev: label, nid, start: address, size }),
    fc.record({ op: fc.constant('dax_kmem_remove' as const), dev: label }),
  );
  const ramMachine: fc.Arbitrary<MachineSpec> = fc
    .uniqueArray(fc.integer({ min: 0, max: 60000 }), { minLength: 1, maxLength: 5 })
    .chain((slots) =>
      fc.tuple(...slots.map((slot) => fc.record({ start: fc.constant(slot * 2 ** 30), size: fc.integer({ min: 1, max: 2 ** 30 }), nid }))),
    )
    .map((ram) => ({ kind: 'ram' as const, ram }));
  const machine = fc.oneof(fc.constant<MachineSpec>({ kind: 'default' }), ramMachine, fc.constantFrom(...iomemMachines));
  const config = fc
    .record({
      debug_vm: fc.boolean(),
      movable_node: fc.boolean(),
      auto_online: fc.boolean(),
      memmap_on_memory: fc.boolean(),
      online_policy: fc.constantFrom(...ONLINE_POLICIES),
      auto_movable_ratio: fc.integer({ min: 0, max: 0xffffffff }),
      auto_movable_numa_aware: fc.boolean(),
      block_size: fc.integer({ min: 27, max: 40 }).map((bits) => 2 ** bits),
    }, { requiredKeys: ['debug_vm', 'movable_node', 'auto_online', 'memmap_on_memory', 'online_policy', 'auto_movable_ratio', 'auto_movable_numa_aware'] });
  return fc
    .record({
      title: fc.string({ unit: 'binary', maxLength: 80 }),
      kernel: fc.constantFrom(...KERNEL_IDS),
      arch: fc.constant('x86_64' as const),
      config,
      machine,
      steps: fc.array(op, { maxLength: 8 }),
    })
    .chain((s) =>
      fc.option(fc.integer({ min: 0, max: s.steps.length }), { nil: null }).map((cursor) => ({ ...s, cursor })),
    )
    .map((s) => withPlainPrototypes(s));
}

/** fc.record builds null-prototype objects, which toStrictEqual tells apart from parsed ones. */
function withPlainPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withPlainPrototypes) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlainPrototypes(v)])) as T;
  }
  return value;
}
