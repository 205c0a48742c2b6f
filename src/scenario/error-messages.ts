/**
 * Turns zod's issues into messages a person editing a scenario file can act on: each names
 * the step (numbered from 1, as the app shows them) and the field, and quotes the value.
 * zod's own wording ("Invalid input: expected string, received undefined") says neither.
 */
import type { z } from 'zod';
import { quoteValue } from './numbers';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export interface IssueContext {
  /** the parsed JSON the issues are about, to quote values and find step ops */
  raw: unknown;
  /** the field names allowed at an object path, for "unknown field" messages */
  knownFields: (path: Path) => readonly string[] | undefined;
  opNames: readonly string[];
}

/** Custom issues whose message already says everything but where, e.g. "line 3: ..." of an iomem text (shown as "machine.iomem: line 3: ..."). */
export const PLAIN_MESSAGE = { plain: true } as const;

const MAX_ERRORS = 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(raw: unknown, path: Path): { found: boolean; value: unknown; parent: unknown } {
  let parent: unknown = undefined;
  let value: unknown = raw;
  for (const key of path) {
    parent = value;
    if (Array.isArray(value) && typeof key === 'number') {
      if (key >= value.length) return { found: false, value: undefined, parent };
      value = value[key];
    } else if (isRecord(value) && typeof key === 'string') {
      if (!Object.prototype.hasOwnProperty.call(value, key)) return { found: false, value: undefined, parent };
      value = value[key];
    } else {
      return { found: false, value: undefined, parent };
    }
  }
  return { found: true, value, parent };
}

/** Edits needed to turn a into b, counting a swap of neighbours as one ("titel" is one from "title"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate to a typo, if it is close enough to be the likely intent. */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= allowed ? best : null;
}

interface Location {
  /** "step 3 (add_memory)", "config", "machine: ram range 2", "machine: node range 1", or "" at the top level */
  subject: string;
  /** the field within the subject, dotted, or "" when the issue is about the subject itself */
  field: string;
}

function stepOpName(raw: unknown, index: number, opNames: readonly string[]): string | null {
  const step = valueAt(raw, ['steps', index]).value;
  if (!isRecord(step)) return null;
  const op = step['op'];
  return typeof op === 'string' && opNames.includes(op) ? op : null;
}

function locate(path: Path, ctx: IssueContext): Location {
  const [first, second, third] = path;
  const dotted = (rest: Path): string => rest.map(String).join('.');
  if (first === 'steps' && typeof second === 'number') {
    const op = stepOpName(ctx.raw, second, ctx.opNames);
    return { subject: `step ${second + 1}${op ? ` (${op})` : ''}`, field: dotted(path.slice(2)) };
  }
  if (first === 'machine' && second === 'ram' && typeof third === 'number') {
    return { subject: `machine: ram range ${third + 1}`, field: dotted(path.slice(3)) };
  }
  if (first === 'machine' && second === 'nodes' && typeof third === 'number') {
    return { subject: `machine: node range ${third + 1}`, field: dotted(path.slice(3)) };
  }
  if (first === 'config' || first === 'machine') {
    return { subject: first, field: dotted(path.slice(1)) };
  }
  return { subject: '', field: dotted(path) };
}

function prefixOf(loc: Location): string {
  return loc.subject ? `${loc.subject}: ` : '';
}

function aboutField(loc: Location, detail: string): string {
  return loc.field ? `${prefixOf(loc)}field "${loc.field}": ${detail}` : `${prefixOf(loc)}${detail}`;
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  number: 'a number',
  null: 'null',
};

function unknownOp(loc: Location, value: unknown, ctx: IssueContext): string {
  const expected = `expected one of ${ctx.opNames.join(', ')}`;
  if (value === undefined) return `${prefixOf(loc)}field "op" is missing (${expected})`;
  if (typeof value !== 'string') return `${prefixOf(loc)}field "op": ${quoteValue(value)} is not an op name (${expected})`;
  const guess = didYouMean(value, ctx.opNames);
  return `${prefixOf(loc)}unknown op ${quoteValue(value)} (${expected})${guess ? `; did you mean "${guess}"?` : ''}`;
}

function unknownFields(issue: Issue & { code: 'unrecognized_keys' }, ctx: IssueContext): string[] {
  const loc = locate(issue.path, ctx);
  const known = ctx.knownFields(issue.path) ?? [];
  return issue.keys.map((key) => {
    const guess = didYouMean(key, known);
    const hint = guess ? ` (did you mean "${guess}"?)` : '';
    const list = known.length > 0 ? `; the fields here are ${known.join(', ')}` : '';
    const where = loc.field ? `${prefixOf(loc)}in "${loc.field}": ` : prefixOf(loc);
    return `${where}unknown field "${key}"${hint}${list}`;
  });
}

function issueToMessages(issue: Issue, ctx: IssueContext): string[] {
  const loc = locate(issue.path, ctx);
  const at = valueAt(ctx.raw, issue.path);
  const missing = !at.found && loc.field !== '' && isRecord(at.parent);
  if (missing && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_union') {
    return [`${prefixOf(loc)}field "${loc.field}" is missing`];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownFields(issue, ctx);
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator === 'op') {
        return [unknownOp({ subject: loc.subject, field: '' }, at.value, ctx)];
      }
      break;
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (!loc.field && issue.path[0] === 'steps') {
        return [`${prefixOf(loc)}expected an object like { "op": "add_memory", ... }, got ${quoteValue(at.value)}`];
      }
      return [aboutField(loc, `${quoteValue(at.value)} is not ${expected}`)];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const detail =
        allowed.length === 1
          ? `${quoteValue(at.value)} is not allowed here (it must be ${allowed[0]})`
          : `${quoteValue(at.value)} is not one of ${allowed.join(', ')}`;
      return [aboutField(loc, detail)];
    }
    case 'custom': {
      if (issue.params?.['plain'] === true) {
        const where = [loc.subject, loc.field].filter(Boolean).join('.');
        return [where ? `${where}: ${issue.message}` : issue.message];
      }
      return [aboutField(loc, issue.message)];
    }
    default:
      break;
  }
  return [aboutField(loc, issue.message)];
}

export function capErrors(errors: readonly string[], max = MAX_ERRORS): string[] {
  const unique = [...new Set(errors)];
  if (unique.length <= max) return unique;
  return [...unique.slice(0, max), `... and ${unique.length - max} more problems`];
}

export function issuesToMessages(issues: readonly Issue[], ctx: IssueContext): string[] {
  return capErrors(issues.flatMap((issue) => issueToMessages(issue, ctx)));
}
