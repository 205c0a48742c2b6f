/**
 * One check per kind of input a user can hand over. Each reads the input as the app and the
 * command line do and returns what happened ("read ok", "refused with message", ...); it
 * throws when the reading crashed or broke a promise the app makes about it:
 *  - reading never throws, and a refusal always says why, in words, without a stack trace;
 *  - a valid scenario's share link reads back to the same scenario;
 *  - replay returns (a kernel BUG halts the run, it does not escape it), every step's trace
 *    and the report build, and a refused step leaves the state exactly as it was.
 */
import { isDeepStrictEqual } from 'node:util';
import { decodeLink, DEFAULT_CONFIG, encodeLink, formatIomem, lastStepRun, linkFromPng, linkFromSvg, parseIomemText, parseScenario, reportAt, runScenario, stateDigest, toMachineInput, type KernelConfig, type KernelId, type LinkState, type MachineInput, type Op } from '../index';


/** A broken promise (as opposed to an exception the code under test threw by itself). */
class PropertyFailure extends Error {}

function fail(what: string, detail?: unknown): never {
  throw new PropertyFailure(detail === undefined ? what : `${what}: ${JSON.stringify(detail).slice(0, 600)}`);
}

const STACK_FRAME = /\n\s+at .*:\d+:\d+/;

/** A refusal a person can act on: words, not a stack trace or an empty line. */
function checkMessage(message: unknown, where: string): void {
  if (typeof message !== 'string' || message.trim() === '') fail(`${where}: a refusal without a message`, message);
  if (STACK_FRAME.test(message)) fail(`${where}: a refusal shows a stack trace`, message);
  if (/\bCannot read properties of\b|\bis not a function\b|\bis not iterable\b/.test(message)) fail(`${where}: a refusal repeats a JavaScript error`, message);
}

// ---- replay ----

export type ReplayOutcome = 'ran' | 'refused' | 'BUG';
export type StepOutcome = 'ran' | 'refused' | 'BUG' | 'not run';

export interface ReplayResult {
  outcome: ReplayOutcome;
  steps: StepOutcome[];
}

export interface ReplayInput {
  kernel: KernelId;
  config: KernelConfig;
  machine: MachineInput;
  steps: readonly Op[];
}

/** Replays the steps and checks each one; the case's outcome is its worst step. */
export function checkReplay(input: ReplayInput): ReplayResult {
  const run = runScenario({ ...input, steps: input.steps });
  if (run.steps.length !== input.steps.length) fail('replay dropped steps', { ran: run.steps.length, of: input.steps.length });
  const steps: StepOutcome[] = [];
  const refused: number[] = [];
  for (const st of run.steps) {
    if (!st.ran) steps.push('not run');
    else if (st.bug) steps.push('BUG');
    else if (st.ret === null || !Number.isInteger(st.ret)) fail(`step ${st.index} (${st.op.op}) returned no number`, st.ret);
    else steps.push(st.ret < 0 ? 'refused' : 'ran');
    if (st.ran && st.ret !== null && st.ret < 0) refused.push(st.index);
  }
  // The first and the last refusal (each costs a replay), against a fresh replay of the steps
  // before it: a write into a snapshot the refused step shared with the one before would
  // keep the snapshot's identity and go unseen by comparing references.
  for (const index of new Set([refused[0], refused[refused.length - 1]])) {
    if (index === undefined) continue;
    const before = runScenario({ ...input, steps: input.steps.slice(0, index - 1) });
    const was = stateDigest(before.states[before.states.length - 1]!);
    if (stateDigest(run.states[index]!) !== was) fail(`step ${index} (${input.steps[index - 1]!.op}) returned ${run.steps[index - 1]!.ret} but changed the state`, { op: input.steps[index - 1] });
  }
  // What the page and `replay --show json` build from a run: the report at the step shown,
  // with every step's call tree (each made by running the step again, traced).
  const report = reportAt(run, lastStepRun(run));
  if (report.trace.length !== run.steps.filter((s) => s.ran).length) fail('a step that ran has no trace');
  const outcome: ReplayOutcome = run.haltedAt !== null ? 'BUG' : steps.includes('refused') ? 'refused' : 'ran';
  return { outcome, steps };
}

// ---- scenario files ----

export type ReadOutcome = 'read ok' | 'refused with message';

/** Reads a scenario file; a valid one must survive its share link and replay cleanly. */
export function checkScenarioText(text: string): ReadOutcome {
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    if (parsed.errors.length === 0) fail('refused with no message');
    for (const e of parsed.errors) checkMessage(e, 'scenario');
    return 'refused with message';
  }
  const s = parsed.scenario;
  const step = s.cursor ?? s.steps.length;
  const state: LinkState = { scenario: s, kernel: s.kernel, compare: null, step, view: 'explore' };
  const back = decodeLink(encodeLink(state));
  if (back.ok !== true) fail("a valid scenario's link does not read back", back);
  if (!isDeepStrictEqual(back.state, state)) fail("a valid scenario's link reads back to something else", { was: state, is: back.state });
  checkReplay({ kernel: s.kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
  return 'read ok';
}

// ---- /proc/iomem ----

/** Reads a pasted /proc/iomem; one that reads must boot, and print back as it was read. */
export function checkIomemText(text: string): ReadOutcome {
  const parsed = parseIomemText(text);
  if (!parsed.ok) {
    if (parsed.errors.length === 0) fail('refused with no message');
    for (const e of parsed.errors) checkMessage(e, '/proc/iomem');
    return 'refused with message';
  }
  const run = runScenario({ kernel: 'v5.5', config: DEFAULT_CONFIG, machine: { kind: 'iomem', entries: parsed.entries }, steps: [] });
  formatIomem(run.states[0]!.iomem);
  return 'read ok';
}

// ---- share links ----

export type LinkOutcome = 'decoded' | 'damaged' | 'empty';

/** Reads an address-bar fragment; what decodes must encode and decode to itself. */
export function checkLink(hash: string): LinkOutcome {
  const read = decodeLink(hash);
  if (read.ok === 'empty') return 'empty';
  if (read.ok === false) {
    checkMessage(read.error, 'link');
    return 'damaged';
  }
  const again = decodeLink(encodeLink(read.state));
  if (again.ok !== true || !isDeepStrictEqual(again.state, read.state)) fail('a decoded link does not survive encoding again', { hash, again });
  return 'decoded';
}

// ---- exported images ----

export type ImageOutcome = 'link read' | 'refused with message';

export function checkPng(bytes: Uint8Array): ImageOutcome {
  const read = linkFromPng(bytes, 'map.png');
  if (read.ok) return 'link read';
  checkMessage(read.error, 'PNG');
  return 'refused with message';
}

export function checkSvg(text: string): ImageOutcome {
  const read = linkFromSvg(text, 'map.svg');
  if (read.ok) return 'link read';
  checkMessage(read.error, 'SVG');
  return 'refused with message';
}
