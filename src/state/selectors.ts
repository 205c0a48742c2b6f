/** Module-level selectors, so components subscribe to stable functions. */
import type { Finding } from '../engine/findings/finding-types';
import type { RunView } from '../engine/views/view-types';
import type { AppActions, AppState } from './store';

type S = AppState & AppActions;

export const selRun = (s: S) => s.runs?.[0] ?? null;
export const selCompareRun = (s: S) => s.runs?.[1] ?? null;
export const selCursor = (s: S) => s.cursor;
export const selStepCount = (s: S) => s.scenario.steps.length;
/**
 * The state shown, as the worker sent it for the cursor (after a BUG, later steps show the
 * state at the BUG). Right after a step it may for a moment still be the previous cursor's:
 * `viewsReady` (store.ts) says when the views match the cursor.
 */
export const selState = (s: S) => s.shown?.state ?? null;
/** The state before the one shown (null at boot), for the change marks. */
export const selPrevState = (s: S) => s.shown?.previous ?? null;
/** The compared kernel's state at the step shown. */
export const selCompareState = (s: S) => s.shown?.compare ?? null;
/** How the two kernels differ at the step shown. */
export const selDiff = (s: S) => s.shown?.diff ?? null;
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
