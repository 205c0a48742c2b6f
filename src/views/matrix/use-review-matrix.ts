import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewMatrix } from '../../engine/matrix';
import { matrixInputs, matrixRows, type MatrixRowSpec } from '../../state/matrix-rows';
import { useApp } from '../../state/store-context';
import { CancelledError } from '../../worker/engine-client';

export interface MatrixView {
  /** the rows of the matrix shown (they name the scenario each cell opens) */
  rows: MatrixRowSpec[];
  matrix: ReviewMatrix | null;
  /** how long the engine took over it */
  ms: number | null;
  /** computing: cells done of total (total 0: not known yet) */
  progress: { done: number; total: number } | null;
  /** why there is no new matrix: the engine's error, or the user stopped it */
  error: string | null;
  cancel(): void;
  retry(): void;
}

/**
 * The review matrix while `active`: computed in the engine's matrix worker, and again whenever
 * the scenario open changes (its row is one of them). The matrix shown stays until the new one
 * is ready; closing the view cancels one still computing.
 */
export function useReviewMatrix(active: boolean): MatrixView {
  const scenario = useApp((s) => s.scenario);
  const reviewMatrix = useApp((s) => s.reviewMatrix);
  const [attempt, setAttempt] = useState(0);
  const [view, setView] = useState<Pick<MatrixView, 'rows' | 'matrix' | 'ms' | 'progress' | 'error'>>({ rows: [], matrix: null, ms: null, progress: null, error: null });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!active) return;
    const rows = matrixRows(scenario);
    const ctl = (controller.current = new AbortController());
    let mine = true;
    setView((v) => ({ ...v, progress: { done: 0, total: 0 }, error: null }));
    const onProgress = (done: number, total: number) => mine && setView((v) => ({ ...v, progress: { done, total } }));
    reviewMatrix(matrixInputs(rows), { signal: ctl.signal, onProgress }).then(
      (reply) => {
        if (!mine) return;
        if (reply.kind === 'error') setView((v) => ({ ...v, progress: null, error: `The engine could not compute the matrix: ${reply.message}` }));
        else setView({ rows, matrix: reply.matrix, ms: reply.ms, progress: null, error: null });
      },
      (e: Error) => {
        if (!mine) return;
        setView((v) => ({ ...v, progress: null, error: e instanceof CancelledError ? 'Stopped: the matrix shown (if any) is from before.' : `The engine stopped: ${e.message}` }));
      },
    );
    return () => {
      mine = false;
      ctl.abort();
    };
  }, [active, scenario, reviewMatrix, attempt]);
  const cancel = useCallback(() => controller.current?.abort(), []);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...view, cancel, retry };
}
