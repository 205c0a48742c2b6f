/**
 * Grading a prediction: which choices the engine's result bears out. Pure functions over
 * the run's step list and the views of the states around the step (the page has them on
 * screen; the tests build them), so the answer always comes from the kernel that ran,
 * never from a key.
 */
import { errStr } from '../engine/errno';
import type { FindingCode } from '../engine/findings/finding-types';
import type { RunView, StateView, ZoneView } from '../engine/views/view-types';
import type { GradeContext, Prediction } from './types';

export interface Grade {
  /** false when the step did not run under this kernel (an earlier BUG halted it) */
  ran: boolean;
  /** the ids of the choices that hold */
  correct: string[];
  /** what the engine showed, in a sentence or two */
  observed: string;
}

/** What a step is graded on: the run, and the views of the states before and after the step. */
export interface GradeInput {
  run: RunView;
  before: StateView | null;
  after: StateView | null;
}

/** The context a prediction is graded in, or null when the step did not run. */
function gradeContext({ run, before, after }: GradeInput, step: number): GradeContext | null {
  const stepView = run.steps[step - 1];
  if (!stepView || !stepView.ran || !before || !after) return null;
  return { run, step, stepView, before, after };
}

export function grade(prediction: Prediction, input: GradeInput, step: number = prediction.step): Grade {
  const { run } = input;
  const ctx = gradeContext(input, step);
  if (!ctx) {
    const why = run.haltedAt !== null && run.haltedAt < step ? `the kernel BUG at step ${run.haltedAt} halted it` : 'it is not part of this run';
    return { ran: false, correct: [], observed: `Under ${run.kernel}, step ${step} does not run: ${why}.` };
  }
  return { ran: true, correct: prediction.choices.filter((c) => c.holds(ctx)).map((c) => c.id), observed: prediction.observe(ctx) };
}

export function isRight(g: Grade, choice: string): boolean {
  return g.correct.includes(choice);
}

// ---- what the choices look at ------------------------------------------------------

export function zoneOf(s: StateView, name: string, nid = 0): ZoneView {
  const z = s.nodes.find((n) => n.nid === nid)?.zones.find((x) => x.name === name);
  if (!z) throw new Error(`no zone ${name} on node ${nid}`);
  return z;
}

/** The zones whose present pages grew over the step. */
export function zonesThatGrew(ctx: GradeContext, nid = 0): string[] {
  const before = ctx.before.nodes.find((n) => n.nid === nid);
  const after = ctx.after.nodes.find((n) => n.nid === nid);
  if (!before || !after) return [];
  return after.zones.filter((z, i) => z.presentPages > (before.zones[i]?.presentPages ?? 0)).map((z) => z.name);
}

export function spanShrank(ctx: GradeContext, zone: string): boolean {
  return zoneOf(ctx.after, zone).spannedPages < zoneOf(ctx.before, zone).spannedPages;
}

export function spanText(z: ZoneView): string {
  return z.spannedPages === 0 ? 'empty (spanned 0)' : `spanned ${z.spannedPages}, present ${z.presentPages}, start_pfn ${z.startPfn}`;
}

/** The /proc/iomem lines (as the kernel prints them) whose name is `name`. */
export function iomemLines(s: StateView, name: string): string[] {
  return s.iomemText.split('\n').filter((l) => l.trim().endsWith(` : ${name}`)).map((l) => l.trim());
}

export function iomemHasLine(s: StateView, line: string): boolean {
  return s.iomemText.split('\n').some((l) => l.trim() === line);
}

export function hasFinding(ctx: GradeContext, code: FindingCode): boolean {
  return ctx.stepView.findings.some((f) => f.code === code);
}

export function findingMessage(ctx: GradeContext, code: FindingCode): string | null {
  return ctx.stepView.findings.find((f) => f.code === code)?.message ?? null;
}

export function retOf(ctx: GradeContext): number | null {
  return ctx.stepView.ret;
}

export function bugged(ctx: GradeContext): boolean {
  return ctx.stepView.bug;
}

/**
 * "completed", "returned -17 (-EEXIST)", "BUG()" for the explanation. A step's 0 is not always
 * a return value: remove_memory() returns void in v4.18 and the RFCs, and
 * devm_request_mem_region() returns a struct resource or NULL, which the engine reports as -EBUSY.
 */
export function retPhrase(ctx: GradeContext): string {
  if (ctx.stepView.bug) return 'hit a kernel BUG() and halted';
  const r = ctx.stepView.ret;
  if (r === null) return 'did not return';
  if (ctx.stepView.op.op === 'request_mem_region') return r === 0 ? 'granted the range' : `returned NULL, which the engine reports as ${errStr(r)}`;
  if (r === 0 && ctx.stepView.op.op === 'remove_memory') return 'completed';
  return `returned ${errStr(r)}`;
}
