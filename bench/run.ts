/**
 * npm run bench: replay 10,000 hotplug steps spread over the 46-bit address space,
 * keeping every state, and print medians. Run with --expose-gc for the heap figure.
 */
import { formatIomem } from '../src/engine/format/proc-iomem';
import { formatZoneinfo } from '../src/engine/format/proc-zoneinfo';
import { DEFAULT_CONFIG, type KernelId } from '../src/engine/ops';
import { runScenario, stateAt } from '../src/engine/run';
import { NR_MEM_SECTIONS } from '../src/engine/arch';
import { toMachineInput } from '../src/scenario/machine-input';
import { hotplugWorkload, rng } from './replay-workload';

const STEPS = Number(process.env.BENCH_STEPS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const machine = toMachineInput({ kind: 'default' });
const ops = hotplugWorkload(STEPS);
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const pct = (xs: number[], p: number): number => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

function replay(kernel: KernelId, steps = ops) {
  return runScenario({ kernel, config: DEFAULT_CONFIG, machine, steps });
}

console.log(`Hotplug Explorer replay benchmark: ${STEPS} steps, ${RUNS} runs per figure, Node ${process.version}, one process per kernel so heap figures do not mix`);
const kernels = (process.argv.slice(2).length ? process.argv.slice(2) : ['v5.5']) as KernelId[];
for (const kernel of kernels) {
  replay(kernel); // warm-up
  const heapOf = (): number => {
    gc?.();
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = heapOf();
  const measured = replay(kernel);
  const after = heapOf();
  const held = measured.states.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    replay(kernel);
    times.push(performance.now() - t0);
  }
  // Baseline in the same run: the same machine replaying only the first tenth of the steps.
  const tenth = ops.slice(0, Math.floor(STEPS / 10));
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    replay(kernel, tenth);
    base.push(performance.now() - t0);
  }
  const run = replay(kernel);
  const rand = rng(7);
  const reads: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(rand() * (run.states.length - 1));
    const t0 = performance.now();
    const s = stateAt(run, n);
    formatIomem(s.iomem);
    formatZoneinfo(s);
    s.sections.get(Math.floor(rand() * NR_MEM_SECTIONS));
    reads.push(performance.now() - t0);
  }
  const m = median(times);
  const failed = run.steps.filter((s) => s.ret !== 0).length;
  console.log(`\n[${kernel}]`);
  console.log(`  replay ${STEPS} steps, keeping ${run.states.length} states: median ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})  target < 200 ms`);
  console.log(`  steps per second: ${Math.round((STEPS / m) * 1000).toLocaleString('en')}`);
  console.log(`  baseline, first ${tenth.length} steps: median ${median(base).toFixed(1)} ms; full/baseline ratio ${(m / median(base)).toFixed(2)} (10.00 = linear)`);
  console.log(`  heap held by the run (${held} states, logs, findings): ${gc ? ((after - before) / 2 ** 20).toFixed(1) + ' MB' : 'n/a (run node with --expose-gc)'}  target < 256 MB`);
  console.log(`  a flat copy of the section array per state would be ${((run.states.length * NR_MEM_SECTIONS * 4) / 2 ** 30).toFixed(1)} GB`);
  console.log(`  read a random step's state (iomem + zoneinfo text + a section): median ${(median(reads) * 1000).toFixed(1)} us, p99 ${(pct(reads, 0.99) * 1000).toFixed(1)} us  target < 1 ms`);
  console.log(`  steps the kernel refused: ${failed}; findings: ${run.steps.reduce((a, s) => a + s.findings.length, 0)}`);
}
