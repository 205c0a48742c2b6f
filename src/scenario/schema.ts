/**
 * The scenario file (docs/scenario-format.md §1) as a zod schema, and the functions that
 * read and write it. A file that is not valid is refused as a whole before anything runs, with
 * every problem found (up to MAX_ERRORS) so that one round of editing can fix them all.
 */
import * as z from 'zod';
import { MAX_NUMNODES, MAX_PHYS_ADDR, MIN_MEMORY_BLOCK_SIZE } from '../engine/arch';
import { DEFAULT_CONFIG, KERNEL_IDS, ONLINE_POLICIES, OP_NAMES, type KernelId, type Op, type OpName } from '../engine/ops';
import { PLAIN_MESSAGE, issuesToMessages } from './error-messages';
import { parseIomemText } from './iomem-text';
import { parseZoneinfoText } from './zoneinfo-text';
import { findJsonSyntaxProblem } from './json-syntax';
import { formatHex, formatSize, parseNumber, quoteValue } from './numbers';
import type { MachineSpec, Scenario } from './types';

export const SCENARIO_FORMAT = 'hotplug-explorer/scenario';
export const SCENARIO_VERSION = 1;
const DEFAULT_KERNEL: KernelId = 'v5.5';
const MAX_DEV_LENGTH = 64;

export type ParseScenarioResult = { ok: true; scenario: Scenario; notes: string[] } | { ok: false; errors: string[] };

/** A number field (integer, hex string or "128M"), with an optional further check on its value. */
function numberField(check?: (n: number, shown: string) => string | null) {
  return z.unknown().transform((value, ctx) => {
    const parsed = parseNumber(value);
    const problem = parsed.ok ? (check?.(parsed.value, quoteValue(value)) ?? null) : parsed.reason;
    if (!parsed.ok || problem !== null) {
      ctx.issues.push({ code: 'custom', message: problem ?? 'is not a number', input: value });
      return z.NEVER;
    }
    return parsed.value;
  });
}

const address = numberField();
const size = numberField();
const pageCount = numberField();
const nid = numberField((n, shown) =>
  n < MAX_NUMNODES ? null : `${shown} is not a node id: x86_64 has at most ${MAX_NUMNODES} nodes (0 to ${MAX_NUMNODES - 1})`,
);
const blockSize = numberField((n, shown) => {
  const isPowerOfTwo = n > 0 && Math.log2(n) === Math.floor(Math.log2(n));
  if (!isPowerOfTwo || n < MIN_MEMORY_BLOCK_SIZE) {
    return `${shown} is not a valid memory block size: it must be a power of two and a multiple of the 128 MiB section size`;
  }
  // No block can be larger than the memory it divides up.
  return n <= MAX_PHYS_ADDR ? null : `${shown} is not a valid memory block size: it is larger than the ${formatSize(MAX_PHYS_ADDR)} physical address space of x86_64`;
});

/** memory_hotplug.auto_movable_ratio is a module parameter of type uint */
const autoMovableRatio = numberField((n, shown) =>
  n <= 0xffffffff ? null : `${shown} is not a valid auto_movable_ratio: the kernel keeps it in an unsigned int (0 to 4294967295 percent)`,
);

// dev and region names end up in /proc/iomem lines and log lines, so a line break would forge output.
function label(what: string) {
  return z
    .string()
    .min(1, { error: `${what} must not be empty` })
    .max(MAX_DEV_LENGTH, { error: `${what} is longer than ${MAX_DEV_LENGTH} characters` })
    .regex(/^[^\p{Cc}]*$/u, { error: `${what} must not contain control characters such as line breaks` });
}
const dev = label('a device name');
const regionName = label('a resource name');

const altmap = z.strictObject({ reserve: pageCount, free: pageCount }).nullable();

const STEP_SCHEMAS = {
  add_memory: z.strictObject({ op: z.literal('add_memory'), nid, start: address, size }),
  online: z.strictObject({
    op: z.literal('online'),
    start: address,
    size,
    as: z.enum(['online', 'online_kernel', 'online_movable']),
  }),
  offline: z.strictObject({ op: z.literal('offline'), start: address, size }),
  remove_memory: z.strictObject({ op: z.literal('remove_memory'), nid, start: address, size }),
  request_mem_region: z.strictObject({
    op: z.literal('request_mem_region'),
    dev,
    start: address,
    size,
    name: regionName.optional(),
  }),
  release_mem_region: z.strictObject({ op: z.literal('release_mem_region'), dev, start: address, size }),
  devm_memremap_pages: z.strictObject({
    op: z.literal('devm_memremap_pages'),
    dev,
    nid: nid.default(0),
    start: address,
    size,
    altmap,
  }),
  devm_memremap_pages_release: z.strictObject({ op: z.literal('devm_memremap_pages_release'), dev }),
  hmm_devmem_add: z.strictObject({
    op: z.literal('hmm_devmem_add'),
    dev,
    nid: nid.default(0),
    size,
    type: z.enum(['private', 'public']),
    start: address.optional(),
  }),
  hmm_devmem_remove: z.strictObject({ op: z.literal('hmm_devmem_remove'), dev }),
  dax_kmem_probe: z.strictObject({ op: z.literal('dax_kmem_probe'), dev, nid: nid.default(0), start: address, size }),
  dax_kmem_remove: z.strictObject({ op: z.literal('dax_kmem_remove'), dev }),
} satisfies Record<OpName, z.ZodType>;

const step = z.discriminatedUnion('op', [
  STEP_SCHEMAS.add_memory,
  STEP_SCHEMAS.online,
  STEP_SCHEMAS.offline,
  STEP_SCHEMAS.remove_memory,
  STEP_SCHEMAS.request_mem_region,
  STEP_SCHEMAS.release_mem_region,
  STEP_SCHEMAS.devm_memremap_pages,
  STEP_SCHEMAS.devm_memremap_pages_release,
  STEP_SCHEMAS.hmm_devmem_add,
  STEP_SCHEMAS.hmm_devmem_remove,
  STEP_SCHEMAS.dax_kmem_probe,
  STEP_SCHEMAS.dax_kmem_remove,
]);

const config = z.strictObject({
  debug_vm: z.boolean().default(DEFAULT_CONFIG.debug_vm),
  movable_node: z.boolean().default(DEFAULT_CONFIG.movable_node),
  auto_online: z.boolean().default(DEFAULT_CONFIG.auto_online),
  block_size: blockSize.optional(),
  memmap_on_memory: z.boolean().default(DEFAULT_CONFIG.memmap_on_memory),
  online_policy: z.enum(ONLINE_POLICIES).default(DEFAULT_CONFIG.online_policy),
  auto_movable_ratio: autoMovableRatio.default(DEFAULT_CONFIG.auto_movable_ratio),
  auto_movable_numa_aware: z.boolean().default(DEFAULT_CONFIG.auto_movable_numa_aware),
});

const iomemText = z.string().transform((text, ctx) => {
  const parsed = parseIomemText(text);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      ctx.issues.push({ code: 'custom', message: error, input: text, params: PLAIN_MESSAGE });
    }
    return z.NEVER;
  }
  return { text, entries: parsed.entries, inferred: parsed.inferred };
});

const zoneinfoText = z.string().transform((text, ctx) => {
  const parsed = parseZoneinfoText(text);
  if (!parsed.ok) {
    for (const error of parsed.errors) ctx.issues.push({ code: 'custom', message: error, input: text, params: PLAIN_MESSAGE });
    return z.NEVER;
  }
  return { text, zones: parsed.zones };
});

const ramRange = z.strictObject({
  start: address,
  size: numberField((n) => (n > 0 ? null : 'a RAM range must not be empty')),
  nid: nid.default(0),
});

const ramList = z.array(ramRange).superRefine((ranges, ctx) => {
  if (ranges.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'the list is empty: a machine needs boot memory' });
    return;
  }
  const sorted = ranges.map((r, index) => ({ ...r, index })).sort((a, b) => a.start - b.start);
  sorted.forEach((r, i) => {
    if (r.start + r.size > MAX_PHYS_ADDR) {
      ctx.addIssue({
        code: 'custom',
        path: [r.index],
        message: `${formatHex(r.start)}+${formatSize(r.size)} ends beyond the ${Math.log2(MAX_PHYS_ADDR)}-bit physical address space of x86_64`,
      });
    }
    const next = sorted[i + 1];
    if (next && next.start < r.start + r.size) {
      ctx.addIssue({
        code: 'custom',
        path: [next.index],
        message: `overlaps ram range ${r.index + 1} (${formatHex(r.start)}+${formatSize(r.size)})`,
      });
    }
  });
});

const nodeRange = z.strictObject({ nid, start: address, size });

/** Node ranges as SRAT gives them: inside the physical space, no two overlapping; size 0 is a memoryless node. */
const nodeList = z.array(nodeRange).superRefine((ranges, ctx) => {
  const sized = ranges.map((r, index) => ({ ...r, index })).filter((r) => r.size > 0);
  ranges.forEach((r, index) => {
    if (r.start + r.size > MAX_PHYS_ADDR) {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message: `node ${r.nid}'s range ${formatHex(r.start)}+${formatSize(r.size)} ends beyond the ${Math.log2(MAX_PHYS_ADDR)}-bit physical address space of x86_64`,
      });
    }
  });
  sized.sort((a, b) => a.start - b.start);
  sized.forEach((r, i) => {
    const next = sized[i + 1];
    if (next && next.start < r.start + r.size) {
      ctx.addIssue({
        code: 'custom',
        path: [next.index],
        message: `node ${next.nid}'s range ${formatHex(next.start)}+${formatSize(next.size)} overlaps node range ${r.index + 1} (node ${r.nid}, ${formatHex(r.start)}+${formatSize(r.size)}): a page belongs to one node`,
      });
    }
  });
});

const machine = z
  .strictObject({ iomem: iomemText.optional(), ram: ramList.optional(), zoneinfo: zoneinfoText.optional(), nodes: nodeList.optional() })
  .superRefine((m, ctx) => {
    if (m.nodes !== undefined && m.iomem === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes'],
        message: m.ram !== undefined ? 'a "ram" machine gives each range its node with "nid": "nodes" is for a machine given as "iomem"' : '"nodes" assigns the System RAM of a /proc/iomem to nodes: give the machine\'s "iomem" with it',
      });
    }
    if (m.zoneinfo !== undefined && m.iomem === undefined) {
      ctx.addIssue({ code: 'custom', path: ['zoneinfo'], message: 'a zoneinfo belongs to a real machine: give its /proc/iomem as "iomem" with it' });
    }
    if (m.iomem !== undefined && m.ram !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give either "iomem" or "ram", not both' });
    } else if (m.iomem === undefined && m.ram === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected "iomem" (the text of a /proc/iomem) or "ram" (a list of { start, size, nid }); leave "machine" out for the default machine',
      });
    }
  });

const cursor = z.unknown().transform((value, ctx) => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    ctx.issues.push({
      code: 'custom',
      message: `${quoteValue(value)} is not a step number (0 is the boot state, N the state after step N)`,
      input: value,
    });
    return z.NEVER;
  }
  return value;
});

const scenarioFile = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    title: z.string().default(''),
    kernel: z.enum(KERNEL_IDS as unknown as readonly [KernelId, ...KernelId[]]).default(DEFAULT_KERNEL),
    arch: z.literal('x86_64').default('x86_64'),
    config: config.optional(),
    machine: machine.optional(),
    steps: z.array(step).default([]),
    cursor: cursor.optional(),
  })
  .superRefine((file, ctx) => {
    if (file.cursor != null && file.cursor > file.steps.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `${file.cursor} is beyond the last step (${file.steps.length})`,
      });
    }
  });

type ParsedFile = z.output<typeof scenarioFile>;
type ParsedStep = z.output<typeof step>;

/** Field names allowed at each object path, for "unknown field" messages. */
function knownFields(path: readonly PropertyKey[], raw: unknown): readonly string[] | undefined {
  const keys = (schema: { shape: object }): string[] => Object.keys(schema.shape);
  const [first, second] = path;
  if (path.length === 0) return keys(scenarioFile);
  if (first === 'config') return keys(config);
  if (first === 'machine' && path.length === 1) return ['iomem', 'ram', 'zoneinfo', 'nodes'];
  if (first === 'machine' && second === 'nodes') return keys(nodeRange);
  if (first === 'machine') return keys(ramRange);
  if (first === 'steps' && typeof second === 'number') {
    if (path[2] === 'altmap') return keys(altmap.unwrap());
    const rawStep = Array.isArray((raw as { steps?: unknown }).steps)
      ? ((raw as { steps: unknown[] }).steps[second] as { op?: unknown } | undefined)
      : undefined;
    const op = rawStep?.op;
    if (typeof op === 'string' && op in STEP_SCHEMAS) return keys(STEP_SCHEMAS[op as OpName]);
  }
  return undefined;
}

function toOp(parsed: ParsedStep): Op {
  // A driver names its region after itself unless told otherwise.
  if (parsed.op === 'request_mem_region') return { ...parsed, name: parsed.name ?? parsed.dev };
  return parsed;
}

function toMachine(parsed: ParsedFile['machine']): { machine: MachineSpec; notes: string[] } {
  if (parsed?.iomem) {
    const notes = parsed.iomem.inferred.map((n) => `machine.iomem line ${n.line} "${n.name}": ${n.rule}`);
    const machine: MachineSpec = { kind: 'iomem', text: parsed.iomem.text, entries: parsed.iomem.entries };
    if (parsed.zoneinfo) machine.zoneinfo = parsed.zoneinfo;
    if (parsed.nodes) machine.nodes = parsed.nodes;
    return { machine, notes };
  }
  if (parsed?.ram) return { machine: { kind: 'ram', ram: parsed.ram }, notes: [] };
  return { machine: { kind: 'default' }, notes: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** format and version are checked first: a file from elsewhere or from the future would otherwise drown in field errors. */
function checkHeader(raw: Record<string, unknown>): string | null {
  const format = raw['format'];
  if (format === undefined) {
    return `not a Hotplug Explorer scenario: it has no "format" field (expected "format": "${SCENARIO_FORMAT}")`;
  }
  if (format !== SCENARIO_FORMAT) {
    return `not a Hotplug Explorer scenario: "format" is ${quoteValue(format)}, expected "${SCENARIO_FORMAT}"`;
  }
  const version = raw['version'];
  if (version === undefined) {
    return `field "version" is missing (this Hotplug Explorer reads format version ${SCENARIO_VERSION})`;
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return `field "version": ${quoteValue(version)} is not an integer`;
  }
  if (version > SCENARIO_VERSION) {
    return `this scenario is format version ${version}, newer than this Hotplug Explorer understands (${SCENARIO_VERSION})`;
  }
  if (version < 1) return `field "version": ${version} is not a valid format version (versions start at 1)`;
  return null;
}

export function parseScenario(text: string): ParseScenarioResult {
  const source = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const where = findJsonSyntaxProblem(source);
    const detail = where
      ? `${where.problem} at line ${where.line} column ${where.column}`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, errors: [`not valid JSON: ${detail}`] };
  }
  if (!isRecord(raw)) return { ok: false, errors: ['not a scenario: expected a JSON object'] };
  const headerProblem = checkHeader(raw);
  if (headerProblem) return { ok: false, errors: [headerProblem] };

  const result = scenarioFile.safeParse(raw);
  if (!result.success) {
    const errors = issuesToMessages(result.error.issues, {
      raw,
      knownFields: (path) => knownFields(path, raw),
      opNames: OP_NAMES,
    });
    return { ok: false, errors };
  }
  const file = result.data;
  const { machine: machineSpec, notes } = toMachine(file.machine);
  const scenario: Scenario = {
    title: file.title,
    kernel: file.kernel,
    arch: file.arch,
    config: file.config ? { ...file.config } : { ...DEFAULT_CONFIG },
    machine: machineSpec,
    steps: file.steps.map(toOp),
    cursor: file.cursor ?? null,
  };
  if (scenario.config.block_size === undefined) delete scenario.config.block_size;
  return { ok: true, scenario, notes };
}

// ---- writing ----

type FieldFormat = 'address' | 'size' | 'plain';
const FIELD_FORMATS: Readonly<Record<string, FieldFormat>> = {
  start: 'address',
  size: 'size',
  block_size: 'size',
};
// The order a person reads a step in: what, who, where, how much, then how.
const STEP_FIELD_ORDER = ['op', 'dev', 'nid', 'start', 'size', 'as', 'type', 'name', 'altmap'];

function formatField(key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  const format = FIELD_FORMATS[key] ?? 'plain';
  if (format === 'address') return formatHex(value);
  if (format === 'size') return value === 0 ? 0 : formatSize(value);
  return value;
}

/** One object on one line, so that a list of steps reads as a list. */
function inline(record: Record<string, unknown>, order: readonly string[] = []): string {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  keys.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
  });
  const parts = keys.map((key) => {
    const value = record[key];
    const shown = isRecord(value) ? inline(value) : JSON.stringify(formatField(key, value));
    return `${JSON.stringify(key)}: ${shown}`;
  });
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function list(items: string[], indent: string): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `${indent}  ${item}`).join(',\n')}\n${indent}]`;
}

function machineText(machine: MachineSpec): string | null {
  switch (machine.kind) {
    case 'default':
      return null;
    case 'iomem': {
      // zoneinfo and nodes only when given, so a machine without them is written as before
      if (!machine.zoneinfo && !machine.nodes) return `{ "iomem": ${JSON.stringify(machine.text)} }`;
      const fields = [`"iomem": ${JSON.stringify(machine.text)}`];
      if (machine.zoneinfo) fields.push(`"zoneinfo": ${JSON.stringify(machine.zoneinfo.text)}`);
      if (machine.nodes) fields.push(`"nodes": ${list(machine.nodes.map((n) => inline({ nid: n.nid, start: n.start, size: n.size })), '    ')}`);
      return `{\n    ${fields.join(',\n    ')}\n  }`;
    }
    case 'ram':
      return `{\n    "ram": ${list(
        machine.ram.map((r) => inline({ start: r.start, size: r.size, nid: r.nid })),
        '    ',
      )}\n  }`;
  }
}

/** The canonical file for a scenario: parseScenario(serializeScenario(s)) gives s back. */
export function serializeScenario(s: Scenario): string {
  const fields: [string, string][] = [
    ['format', JSON.stringify(SCENARIO_FORMAT)],
    ['version', String(SCENARIO_VERSION)],
    ['title', JSON.stringify(s.title)],
    ['kernel', JSON.stringify(s.kernel)],
    ['arch', JSON.stringify(s.arch)],
    [
      'config',
      inline({
        debug_vm: s.config.debug_vm,
        movable_node: s.config.movable_node,
        auto_online: s.config.auto_online,
        block_size: s.config.block_size,
        // written only when on, so files and links made before the option stay byte for byte the same
        memmap_on_memory: s.config.memmap_on_memory ? true : undefined,
        // the online policy's fields likewise, each only when it is not the kernel's default
        online_policy: s.config.online_policy !== DEFAULT_CONFIG.online_policy ? s.config.online_policy : undefined,
        auto_movable_ratio: s.config.auto_movable_ratio !== DEFAULT_CONFIG.auto_movable_ratio ? s.config.auto_movable_ratio : undefined,
        auto_movable_numa_aware: s.config.auto_movable_numa_aware !== DEFAULT_CONFIG.auto_movable_numa_aware ? s.config.auto_movable_numa_aware : undefined,
      }),
    ],
  ];
  const machineJson = machineText(s.machine);
  if (machineJson !== null) fields.push(['machine', machineJson]);
  fields.push([
    'steps',
    list(
      s.steps.map((op) => inline({ ...op }, STEP_FIELD_ORDER)),
      '  ',
    ),
  ]);
  if (s.cursor !== null) fields.push(['cursor', String(s.cursor)]);
  return `{\n${fields.map(([key, value]) => `  ${JSON.stringify(key)}: ${value}`).join(',\n')}\n}\n`;
}
