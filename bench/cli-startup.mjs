/**
 * npm run bench:cli: how long the command line takes to start, as whole processes. Each command
 * replays test-scenarios/empty.json (no steps: the boot state's /proc/iomem), so the figure is
 * start-up, not simulation. The commands run in turn, round after round, so a machine that
 * slows down mid-run slows them all alike; each figure is the median of BENCH_RUNS rounds
 * (default 21), with the fastest and slowest beside it. Baselines in the same run: Node and npm
 * doing nothing, and the TypeScript source run through tsx as the CLI ran before it was bundled.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const EMPTY = 'test-scenarios/empty.json';
const REPLAY = ['replay', EMPTY];
const node = process.execPath;
const withoutExtraCerts = { ...process.env };
delete withoutExtraCerts.NODE_EXTRA_CA_CERTS;

/** [what it is, command, arguments, environment, prints the replay?] */
const COMMANDS = [
  ['baseline: node -e 0', node, ['-e', '0'], process.env, false],
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [['baseline: node -e 0 without NODE_EXTRA_CA_CERTS (Node 20 parses those certificates at start-up)', node, ['-e', '0'], withoutExtraCerts, false]]
    : []),
  ['baseline: npm --version (npm starting)', 'npm', ['--version'], process.env, false],
  ['node dist-cli/hotplug-explorer.cjs replay (the bundle, with its code cache)', node, ['dist-cli/hotplug-explorer.cjs', ...REPLAY], process.env, true],
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [['node dist-cli/hotplug-explorer.cjs replay, without NODE_EXTRA_CA_CERTS (the CLI opens no connections)', node, ['dist-cli/hotplug-explorer.cjs', ...REPLAY], withoutExtraCerts, true]]
    : []),
  ['node dist-cli/main.cjs replay (the bundle without the code cache)', node, ['dist-cli/main.cjs', ...REPLAY], process.env, true],
  ['node bin/hotplug-explorer.mjs replay (the launcher: freshness check, then the bundle)', node, ['bin/hotplug-explorer.mjs', ...REPLAY], process.env, true],
  ['npx hotplug-explorer replay', 'npx', ['hotplug-explorer', ...REPLAY], process.env, true],
  ['npm run --silent cli -- replay', 'npm', ['run', '--silent', 'cli', '--', ...REPLAY], process.env, true],
  ['before: node --import tsx src/cli/main.ts replay (what the old launcher started)', node, ['--import', 'tsx', 'src/cli/main.ts', ...REPLAY], process.env, true],
  ['before: tsx src/cli/main.ts replay (what the old `npm run cli` ran, less npm)', path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...REPLAY], process.env, true],
];

function run([, cmd, args, env]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, ...r };
}

// The launcher rebuilds dist-cli/ if the sources changed; do that now, outside the timings.
const first = run(COMMANDS.find((c) => c[2].includes('bin/hotplug-explorer.mjs')));
if (first.status !== 0) throw new Error(`the CLI failed: ${first.error?.message ?? first.stderr}`);
const expected = first.stdout;
if (!expected.includes('System RAM')) throw new Error(`unexpected replay output:\n${expected}`);

// One untimed run each warms the file cache, and checks every command prints the same replay.
for (const c of COMMANDS) {
  const r = run(c);
  if (r.status !== 0 || (c[4] && r.stdout !== expected)) {
    throw new Error(`${c[0]}: status ${r.status}, ${r.error?.message ?? r.stderr}\nstdout differs from the bundle's: ${r.stdout !== expected}`);
  }
}

const times = COMMANDS.map(() => []);
for (let i = 0; i < RUNS; i++) COMMANDS.forEach((c, j) => times[j].push(run(c).ms));

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (ms) => ms.toFixed(0).padStart(6);
console.log(`Hotplug Explorer CLI start-up: ${RUNS} rounds, wall milliseconds per whole process, Node ${process.version}`);
console.log('median    min    max  command');
COMMANDS.forEach((c, j) => console.log(`${f(median(times[j]))} ${f(Math.min(...times[j]))} ${f(Math.max(...times[j]))}  ${c[0]}`));
