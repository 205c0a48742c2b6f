/**
 * npm run bench: replay 10,000 hotplug steps over the 46-bit address space, keeping every
 * state, in two workloads: 32 blocks in flight (light) and 2,500 blocks online at once
 * (heavy), each also at 5,000 steps (light: its first half; heavy: the same shape with
 * 1,250 blocks). A step that rescanned online memory
 * would make heavy slower than light and 10,000 steps more than twice 5,000. The runs
 * of the four cases are interleaved, so a busy machine slows all of them alike and the
 * ratios stay meaningful. Run with --expose-gc for the heap figures.
 */
import { DEFAULT_CONFIG, formatIomem, formatZoneinfo, NR_MEM_SECTIONS, runScenario, stateAt, toMachineInput, type KernelId, type Op } from '../src/index';
import { heavyHotplugWorkload, hotplugWorkload, rng } from './replay-workload';

const STEPS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const machine = toMachineInput({ kind: 'default' });
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const pct = (xs: number[], p: number): number => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (x: number): string => `${(x / 2 ** 20).toFixed(1)} MB`;

function replay(kernel: KernelId, steps: Op[]) {
  return runScenario({ kernel, config: DEFAULT_CONFIG, machine, steps });
}

function heapHeld(kernel: KernelId, steps: Op[]): number | null {
  if (!gc) return null;
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const run = replay(kernel, steps);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (run.states.length !== steps.length + 1) throw new Error('a step did not run');
  return after - before;
}

const workloads = {
  light: hotplugWorkload(STEPS),
  heavy: heavyHotplugWorkload(2500),
};
// Half the steps of the same shape: the light workload's first 5,000 steps, and the heavy
// workload with half the blocks (1,250 online at once), so 10k/5k is 2.0 exactly when a
// step costs the same whatever the machine holds.
const halves = { light: workloads.light.slice(0, STEPS / 2), heavy: heavyHotplugWorkload(1250) };
const cases = Object.entries(workloads).flatMap(([name, ops]) => [
  { name, steps: STEPS, ops },
  { name, steps: STEPS / 2, ops: halves[name as keyof typeof halves] },
]);

const kernels = (process.argv.slice(2).length ? process.argv.slice(2) : ['v5.5']) as KernelId[];
console.log(`Hotplug Explorer replay benchmark: ${RUNS} interleaved runs per figure, Node ${process.version}, one process per kernel so heap figures do not mix`);
console.log('  light: 128 MiB blocks at random over 4 GiB..64 TiB, 32 in flight (add+online, offline, remove)');
console.log('  heavy: 2,500 blocks added and onlined, then offlined and removed in random order (5,000 steps: 1,250 blocks)');
for (const kernel of kernels) {
  for (const c of cases) replay(kernel, c.ops); // warm-up
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    cases.forEach((c, i) => {
      const t0 = performance.now();
      replay(kernel, c.ops);
      times[i]!.push(performance.now() - t0);
    });
  }
  const med = (name: string, steps: number) => median(times[cases.findIndex((c) => c.name === name && c.steps === steps)]!);
  console.log(`\n[${kernel}]`);
  console.log('  workload   10,000 steps (min..max)          5,000 steps   10k/5k   heap held by 10,001 states');
  for (const name of Object.keys(workloads)) {
    const i = cases.findIndex((c) => c.name === name && c.steps === STEPS);
    const held = heapHeld(kernel, workloads[name as keyof typeof workloads]);
    const full = med(name, STEPS);
    const half = med(name, STEPS / 2);
    console.log(
      `  ${name.padEnd(9)}  ${ms(full).padStart(10)} (${ms(Math.min(...times[i]!))}..${ms(Math.max(...times[i]!))})`.padEnd(46) +
        `${ms(half).padStart(10)}   ${(full / half).toFixed(2).padStart(5)}   ${held === null ? 'n/a (run node with --expose-gc)' : mb(held)}`,
    );
  }
  const ratio = med('heavy', STEPS) / med('light', STEPS);
  console.log(`  heavy/light: ${ratio.toFixed(2)}  (targets: both < 200 ms, heavy/light <= 1.3, 10k/5k <= 2.1, heap < 256 MB)`);
  console.log(`  steps per second (light): ${Math.round((STEPS / med('light', STEPS)) * 1000).toLocaleString('en')}`);

  const run = replay(kernel, workloads.light);
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
  console.log(`  read a random step's state (iomem + zoneinfo text + a section): median ${(median(reads) * 1000).toFixed(1)} us, p99 ${(pct(reads, 0.99) * 1000).toFixed(1)} us  target < 1 ms`);
  const failed = run.steps.filter((s) => s.ret !== 0).length;
  console.log(`  steps the kernel refused (light): ${failed}; findings: ${run.steps.reduce((a, s) => a + s.findings.length, 0)}`);
}
