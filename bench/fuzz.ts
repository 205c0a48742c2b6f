/**
 * npm run fuzz [-- --cases N --seed S --only KIND --stall-seconds T]: feeds N generated inputs (100,000 by default), split
 * over the kinds in src/fuzz/kinds.ts, to the readers and the replay, and prints what
 * happened to them by kind and outcome. On a crash it prints the first failing input of that
 * kind, shrunk, and exits 1. Each kind runs in a worker thread that the main thread watches:
 * an input that makes the code loop forever is a crash too, and is printed as such.
 * --only runs the kinds whose name contains KIND, with the case numbers and seeds they have in a
 * full run, so a failure can be repeated alone. The Vitest property tests (src/fuzz/*.test.ts) run the same checks with few cases.
 */
import fc from 'fast-check';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fuzzKinds, stepTally } from '../src/fuzz/kinds';
import { loadSeeds } from '../src/fuzz/seeds';

interface Job {
  kind: number;
  numRuns: number;
  seed: number;
  /** [cases started] */
  progress: SharedArrayBuffer;
}

interface Result {
  counts: [string, number][];
  crashed: number;
  steps: [string, number][];
  failure: string | null;
}

const kinds = () => fuzzKinds(loadSeeds(process.cwd()));

/** An input as it can be pasted back: JSON, with bytes as a list of numbers. */
function show(input: unknown): string {
  try {
    return JSON.stringify(input, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)).slice(0, 4000);
  } catch {
    return fc.stringify(input).slice(0, 4000);
  }
}

function work(job: Job): Result {
  const k = kinds()[job.kind]!;
  const progress = new Int32Array(job.progress);
  const counts = new Map<string, number>(k.outcomes.map((o) => [o, 0]));
  let crashed = 0;
  // First pass: every case runs, whatever happens, so the counts are complete.
  fc.check(
    fc.property(k.arbitrary, (input) => {
      Atomics.add(progress, 0, 1);
      try {
        const outcome = k.check(input);
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      } catch {
        crashed++;
      }
      return true;
    }),
    { numRuns: job.numRuns, seed: job.seed },
  );
  const steps = [...stepTally];
  let failure: string | null = null;
  if (crashed) {
    // Second pass, same seed: fast-check meets the same first failure and shrinks it.
    const details = fc.check(
      fc.property(k.arbitrary, (input) => {
        k.check(input);
      }),
      { numRuns: job.numRuns, seed: job.seed },
    );
    const e = details.errorInstance;
    failure = details.failed
      ? `  first crash, shrunk (${details.numShrinks} shrinks):\n    input: ${show(details.counterexample?.[0])}\n` +
        `    error: ${e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e)}`
      : '  the crash did not happen again on the second pass';
  }
  return { counts: [...counts], crashed, steps, failure };
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Runs one kind in a worker; null when it stopped making progress for `stallMs`. */
function runKind(job: Job, stallMs: number): Promise<Result | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    const progress = new Int32Array(job.progress);
    let seen = -1;
    let since = performance.now();
    const watch = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== seen) {
        seen = now;
        since = performance.now();
      } else if (performance.now() - since > stallMs) {
        clearInterval(watch);
        void worker.terminate();
        resolve(null);
      }
    }, 1000);
    worker.once('message', (r: Result) => {
      clearInterval(watch);
      resolve(r);
    });
    worker.once('error', (e) => {
      clearInterval(watch);
      reject(e);
    });
  });
}

async function main(): Promise<number> {
  const CASES = Number(flag('cases') ?? process.env.FUZZ_CASES ?? 100_000);
  const SEED = Number(flag('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const STALL_MS = Number(flag('stall-seconds') ?? 60) * 1000;
  const ONLY = flag('only');
  const all = kinds();
  console.log(`Hotplug Explorer fuzz: ${fmt(CASES)} cases, seed ${SEED} (repeat with: npm run fuzz -- --cases ${CASES} --seed ${SEED})`);
  let crashedKinds = 0;
  const t0 = performance.now();
  for (const [i, k] of all.entries()) {
    if (ONLY && !k.name.includes(ONLY)) continue;
    const job: Job = { kind: i, numRuns: Math.max(1, Math.round(CASES * k.share)), seed: SEED + i, progress: new SharedArrayBuffer(4) };
    const started = performance.now();
    const r = await runKind(job, STALL_MS);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (!r) {
      crashedKinds++;
      const at = Atomics.load(new Int32Array(job.progress), 0) - 1;
      console.log(`${k.name.padEnd(24)} ${fmt(job.numRuns).padStart(7)} cases: stopped: case ${fmt(at + 1)} made no progress for ${STALL_MS / 1000} s (it loops forever)  (${secs} s)`);
      if (at < job.numRuns) console.log(`    input: ${show(fc.sample(k.arbitrary, { numRuns: at + 1, seed: job.seed })[at])}`);
      else console.log('    (while shrinking a crash of this kind)');
      continue;
    }
    const cols = r.counts.map(([o, n]) => `${o} ${fmt(n)}`).join(', ');
    console.log(`${k.name.padEnd(24)} ${fmt(job.numRuns).padStart(7)} cases: ${cols}, crashed ${fmt(r.crashed)}  (${secs} s)`);
    if (r.steps.length) console.log(`${''.padEnd(24)} ${'steps'.padStart(7)}: ${r.steps.map(([o, n]) => `${o} ${fmt(n)}`).join(', ')}`);
    if (r.failure) {
      crashedKinds++;
      console.log(r.failure);
    }
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (crashedKinds) console.log(`${crashedKinds} kind(s) of input crashed.`);
  return crashedKinds ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  parentPort!.postMessage(work(workerData as Job));
}
