/**
 * What a user can hand Hotplug Explorer, as fast-check arbitraries: scenario files (random
 * JSON, and kept scenarios with a few mutations), operation sequences whose ranges run
 * past the 46-bit address space or split blocks, /proc/iomem texts and share links.
 * The property tests and `npm run fuzz` draw from the same arbitraries.
 */
import fc from 'fast-check';
import { KERNEL_IDS, MAX_PHYS_ADDR, ONLINE_POLICIES, OP_NAMES, SECTION_SIZE_BYTES, type AltmapSpec, type KernelConfig, type KernelId, type MachineSpec, type Op } from '../index';

const KiB = 2 ** 10;
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const TOP = MAX_PHYS_ADDR;
const SECTION = SECTION_SIZE_BYTES;
const SECTIONS = TOP / SECTION;

// ---- numbers ----

/** Section-aligned addresses where things happen: above boot RAM, around 4 GiB, near the top. */
const PLACES = [0, 0x100000, 0x40000000, 0x80000000, 0xc0000000, 0x100000000, 0x108000000, 0x110000000, 0x140000000, 0x180000000, 2 ** 40, 2 ** 44, TOP - 4 * SECTION, TOP - 2 * SECTION, TOP - SECTION];

/** Addresses a scenario can name: aligned, misaligned, at and past 2^46, up to 2^53. */
const address: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PLACES) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: SECTIONS - 1 }).map((n) => n * SECTION) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 64 }).map((n) => TOP + n * SECTION) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PLACES), fc.constantFrom(1, 4 * KiB, 2 * MiB, 64 * MiB, SECTION / 2))
      .map(([at, off]) => at + off),
  },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);

/** Sizes: whole sections mostly, then zero, pages, sub-sections, gigabytes and sizes up to 2^53. */
const size: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 16 }).map((n) => n * SECTION) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 4 * KiB, 2 * MiB, 64 * MiB, 256 * MiB + 4 * KiB, GiB, 16 * GiB) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((n) => n * 2 * MiB) },
  { weight: 1, arbitrary: fc.constantFrom(TOP - 0x100000000, 0x3ffff0000000, TOP, 2 * TOP) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);

const nid = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constant(63) });
const dev = fc.constantFrom('gpu0', 'gpu1', 'pmem0', 'dax0.0', 'nic1');
const onlineAs = fc.constantFrom('online', 'online_kernel', 'online_movable' as const);
const altmap: fc.Arbitrary<AltmapSpec | null> = fc.option(
  fc.record({
    reserve: fc.oneof(fc.constantFrom(0, 2, 512), fc.maxSafeNat()),
    free: fc.oneof(fc.constantFrom(0, 4096, 32768), fc.maxSafeNat()),
  }),
  { freq: 2 },
);

// ---- operations ----

interface Range {
  start: number;
  size: number;
}
const range: fc.Arbitrary<Range> = fc.record({ start: address, size });

/** One operation; its range is either the sequence's own (so later steps meet earlier ones) or a fresh one. */
function opOn(pool: readonly Range[]): fc.Arbitrary<Op> {
  const where = fc.oneof({ weight: 3, arbitrary: fc.nat({ max: pool.length - 1 }).map((i) => pool[i]!) }, { weight: 1, arbitrary: range });
  return fc.oneof(
    fc.record({ r: where, nid }).map(({ r, nid }): Op => ({ op: 'add_memory', nid, start: r.start, size: r.size })),
    fc.record({ r: where, as: onlineAs }).map(({ r, as }): Op => ({ op: 'online', start: r.start, size: r.size, as })),
    where.map((r): Op => ({ op: 'offline', start: r.start, size: r.size })),
    fc.record({ r: where, nid }).map(({ r, nid }): Op => ({ op: 'remove_memory', nid, start: r.start, size: r.size })),
    fc.record({ r: where, dev }).map(({ r, dev }): Op => ({ op: 'request_mem_region', dev, start: r.start, size: r.size, name: dev })),
    fc.record({ r: where, dev }).map(({ r, dev }): Op => ({ op: 'release_mem_region', dev, start: r.start, size: r.size })),
    fc.record({ r: where, dev, nid, altmap }).map(({ r, dev, nid, altmap }): Op => ({ op: 'devm_memremap_pages', dev, nid, start: r.start, size: r.size, altmap })),
    dev.map((dev): Op => ({ op: 'devm_memremap_pages_release', dev })),
    fc.record({ r: where, dev, nid, type: fc.constantFrom('private', 'public' as const), at: fc.boolean() }).map(
      ({ r, dev, nid, type, at }): Op => (at ? { op: 'hmm_devmem_add', dev, nid, size: r.size, type, start: r.start } : { op: 'hmm_devmem_add', dev, nid, size: r.size, type }),
    ),
    dev.map((dev): Op => ({ op: 'hmm_devmem_remove', dev })),
    fc.record({ r: where, dev, nid }).map(({ r, dev, nid }): Op => ({ op: 'dax_kmem_probe', dev, nid, start: r.start, size: r.size })),
    dev.map((dev): Op => ({ op: 'dax_kmem_remove', dev })),
  );
}

export const opSequence: fc.Arbitrary<Op[]> = fc
  .array(range, { minLength: 1, maxLength: 4 })
  .chain((pool) => fc.array(opOn(pool), { minLength: 1, maxLength: 12 }));

export const kernelId: fc.Arbitrary<KernelId> = fc.constantFrom(...KERNEL_IDS);

export const kernelConfig: fc.Arbitrary<KernelConfig> = fc
  .record({
    debug_vm: fc.boolean(),
    movable_node: fc.boolean(),
    auto_online: fc.boolean(),
    memmap_on_memory: fc.boolean(),
    online_policy: fc.constantFrom(...ONLINE_POLICIES),
    auto_movable_ratio: fc.oneof(fc.constant(301), fc.integer({ min: 0, max: 1000 }), fc.constant(0xffffffff)),
    auto_movable_numa_aware: fc.boolean(),
    block_size: fc.option(fc.constantFrom(SECTION, 2 * SECTION, 2 * GiB, 16 * GiB, 2 ** 40, TOP), { freq: 4, nil: undefined }),
  })
  .map((c) => {
    const { block_size, ...rest } = c;
    return block_size === undefined ? rest : { ...rest, block_size };
  });

/** Boot memory given as a list of ranges, inside the address space (the schema keeps it there). */
export const ramMachine: fc.Arbitrary<MachineSpec> = fc
  .array(fc.record({ start: fc.integer({ min: 0, max: 4096 }), pages: fc.integer({ min: 1, max: 2 ** 20 }), nid }), { minLength: 1, maxLength: 4 })
  .map((rs) => {
    // laid end to end in 1 MiB steps so they never overlap
    let at = 0;
    const ram = rs.map((r) => {
      const start = at + r.start * MiB;
      at = start + r.pages * 4 * KiB;
      return { start, size: r.pages * 4 * KiB, nid: r.nid };
    });
    return { kind: 'ram' as const, ram: ram.filter((r) => r.start + r.size <= TOP) };
  })
  .filter((m) => m.ram.length > 0);

// ---- /proc/iomem text ----

const IOMEM_NAMES = ['System RAM', 'Reserved', 'reserved', 'Kernel code', 'Kernel data', 'ACPI Tables', 'PCI Bus 0000:00', 'pmem0', 'dax0.0', 'System RAM (kmem)', 'Persistent Memory', 'Persistent Memory (legacy)', 'Crash kernel', 'PCI mem', ''];
const iomemName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...IOMEM_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });

interface IomemNode {
  start: number;
  end: number;
  name: string;
  kids: IomemNode[];
}

/** A well-formed tree: children split their parent's range in order, so most texts parse. */
function treeIn(start: number, end: number, depth: number): fc.Arbitrary<IomemNode[]> {
  if (depth > 2 || end - start < 2) return fc.constant([]);
  return fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), iomemName), { maxLength: depth === 0 ? 6 : 3 })
    .chain((cuts) => {
      const spans = cuts
        .map(([a, b, name]) => {
          const lo = start + Math.floor(Math.min(a, b) * (end - start));
          const hi = start + Math.floor(Math.max(a, b) * (end - start));
          return { lo, hi, name };
        })
        .sort((x, y) => x.lo - y.lo);
      const kept: { lo: number; hi: number; name: string }[] = [];
      for (const s of spans) if (s.hi > s.lo && (kept.length === 0 || s.lo > kept[kept.length - 1]!.hi)) kept.push(s);
      if (kept.length === 0) return fc.constant([]);
      return fc.tuple(...kept.map((s) => treeIn(s.lo, s.hi, depth + 1).map((kids): IomemNode => ({ start: s.lo, end: s.hi, name: s.name, kids }))));
    });
}

function printTree(nodes: IomemNode[], depth: number, width: number, out: string[]): void {
  for (const n of nodes) {
    out.push(`${'  '.repeat(depth)}${n.start.toString(16).padStart(width, '0')}-${n.end.toString(16).padStart(width, '0')} : ${n.name}`);
    printTree(n.kids, depth + 1, width, out);
  }
}

const wellFormedIomem: fc.Arbitrary<string> = fc
  .tuple(
    // a machine with tens of TiB of RAM boots in a second: possible, but kept rare
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(2 ** 32, 2 ** 36) }, { weight: 2, arbitrary: fc.constant(2 ** 40) }, { weight: 1, arbitrary: fc.constantFrom(TOP, 2 ** 48) }),
    fc.constantFrom(8, 12, 16),
    fc.boolean(),
  )
  .chain(([top, width, ram]) =>
    treeIn(0, top - 1, 0).map((roots) => {
      const out: string[] = [];
      // a machine needs boot RAM: most texts get one top-level System RAM at the bottom
      if (ram && (roots.length === 0 || roots[0]!.start > 0x100000)) out.push(`${'1000'.padStart(width, '0')}-${'9fbff'.padStart(width, '0')} : System RAM`);
      printTree(ram ? roots.filter((r) => r.start > 0x9fbff) : roots, 0, width, out);
      return out.join('\n') + '\n';
    }),
  );

/** A line-level edit of an iomem text: what a paste from a terminal can do to it. */
const lineEdit = fc.record({ at: fc.nat(), kind: fc.nat({ max: 5 }), text: fc.string({ maxLength: 30 }) });

function editLines(text: string, edits: { at: number; kind: number; text: string }[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = lines.length ? e.at % lines.length : 0;
    const line = lines[i] ?? '';
    switch (e.kind) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, e.text); break;
      case 2: lines[i] = ' ' + line; break;
      case 3: lines[i] = line.replace(/[0-9a-f]/i, e.text.slice(0, 3) || 'g'); break;
      case 4: lines[i] = line.replace(/-/, '-fffffffffffffffff'); break;
      default: lines[i] = line + '\r'; break;
    }
  }
  return lines.join('\n');
}

export const iomemText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: wellFormedIomem },
  { weight: 3, arbitrary: fc.tuple(wellFormedIomem, fc.array(lineEdit, { minLength: 1, maxLength: 4 })).map(([t, e]) => editLines(t, e)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('00000000-00000fff : Reserved', '  00001000-0009fbff : System RAM', '00000000-00000000 : System RAM', 'ffffffffffffffff-0 : x', '\t00001000-0009fbff : System RAM', '00100000-3fffffffffff : System RAM', '400000000000-7fffffffffff : System RAM'), { maxLength: 6 }).map((ls) => ls.join('\n')) },
);

// ---- scenario files ----

/** Values a scenario field may hold, and values it must not. */
const NUMBERISH = [0, 1, -1, 1.5, 2 ** 53, 2 ** 64, 1e308, -0, '0x140000000', '0x3ffff0000000', '0x100000000', '128M', '1G', '64T', '1P', '-0x1', '0x', '12Q', '1.5G', '0xffffffffffffffff', '0x10000000000000000', '', ' 128M ', 'NaN'];
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...NUMBERISH) },
  { weight: 2, arbitrary: address },
  { weight: 2, arbitrary: address.map((n) => '0x' + n.toString(16)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, 'gpu0', 'online_movable', 'private', '\n', 'a'.repeat(80), [], {}) },
);

const STEP_FIELDS = ['op', 'nid', 'start', 'size', 'as', 'dev', 'name', 'type', 'altmap', 'reserve', 'free', 'extra'];
const rawStep: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom<unknown>(...OP_NAMES) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('add_memroy', 'hotplug', '', 7, null) }),
    fc.dictionary(fc.constantFrom(...STEP_FIELDS.slice(1)), fieldValue, { maxKeys: 6 }),
  )
  .map(([op, fields]) => ({ op, ...fields }));

/** A JSON object shaped like a scenario, every field of which may be wrong. */
const rawScenario: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      format: fc.oneof({ weight: 9, arbitrary: fc.constant<unknown>('hotplug-explorer/scenario') }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      version: fc.oneof({ weight: 9, arbitrary: fc.constant<unknown>(1) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 2, '1', 1.5, null) }),
      title: fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 1 })),
      kernel: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...KERNEL_IDS) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('v6.12', 'V4.18', 5.5) }),
      arch: fc.constantFrom<unknown>('x86_64', 'arm64'),
      config: fc.dictionary(fc.constantFrom('debug_vm', 'movable_node', 'auto_online', 'block_size', 'memmap_on_memory', 'online_policy', 'auto_movable_ratio', 'auto_movable_numa_aware'), fc.oneof(fc.boolean(), fieldValue), { maxKeys: 4 }),
      machine: fc.oneof(
        fc.record({ iomem: iomemText }),
        // machine.nodes: node ranges that may overlap, run past 2^46, name a node that cannot be
        fc.record({ iomem: iomemText, nodes: fc.array(fc.dictionary(fc.constantFrom('nid', 'start', 'size', 'cpus'), fc.oneof(fieldValue, fc.nat({ max: 70 })), { maxKeys: 3 }), { maxLength: 3 }) }),
        fc.record({ ram: fc.array(fc.dictionary(fc.constantFrom('start', 'size', 'nid', 'end'), fieldValue, { maxKeys: 3 }), { maxLength: 3 }) }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      steps: fc.oneof({ weight: 6, arbitrary: fc.array(rawStep, { maxLength: 8 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
      cursor: fc.oneof(fc.nat({ max: 10 }), fieldValue),
    },
    { requiredKeys: ['format', 'version'] },
  );

/** A number as a person writes it in a scenario: plain, hex, or with a binary suffix. */
function written(n: number, form: number): number | string {
  if (form === 0) return n;
  if (form === 1 || n === 0) return '0x' + n.toString(16);
  for (const [suffix, unit] of [['G', GiB], ['M', MiB], ['K', KiB]] as const) if (n % unit === 0) return `${n / unit}${suffix}`;
  return '0x' + n.toString(16);
}

/** A scenario made of operations the schema accepts, written in any of the number forms. */
const plausibleScenario: fc.Arbitrary<Record<string, unknown>> = fc
  .record({ kernel: kernelId, config: kernelConfig, steps: opSequence, form: fc.nat({ max: 2 }), ram: fc.option(ramMachine, { nil: undefined }), cursor: fc.option(fc.nat({ max: 12 }), { nil: undefined }) })
  .map(({ kernel, config, steps, form, ram, cursor }) => ({
    format: 'hotplug-explorer/scenario',
    version: 1,
    kernel,
    config,
    ...(ram && ram.kind === 'ram' ? { machine: { ram: ram.ram.map((r) => ({ start: written(r.start, form), size: written(r.size, form), nid: r.nid })) } } : {}),
    steps: steps.map((op) => Object.fromEntries(Object.entries(op).map(([k, v]) => [k, typeof v === 'number' && k !== 'nid' ? written(v, form) : v]))),
    ...(cursor === undefined ? {} : { cursor: Math.min(cursor, steps.length) }),
  }));

/** Scenario text: JSON-ish objects, arbitrary JSON, and text that is not JSON at all. */
export const scenarioText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: plausibleScenario.map((o) => JSON.stringify(o)) },
  { weight: 6, arbitrary: rawScenario.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
);

// ---- mutations of kept files ----

export interface Mutation {
  /** which node of the JSON tree, or which character of the text */
  at: number;
  kind: number;
  value: unknown;
  text: string;
}
export const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), kind: fc.nat({ max: 9 }), value: fieldValue, text: fc.string({ maxLength: 8 }) });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Slot {
  parent: Json[] | { [k: string]: Json };
  key: number | string;
}

/** Every place in the tree a value sits, depth first. */
function slots(v: Json, out: Slot[] = []): Slot[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push({ parent: v, key: i });
      slots(x, out);
    });
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push({ parent: v, key: k });
      slots(v[k]!, out);
    }
  }
  return out;
}

/** Applies mutations to a JSON text: structural ones to the parsed tree, then character-level ones. */
export function mutateJsonText(text: string, muts: readonly Mutation[]): string {
  let tree: Json;
  try {
    tree = JSON.parse(text) as Json;
  } catch {
    tree = null;
  }
  const chars: Mutation[] = [];
  for (const m of muts) {
    if (m.kind >= 7 || tree === null) {
      chars.push(m);
      continue;
    }
    const all = slots(tree);
    const s = all[m.at % Math.max(all.length, 1)];
    if (!s) continue;
    const get = (): Json => (s.parent as Record<string | number, Json>)[s.key]!;
    const set = (x: Json): void => void ((s.parent as Record<string | number, Json>)[s.key] = x);
    switch (m.kind) {
      case 0: set(m.value as Json); break;
      case 1:
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
        else delete s.parent[s.key as string];
        break;
      case 2: if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, JSON.parse(JSON.stringify(get())) as Json); break;
      case 3: if (!Array.isArray(s.parent)) s.parent[m.text || 'x'] = m.value as Json; break;
      case 4: { const v = get(); if (typeof v === 'number') set(v * 2 ** (m.at % 20)); else if (typeof v === 'string') set(v + m.text); break; }
      case 5: { const v = get(); if (typeof v === 'number') set(-v - 1); else set(String(v) as Json); break; }
      default: set(typeof m.value === 'number' ? m.value + 2 ** 46 : (m.value as Json));
    }
  }
  let out = tree === null ? text : JSON.stringify(tree, null, 1);
  for (const m of chars) out = mutateChars(out, m);
  return out;
}

/** One character-level edit: delete, insert, replace or cut the text short. */
function mutateChars(text: string, m: Mutation): string {
  const i = text.length ? m.at % text.length : 0;
  switch (m.kind % 4) {
    case 0: return text.slice(0, i) + text.slice(i + 1 + (m.at % 3));
    case 1: return text.slice(0, i) + m.text + text.slice(i);
    case 2: return text.slice(0, i) + (m.text || '"') + text.slice(i + Math.max(1, m.text.length));
    default: return text.slice(0, i);
  }
}

// ---- share links ----

/** Characters of the compressed scenario, with neighbours outside lz-string's alphabet. */
const LINK_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const linkChar = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...LINK_CHARS) }, { weight: 1, arbitrary: fc.constantFrom('$', ' ', '%', '%zz', '%E0%A4', '&', '=', '#', '.', '!', '*', '~', '"', 'é', '\u0000', '\ud800') });

export interface LinkEdit {
  at: number;
  kind: number;
  chars: string;
  param: string;
  value: string;
}
const PARAMS = ['v', 'k', 'c', 'n', 's', 'view', 'lesson', 'mode', 'embed'];
const PARAM_VALUES = ['1', '0', '2', '-1', '1e3', 'v4.18', 'v9.9', 'compare', 'explore', 'present', 'map', 'zone-device-resource', '<script>', '', ' ', '%', '99999999999999999999'];
export const linkEdit: fc.Arbitrary<LinkEdit> = fc.record({
  at: fc.nat(),
  kind: fc.nat({ max: 6 }),
  chars: fc.array(linkChar, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')),
  param: fc.constantFrom(...PARAMS),
  value: fc.oneof(fc.constantFrom(...PARAM_VALUES), fc.string({ maxLength: 10 })),
});

/** Edits a link the way copying, pasting and hand-editing do. */
export function editLink(link: string, edits: readonly LinkEdit[]): string {
  let out = link;
  for (const e of edits) {
    const s = out.indexOf('s=');
    const body = s < 0 ? 0 : s + 2;
    const i = body + (out.length > body ? e.at % (out.length - body) : 0);
    switch (e.kind) {
      case 0: out = out.slice(0, i) + e.chars + out.slice(i + 1); break;
      case 1: out = out.slice(0, i) + e.chars + out.slice(i); break;
      case 2: out = out.slice(0, i) + out.slice(i + 1 + (e.at % 5)); break;
      case 3: out = out.slice(0, i); break;
      case 4: out = out.replace(new RegExp(`([#&])${e.param}=[^&]*`), `$1${e.param}=${e.value}`); break;
      case 5: out = `${out}&${e.param}=${e.value}`; break;
      default: out = out.replace(/s=/, `s=${e.chars}`); break;
    }
  }
  return out;
}

export const linkString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(linkChar, { maxLength: 80 }).map((cs) => `#v=1&k=v5.5&s=${cs.join('')}`),
  // only lz-string's own characters, often starting with one whose first code is 3 (w-z, 0-9, +, -, $):
  // what lz-string decodes then, or how it fails, is up to it
  fc
    .tuple(fc.oneof(fc.constantFrom(...LINK_CHARS), fc.constantFrom(...LINK_CHARS.slice(48))), fc.array(fc.constantFrom(...LINK_CHARS), { minLength: 3, maxLength: 40 }))
    .map(([first, cs]) => `#v=1&k=v5.5&s=${encodeURIComponent(first + cs.join(''))}`),
  fc.array(fc.tuple(fc.constantFrom(...PARAMS), fc.constantFrom(...PARAM_VALUES)), { maxLength: 6 }).map((ps) => '#' + ps.map(([k, v]) => `${k}=${v}`).join('&')),
);

// ---- exported images ----

export interface ByteEdit {
  at: number;
  kind: number;
  byte: number;
}
export const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({ at: fc.nat(), kind: fc.nat({ max: 4 }), byte: fc.nat({ max: 255 }) });

export function editBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let out = bytes.slice();
  for (const e of edits) {
    const i = out.length ? e.at % out.length : 0;
    if (e.kind === 0) out[i] = e.byte;
    else if (e.kind === 1) out = out.slice(0, i);
    else if (e.kind === 2) out = Uint8Array.from([...out.subarray(0, i), e.byte, ...out.subarray(i)]);
    else if (e.kind === 3) out[i] = out[i]! ^ (1 << (e.byte % 8));
    else out = Uint8Array.from([...out.subarray(0, i), ...out.subarray(i + 1)]);
  }
  return out;
}

/** SVG text around a link, with XML character references that may be out of Unicode's range. */
export const svgEdit: fc.Arbitrary<{ at: number; text: string }> = fc.record({
  at: fc.nat(),
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('&#99999999;', '&#x110000;', '&#xd800;', '&amp;', '&#0;', '&#65;', '<', '</metadata>', '"', "'", ' href="#v=1&s=$$$"') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  ),
});

export function editText(text: string, edits: readonly { at: number; text: string }[]): string {
  let out = text;
  for (const e of edits) {
    const i = out.length ? e.at % out.length : 0;
    out = out.slice(0, i) + e.text + out.slice(i);
  }
  return out;
}
