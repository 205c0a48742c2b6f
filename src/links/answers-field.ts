/**
 * A lesson's answered predictions in a link (`a=`): what the student chose, under which
 * kernel the question was asked, and the grade it got then. The grade travels with the
 * answer because it belongs to the question: a link opened under another kernel, or at
 * another step, must show the grade the student got, not one graded on what is shown now.
 */
import LZString from 'lz-string';
import { KERNEL_IDS, type KernelId } from '../engine/ops';

export interface FrozenGrade {
  /** false when the step did not run under the answer's kernel (an earlier BUG halted it) */
  ran: boolean;
  /** the ids of the choices the engine bore out */
  correct: string[];
  /** what the engine showed, in a sentence or two */
  observed: string;
}

export interface LinkAnswer {
  /** the step the prediction was about */
  step: number;
  /** the choice's id; '' when the student skipped the question */
  choice: string;
  /** the kernel shown when the student answered: the one the answer is graded under */
  kernel: KernelId;
  /** absent until the step has been shown under that kernel */
  grade?: FrozenGrade;
}

const ID = /^[A-Za-z0-9-]{0,64}$/;
const MAX_ANSWERS = 64;
const MAX_OBSERVED = 2000;

export function encodeAnswers(answers: readonly LinkAnswer[]): string {
  const rows = answers.map((a) => [a.step, a.kernel, a.choice, ...(a.grade ? [a.grade.ran ? 1 : 0, a.grade.correct, a.grade.observed] : [])]);
  return LZString.compressToEncodedURIComponent(JSON.stringify(rows));
}

/** The answers, or what is wrong with them (to finish "This link's lesson answers …"). */
export function decodeAnswers(packed: string): LinkAnswer[] | string {
  let rows: unknown;
  try {
    rows = JSON.parse(LZString.decompressFromEncodedURIComponent(packed.replace(/ /g, '+')) || 'null');
  } catch {
    rows = null;
  }
  if (!Array.isArray(rows)) return 'are damaged (was the link cut or edited?)';
  if (rows.length > MAX_ANSWERS) return `hold ${rows.length} answers, more than any lesson asks`;
  const out: LinkAnswer[] = [];
  for (const [i, row] of rows.entries()) {
    const bad = `are damaged at answer ${i + 1}`;
    if (!Array.isArray(row) || (row.length !== 3 && row.length !== 6)) return bad;
    const [step, kernel, choice, ran, correct, observed] = row as unknown[];
    if (!Number.isInteger(step) || (step as number) < 1) return `${bad}: its step is not a step`;
    if (!(KERNEL_IDS as readonly unknown[]).includes(kernel)) return `${bad}: it names an unknown kernel`;
    if (typeof choice !== 'string' || !ID.test(choice)) return `${bad}: its choice is not a choice's name`;
    const a: LinkAnswer = { step: step as number, kernel: kernel as KernelId, choice };
    if (row.length === 6) {
      if ((ran !== 0 && ran !== 1) || !Array.isArray(correct) || !correct.every((c) => typeof c === 'string' && ID.test(c)) || typeof observed !== 'string' || observed.length > MAX_OBSERVED) return `${bad}: its grade is not a grade`;
      a.grade = { ran: ran === 1, correct: correct as string[], observed };
    }
    out.push(a);
  }
  return out;
}
