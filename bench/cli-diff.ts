/**
 * npm run bench:cli (second part): `diff` against the two `replay`s it stands for, as whole
 * CLI processes on long scenarios written to a temporary folder. diff replays both kernels and
 * then compares them step by step, so its floor is the two replays together; the figure to
 * watch is diff / (replay A + replay B). Commands run in turn, round after round, so a machine
 * that slows down slows them all alike; each figure is the median of BENCH_DIFF_RUNS (default 5).
 *   heavy: heavyHotplugWorkload(2500), 10,000 steps with up to 2,500 blocks online: long
 *     listings, the kernels part at a few dozen steps
 *   light: hotplugWorkload(10000), 32 blocks in flight: under v4.18 and rfc-v1 nearly every
 *     state differs (v4.18 keeps the spans), so the diff prints megabytes
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SCENARIO, serializeScenario, type KernelId, type Op } from '../src/index';
import { heavyHotplugWorkload, hotplugWorkload } from './replay-workload';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_DIFF_RUNS ?? 5);
const CLI = path.join(ROOT, 'dist-cli/hotplug-explorer.cjs');

const CASES: { name: string; steps: Op[]; kernels: [KernelId, KernelId] }[] = [
  { name: 'heavy', steps: heavyHotplugWorkload(2500), kernels: ['v4.18', 'v5.5'] },
  { name: 'heavy', steps: heavyHotplugWorkload(2500), kernels: ['rfc-v1', 'rfc-v2'] },
  { name: 'light', steps: hotplugWorkload(10_000), kernels: ['v4.18', 'rfc-v1'] },
];

/**
 * CPU milliseconds of the children this process has waited for (Linux: cutime + cstime of
 * /proc/self/stat, in clock ticks of 10 ms), or null elsewhere. On a machine shared with
 * other work it moves far less than wall time.
 */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

function timed(args: string[]): { ms: number; cpu: number | null; bytes: number } {
  const c0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c1 = childCpuMs();
  if (r.status !== 0) throw new Error(`${args.join(' ')}: status ${r.status}: ${r.error?.message ?? r.stderr}`);
  return { ms, cpu: c0 === null || c1 === null ? null : c1 - c0, bytes: r.stdout.length };
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// The launcher rebuilds dist-cli/ if the sources changed; do that now, outside the timings.
const built = spawnSync(process.execPath, [path.join(ROOT, 'bin/hotplug-explorer.mjs'), '--help'], { cwd: ROOT, encoding: 'utf8' });
if (built.status !== 0) throw new Error(`the CLI could not be built: ${built.stderr}`);

const dir = mkdtempSync(path.join(tmpdir(), 'hotplug-bench-diff-'));
try {
  console.log(`Hotplug Explorer diff vs replay: ${RUNS} rounds, milliseconds per whole CLI process (median; wall, and CPU where Linux tells it), Node ${process.version}`);
  console.log('  case                                      replay A  replay B      diff  diff/(A+B)  diff/max(A,B)  diff output');
  for (const c of CASES) {
    const file = path.join(dir, `${c.name}.json`);
    writeFileSync(file, serializeScenario({ ...DEFAULT_SCENARIO, title: c.name, steps: c.steps }));
    const [a, b] = c.kernels;
    const cmds = [['replay', file, '--kernel', a], ['replay', file, '--kernel', b], ['diff', file, '--kernel', a, '--kernel', b]];
    const times: number[][] = cmds.map(() => []);
    const cpus: number[][] = cmds.map(() => []);
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      cmds.forEach((cmd, j) => {
        const r = timed(cmd);
        times[j]!.push(r.ms);
        if (r.cpu !== null) cpus[j]!.push(r.cpu);
        if (j === 2) bytes = r.bytes;
      });
    }
    const label = `${c.name} ${c.steps.length} steps, ${a} vs ${b}`.padEnd(36);
    const f = (ms: number): string => ms.toFixed(0).padStart(8);
    const row = (what: string, xs: number[][]): void => {
      const [ra, rb, d] = xs.map(median) as [number, number, number];
      console.log(`  ${label} ${what} ${f(ra)}  ${f(rb)}  ${f(d)}  ${(d / (ra + rb)).toFixed(2).padStart(10)}  ${(d / Math.max(ra, rb)).toFixed(2).padStart(13)}  ${(bytes / 1024).toFixed(0)} KiB`);
    };
    row('wall', times);
    if (cpus[0]!.length) row('cpu ', cpus);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
