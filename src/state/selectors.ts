/** Module-level selectors, so components subscribe to stable functions. */
import type { Finding } from '../engine/findings/finding-types';
import type { RunView } from '../worker/protocol';
import type { AppActions, AppState } from './store';

type S = AppState & AppActions;

export const selRun = (s: S) => s.runs?.[0] ?? null;
export const selCompareRun = (s: S) => s.runs?.[1] ?? null;
export const selCursor = (s: S) => s.cursor;
export const selStepCount = (s: S) => s.scenario.steps.length;
/** The state shown: after a BUG, later steps show the state at the BUG. */
export const selState = (s: S) => {
  const run = s.runs?.[0];
  if (!run) return null;
  return run.states[Math.min(s.cursor, run.states.length - 1)] ?? null;
};
export const selPrevState = (s: S) => {
  const run = s.runs?.[0];
  if (!run || s.cursor === 0) return null;
  return run.states[Math.min(s.cursor - 1, run.states.length - 1)] ?? null;
};
export const selCompareState = (s: S) => {
  const run = s.runs?.[1];
  if (!run) return null;
  return run.states[Math.min(s.cursor, run.states.length - 1)] ?? null;
};
export const selStep = (s: S) => (s.cursor > 0 ? (s.runs?.[0]?.steps[s.cursor - 1] ?? null) : null);
const NO_FINDINGS: Finding[] = [];
const findingsOf = new WeakMap<RunView, Finding[]>();
/** Memoised by run: a selector must return the same array for the same state, or React re-renders forever. */
export const selAllFindings = (s: S): Finding[] => {
  const run = s.runs?.[0];
  if (!run) return NO_FINDINGS;
  let f = findingsOf.get(run);
  if (!f) {
    f = run.steps.flatMap((st) => st.findings);
    findingsOf.set(run, f);
  }
  return f;
};
