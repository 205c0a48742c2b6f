/**
 * Every kernel function name the engine's call trace can name under a kernel,
 * gathered by running the scenario files and seeded random operation sequences with
 * tracing on. Used by trace/source-lines.test.ts (and nothing in the app), so that a new
 * `k.tr.call` without a source line fails a test instead of linking to a search.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { toMachineInput } from '../scenario/machine-input';
import { DEFAULT_CONFIG, type KernelConfig, type KernelId, type MachineInput, type Op } from '../engine/ops';
import { type Run, runScenario, stepTrace } from '../engine/run';
import { runFile, SCENARIO_DIR } from './load-scenario';
import type { TraceNode } from '../engine/trace/trace-types';

/** name -> one place it was traced, for failure messages */
export type TracedNames = Map<string, string>;

/** Every scenario file under test-scenarios/ except the deliberately broken ones in bad/. */
export function scenarioFiles(dir = SCENARIO_DIR, rel = ''): string[] {
  return readdirSync(path.join(dir, rel))
    .sort()
    .flatMap((f) => {
      const r = path.join(rel, f);
      if (statSync(path.join(dir, r)).isDirectory()) return r === 'bad' ? [] : scenarioFiles(dir, r);
      return f.endsWith('.json') ? [r] : [];
    });
}

/** `selfCalls` gathers the names traced as a call of themselves: none of the modelled kernel paths recurses, so each is a tracing mistake */
function collect(nodes: readonly TraceNode[], where: string, out: TracedNames, selfCalls?: TracedNames, parent?: string): void {
  for (const n of nodes) {
    if (n.k !== 'call') continue;
    if (!out.has(n.fn)) out.set(n.fn, where);
    if (n.fn === parent && selfCalls && !selfCalls.has(n.fn)) selfCalls.set(n.fn, where);
    collect(n.children, where, out, selfCalls, n.fn);
  }
}

/** Re-runs every step of `run` traced and adds the names of its calls. */
export function collectRun(run: Run, label: string, out: TracedNames, selfCalls?: TracedNames): void {
  for (const st of run.steps) collect(stepTrace(run, st.index), `${label}, step ${st.index} (${st.op.op})`, out, selfCalls);
}

const MB128 = 2 ** 27;
const GB = 2 ** 30;
/**
 * 128 MiB blocks above the default machine's 2 GiB of RAM, as properties.test.ts uses, plus
 * far-up ones; the last leaves room for `span` blocks below 2^46 (a range past the x86_64
 * physical limit is another matter: the engine throws on it today).
 */
const BLOCKS = [0x100000000, 0x108000000, 0x110000000, 0x118000000, 0x120000000, 0x128000000, 2 ** 40, 2 ** 46 - 3 * MB128];
/** device ranges kept clear of BLOCKS: a pmem namespace and a dax range */
const PMEM = 0x140000000;
const DAX = 0x180000000;

const block = fc.integer({ min: 0, max: BLOCKS.length - 1 });
const span = fc.integer({ min: 1, max: 3 });

/** Any operation of the scenario format, on a few fixed places, so that sequences meet each other's state. */
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ b: block, n: span, nid: fc.constantFrom(0, 0, 1) }).map(({ b, n, nid }): Op => ({ op: 'add_memory', nid, start: BLOCKS[b]!, size: n * MB128 })),
  fc.record({ b: block, n: span, as: fc.constantFrom('online', 'online_kernel', 'online_movable' as const) }).map(({ b, n, as }): Op => ({ op: 'online', start: BLOCKS[b]!, size: n * MB128, as })),
  fc.record({ b: block, n: span }).map(({ b, n }): Op => ({ op: 'offline', start: BLOCKS[b]!, size: n * MB128 })),
  fc.record({ b: block, n: span, nid: fc.constantFrom(0, 0, 1) }).map(({ b, n, nid }): Op => ({ op: 'remove_memory', nid, start: BLOCKS[b]!, size: n * MB128 })),
  fc.constantFrom<Op>(
    { op: 'request_mem_region', dev: 'pmem0', start: PMEM, size: GB, name: 'namespace0.0' },
    { op: 'release_mem_region', dev: 'pmem0', start: PMEM, size: GB },
    { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: PMEM, size: GB, altmap: null },
    { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: PMEM, size: GB, altmap: { reserve: 2, free: 4094 } },
    { op: 'devm_memremap_pages_release', dev: 'pmem0' },
    { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * 2 ** 20, type: 'private' },
    { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * 2 ** 20, type: 'public' },
    { op: 'hmm_devmem_remove', dev: 'gpu0' },
    { op: 'dax_kmem_probe', dev: 'dax0.0', nid: 0, start: DAX, size: GB },
    { op: 'online', start: DAX, size: GB, as: 'online_movable' },
    { op: 'offline', start: DAX, size: GB },
    { op: 'dax_kmem_remove', dev: 'dax0.0' },
  ),
);

const CONFIGS: KernelConfig[] = [
  DEFAULT_CONFIG,
  { ...DEFAULT_CONFIG, debug_vm: false },
  { ...DEFAULT_CONFIG, auto_online: true },
  { ...DEFAULT_CONFIG, movable_node: true },
  { ...DEFAULT_CONFIG, memmap_on_memory: true },
  { ...DEFAULT_CONFIG, online_policy: 'auto-movable' },
];

/** The same seeded sequences every run, so a failure names a sequence that reproduces. */
export function randomSequences(count: number, seed = 20180807): Op[][] {
  return fc.sample(fc.array(anyOp, { minLength: 1, maxLength: 30 }), { numRuns: count, seed });
}

/** Traced names under `kernel`: every scenario file, then `count` random sequences under each config. */
export function tracedNames(kernel: KernelId, count: number, selfCalls?: TracedNames): TracedNames {
  const out: TracedNames = new Map();
  for (const f of scenarioFiles()) collectRun(runFile(f, kernel), f, out, selfCalls);
  const machine: MachineInput = toMachineInput({ kind: 'default' });
  randomSequences(count).forEach((steps, i) => {
    const config = CONFIGS[i % CONFIGS.length]!;
    collectRun(runScenario({ kernel, config, machine, steps }), `random sequence #${i}`, out, selfCalls);
  });
  return out;
}
