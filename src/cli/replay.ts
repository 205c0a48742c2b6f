import { absoluteLink, presetOf, diffRuns, encodeLink, formatDiff, formatFinding, formatStepLine, formatTrace, lastStepRun, parseScenario, readBaseUrl, reportAt, runScenario, sourceLink, toMachineInput, switchedFunctions, type KernelRef, type Scenario, type TraceNode, type Variant } from '../index';
import type { Command } from './args';

/** The trace with each call's source link, for --show json. */
function withSources(nodes: TraceNode[], v: Variant): unknown[] {
  return nodes.map((n) => (n.k === 'call' ? { ...n, src: sourceLink(v, n.fn), children: withSources(n.children, v) } : n));
}

/** The name a message gives the scenario: its file, or the machine booted with no steps. */
const nameOf = (c: { file: string | null; machine: string | null }): string => c.file ?? c.machine ?? '';

function parseOrReport(file: string, text: string): Scenario | null {
  const parsed = parseScenario(text);
  if (parsed.ok) return parsed.scenario;
  process.stderr.write(`${file}: not a valid scenario:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}\n`);
  return null;
}

export function diffCommand(c: Extract<Command, { cmd: 'diff' }>, text: string): number {
  const s = parseOrReport(nameOf(c), text);
  if (!s) return 2;
  process.stdout.write(diffText(s, c.kernels));
  return 0;
}

/** What `diff` prints for a scenario read from its file. */
export function diffText(s: Scenario, kernels: readonly [KernelRef, KernelRef]): string {
  const [a, b] = kernels.map((kernel) => runScenario({ kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps }));
  return formatDiff(diffRuns(a!, b!), kernels[0], kernels[1], s.steps.length);
}

/** Where `url` says the page is published: --base, else $HOTPLUG_BASE_URL (an empty one is unset). */
const BASE_ENV = 'HOTPLUG_BASE_URL';

/**
 * The share link that opens this scenario at its cursor, as the app reads it: the page's full
 * address when a base is given (`--base`, or $HOTPLUG_BASE_URL), else from the path on.
 */
export function urlCommand(c: Extract<Command, { cmd: 'url' }>, text: string): number {
  const baseText = c.base ?? (process.env[BASE_ENV] || null);
  const base = baseText === null ? { origin: '', pathname: '/' } : readBaseUrl(baseText);
  if ('error' in base) {
    process.stderr.write(`hotplug-explorer: ${c.base !== null ? '--base' : BASE_ENV}: ${base.error}\n`);
    return 2;
  }
  const s = parseOrReport(nameOf(c), text);
  if (!s) return 2;
  const step = c.step ?? s.cursor ?? s.steps.length;
  if (step > s.steps.length) {
    process.stderr.write(`${nameOf(c)}: --step ${step} is beyond the scenario's ${s.steps.length} steps\n`);
    return 2;
  }
  const kernel = c.kernel ?? s.kernel;
  process.stdout.write(absoluteLink(encodeLink({ scenario: { ...s, kernel: presetOf(kernel), cursor: step }, kernel, compare: null, step, view: 'explore' }), base) + '\n');
  return 0;
}

export function replayCommand(c: Extract<Command, { cmd: 'replay' }>, text: string): number {
  const s = parseOrReport(nameOf(c), text);
  if (!s) return 2;
  if (c.step !== null && c.step > s.steps.length) {
    process.stderr.write(`${nameOf(c)}: --step ${c.step} is beyond the scenario's ${s.steps.length} steps\n`);
    return 2;
  }
  const run = runScenario({ kernel: c.kernel ?? s.kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
  const n = c.step ?? lastStepRun(run);
  const r = reportAt(run, n);
  process.stdout.write(renderShow(c.show, r, run.variant, switchedFunctions(run.kernel)));
  return 0;
}

function lines(xs: string[]): string {
  return xs.length ? xs.join('\n') + '\n' : '';
}

function renderShow(what: Extract<Command, { cmd: 'replay' }>['show'], r: ReturnType<typeof reportAt>, variant: Variant, switched: ReadonlyMap<string, readonly string[]>): string {
  switch (what) {
    case 'iomem':
      return r.iomem;
    case 'zoneinfo':
      return r.zoneinfo;
    case 'memory':
      return r.memory;
    case 'log':
      return lines(r.log);
    case 'steps':
      return lines(r.steps.map((l) => formatStepLine(l, variant.id)));
    case 'findings':
      return lines(r.findings.map(formatFinding));
    case 'trace':
      return formatTrace(r.trace, variant, switched);
    case 'json':
      return (
        JSON.stringify(
          {
            step: r.step,
            iomem: r.iomem,
            zoneinfo: r.zoneinfo,
            memory: r.memory,
            log: r.log,
            findings: r.findings.map((f) => ({ step: f.step, code: f.code, message: f.message })),
            steps: r.steps.map((l) => ({ step: l.step, op: l.op, ret: l.ret, ran: l.ran })),
            trace: r.trace.map((t) => ({ ...t, calls: withSources(t.calls, variant) })),
          },
          null,
          2,
        ) + '\n'
      );
  }
}
