/**
 * Why two kernels' findings differ at one step, read from their call traces. The variants
 * mark the decisions where they part ways with a key (`remove_pages.device-check`, ...); a
 * finding one kernel raises and the other does not is put down to the first keyed decision
 * the two traces take differently before it, preferring one on the finding's own call path.
 * A finding the state check raised after the step (not at a call) that depends on a
 * kernel's declared rule (does it shrink ZONE_DEVICE spans?) is put down to that rule.
 */
import type { StepDiff } from './views/step-diff';
import type { Finding } from './findings/finding-types';
import type { KernelRef } from './variants/switches';
import { type Run, stepTrace } from './run';
import { type SourceLink, sourceLink } from './trace/source-links';
import type { TraceNode } from './trace/trace-types';
import { variantOf } from './variants';

/** The place in one kernel's code a difference comes from. */
export interface CodeSite {
  kernel: KernelRef;
  /** the kernel function that decides */
  fn: string;
  /** the condition as the source spells it, and what it evaluated to; null for a rule of the kernel */
  cond: string | null;
  value: string | null;
  src: SourceLink;
}

/** One cause, and the findings it accounts for. */
export interface DiffCause {
  /** the findings as StepDiff.findings prints them ("code (fn)"), with the kernel that raised each */
  findings: { line: string; kernel: KernelRef }[];
  /** 'decision': a keyed decision taken differently; 'rule': the kernels' state-check rule differs; 'calls': only which calls each made differs */
  kind: 'decision' | 'rule' | 'calls';
  /** the decision key or rule the kernels part at */
  key: string;
  /** per kernel, in the compare's order: where its code decides (null: it makes no such decision in this step) */
  sites: [CodeSite | null, CodeSite | null];
  /** one sentence, for the CLI and screen readers */
  text: string;
}

interface Decided {
  pos: number;
  key: string;
  cond: string;
  value: string;
  fn: string;
  /** the calls from the step's root down to the decision's function */
  path: string[];
}

interface Walked {
  decisions: Decided[];
  /** position and call path of each finding node, by code */
  findings: { pos: number; code: string; fn: string; path: string[] }[];
  calls: Set<string>;
}

function walk(nodes: TraceNode[]): Walked {
  const out: Walked = { decisions: [], findings: [], calls: new Set() };
  let pos = 0;
  const visit = (ns: TraceNode[], path: string[]): void => {
    for (const n of ns) {
      pos++;
      if (n.k === 'call') {
        out.calls.add(n.fn);
        visit(n.children, [...path, n.fn]);
      } else if (n.k === 'decision' && n.key) out.decisions.push({ pos, key: n.key, cond: n.cond, value: n.value, fn: path[path.length - 1] ?? '', path });
      else if (n.k === 'finding') out.findings.push({ pos, code: n.code, fn: path[path.length - 1] ?? '', path });
    }
  };
  visit(nodes, []);
  return out;
}

/** Pairs each side's keyed decisions by key and occurrence; keeps the pairs that differ. */
type Pair = { key: string; a: Decided | null; b: Decided | null };

function differing(a: Decided[], b: Decided[]): Pair[] {
  const byKey = (ds: Decided[]) => {
    const m = new Map<string, Decided[]>();
    for (const d of ds) m.set(d.key, [...(m.get(d.key) ?? []), d]);
    return m;
  };
  const ma = byKey(a);
  const mb = byKey(b);
  const out: Pair[] = [];
  for (const key of new Set([...ma.keys(), ...mb.keys()])) {
    const la = ma.get(key) ?? [];
    const lb = mb.get(key) ?? [];
    for (let i = 0; i < Math.max(la.length, lb.length); i++) {
      const da = la[i] ?? null;
      const db = lb[i] ?? null;
      if (da && db && da.cond === db.cond && da.value === db.value) continue;
      out.push({ key, a: da, b: db });
    }
  }
  return out;
}

const lineOf = (f: Finding) => `${f.code} (${f.fn})`;

/** Findings of `mine` with no equal line in `theirs`, counting repeats as diffStep does. */
function onlyIn(mine: Finding[], theirs: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of theirs) left.set(lineOf(f), (left.get(lineOf(f)) ?? 0) + 1);
  return mine.filter((f) => {
    const n = left.get(lineOf(f)) ?? 0;
    if (n > 0) left.set(lineOf(f), n - 1);
    return n === 0;
  });
}

const site = (kernel: KernelRef, d: Decided | null): CodeSite | null => (d ? { kernel, fn: d.fn, cond: d.cond, value: d.value, src: sourceLink(variantOf(kernel), d.fn) } : null);


function decisionText(line: string, only: KernelRef, other: KernelRef, mine: Decided | null, theirs: Decided | null): string {
  const at = (mine ?? theirs)!;
  const me = mine ? `${only} decides \`${mine.cond}\` → ${mine.value}` : `${only} takes no such decision`;
  const them = theirs ? `${other} decides \`${theirs.cond}\` → ${theirs.value}${theirs.fn === at.fn ? '' : ` in ${theirs.fn}()`}` : `${other} takes no such decision at this step`;
  return `${line} is raised only under ${only}: the kernels part at ${at.fn}(), where ${me}; ${them}.`;
}

/** Why the findings of two runs differ at `step` (empty when they do not). */
export function diffCauses(a: Run, b: Run, step: number): DiffCause[] {
  if (step < 1) return [];
  const fa = a.steps[step - 1]?.findings ?? [];
  const fb = b.steps[step - 1]?.findings ?? [];
  const onlyA = onlyIn(fa, fb);
  const onlyB = onlyIn(fb, fa);
  if (!onlyA.length && !onlyB.length) return [];
  const ka = a.kernel;
  const kb = b.kernel;
  const wa = walk(stepTrace(a, step));
  const wb = walk(stepTrace(b, step));
  const diffs = differing(wa.decisions, wb.decisions);
  const causes = new Map<string, DiffCause>();
  const add = (key: string, make: () => Omit<DiffCause, 'findings'>, f: Finding, kernel: KernelRef) => {
    let c = causes.get(key);
    if (!c) causes.set(key, (c = { ...make(), findings: [] }));
    c.findings.push({ line: lineOf(f), kernel });
  };

  const explain = (f: Finding, side: 0 | 1) => {
    const [only, other] = side === 0 ? [ka, kb] : [kb, ka];
    const [w, wo] = side === 0 ? [wa, wb] : [wb, wa];
    const mineOf = (d: Pair) => (side === 0 ? d.a : d.b);
    const theirsOf = (d: Pair) => (side === 0 ? d.b : d.a);
    const byDecision = (d: Pair) => {
      const mine = mineOf(d);
      const theirs = theirsOf(d);
      const at = (mine ?? theirs)!;
      add(`decision:${d.key}:${at.fn}:${at.pos}`, () => ({ kind: 'decision', key: d.key, sites: [site(ka, d.a), site(kb, d.b)], text: decisionText(lineOf(f), only, other, mine, theirs) }), f, only);
    };
    const node = w.findings.find((x) => x.code === f.code && x.fn === f.fn) ?? w.findings.find((x) => x.code === f.code);
    if (node) {
      // Where the finding's call path leaves the other kernel's calls: the first function on
      // it (below the op's entry, which is named differently across kernels) the other never calls.
      const path = [...node.path];
      const d = path.findIndex((fn, i) => i > 0 && !wo.calls.has(fn));
      const parent = d > 0 ? path[d - 1]! : null;
      if (parent && wo.calls.has(parent)) {
        const decided = diffs.find((x) => mineOf(x)?.fn === parent || theirsOf(x)?.fn === parent);
        if (decided) return byDecision(decided);
        const missing = path[d]!;
        const s = (k: KernelRef): CodeSite => ({ kernel: k, fn: parent, cond: null, value: null, src: sourceLink(variantOf(k), parent) });
        add(`call:${parent}:${missing}`, () => ({
          kind: 'calls',
          key: parent,
          sites: [s(ka), s(kb)],
          text: `${lineOf(f)} is raised only under ${only}: its ${parent}() calls ${missing}()${missing === node.fn ? '' : `, under which ${node.fn}() raises it`}; ${other}'s ${parent}() does not call ${missing}() at this step.`,
        }), f, only);
        return;
      }
      // Otherwise the keyed decision that parts the kernels before it, one on its own call path first.
      const before = diffs.filter((x) => {
        const mine = mineOf(x);
        return mine ? mine.pos < node.pos : node.path.includes(theirsOf(x)!.fn);
      });
      const onPath = before.filter((x) => node.path.includes((mineOf(x) ?? theirsOf(x))!.fn));
      const first = (xs: Pair[]) => xs.sort((x, y) => (mineOf(x)?.pos ?? node.pos) - (mineOf(y)?.pos ?? node.pos))[0];
      const decided = first(onPath) ?? first(before);
      if (decided) return byDecision(decided);
    }
    const rule = variantOf(ka).shrinksDeviceZone !== variantOf(kb).shrinksDeviceZone;
    if (!node && f.code === 'stale-zone-span' && rule && / zone Device\b/.test(f.message)) {
      const ruleSite = (k: KernelRef): CodeSite => ({ kernel: k, fn: variantOf(k).deviceZoneRuleFn, cond: null, value: variantOf(k).shrinksDeviceZone ? 'shrinks ZONE_DEVICE spans' : 'never shrinks ZONE_DEVICE spans', src: sourceLink(variantOf(k), variantOf(k).deviceZoneRuleFn) });
      const keeps = variantOf(ka).shrinksDeviceZone ? kb : ka;
      add('rule:device-zone', () => ({
        kind: 'rule',
        key: 'shrinksDeviceZone',
        sites: [ruleSite(ka), ruleSite(kb)],
        text: `${lineOf(f)} is raised only under ${only}: the state check after the step counts a Device span left over removed sections as stale only for a kernel that shrinks ZONE_DEVICE spans; ${keeps} never does (${variantOf(keeps).deviceZoneRuleFn}() returns early for ZONE_DEVICE), so the same span is not stale there.`,
      }), f, only);
      return;
    }
    // No keyed decision or call path parts them: say which calls only one of them made.
    const extra = (mine: Walked, theirs: Walked) => [...mine.calls].filter((c) => !theirs.calls.has(c));
    const mineExtra = extra(w, wo);
    const theirExtra = extra(wo, w);
    const s = (k: KernelRef, fns: string[]): CodeSite | null => (fns[0] ? { kernel: k, fn: fns[0], cond: null, value: null, src: sourceLink(variantOf(k), fns[0]) } : null);
    const list = (fns: string[]) => fns.slice(0, 4).map((c) => `${c}()`).join(', ') + (fns.length > 4 ? ` and ${fns.length - 4} more` : '');
    const parts = [mineExtra.length ? `${only} calls ${list(mineExtra)}, which ${other} does not` : '', theirExtra.length ? `${other} calls ${list(theirExtra)}, which ${only} does not` : ''].filter(Boolean);
    const sites: [CodeSite | null, CodeSite | null] = side === 0 ? [s(ka, mineExtra), s(kb, theirExtra)] : [s(ka, theirExtra), s(kb, mineExtra)];
    add(`calls:${only}:${f.code}`, () => ({
      kind: 'calls',
      key: sites[0]?.fn ?? sites[1]?.fn ?? f.fn,
      sites,
      text: parts.length
        ? `${lineOf(f)} is raised only under ${only}${f.fn === a.steps[step - 1]?.op.op ? ' (by the state check after the step)' : ''}: ${parts.join('; ')}.`
        : `${lineOf(f)} is raised only under ${only}; both kernels make the same calls and keyed decisions at this step, so the difference comes from the state each reached before it (they first part earlier in the scenario).`,
    }), f, only);
  };
  onlyA.forEach((f) => explain(f, 0));
  onlyB.forEach((f) => explain(f, 1));
  return [...causes.values()];
}

/** A step's diff with the causes of its finding differences, as the worker sends it. */
export type ExplainedDiff = StepDiff & { causes: DiffCause[] };
