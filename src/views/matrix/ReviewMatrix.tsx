import { Fragment, type KeyboardEvent, useState } from 'react';
import type { MatrixCell } from '../../engine/matrix';
import { cellText } from '../../engine/views/matrix-text';
import { customName, isCustom, type KernelRef } from '../../engine/variants/switches';
import type { MatrixRowSpec } from '../../state/matrix-rows';
import { openMatrixCell } from '../../state/open-matrix-cell';
import { useApp, useAppStore } from '../../state/store-context';
import { matrixCellClass } from '../common/status-class';
import { useReviewMatrix } from './use-review-matrix';
import './review-matrix.css';

/** A shape beside each colour, so the cells read without colour too. */
const GLYPH: Record<MatrixCell['outcome'], string> = { bug: '✕', findings: '!', clean: '✓', error: '?' };

function headline(c: MatrixCell): string {
  switch (c.outcome) {
    case 'bug':
      return `BUG at step ${c.bug!.step}`;
    case 'findings':
      return `${c.findings.length} finding${c.findings.length === 1 ? '' : 's'} from step ${c.firstWrong}`;
    case 'error':
      return 'not run';
    case 'clean':
      return c.refused.length ? `clean, step ${c.refused[0]!.step} refused` : 'clean';
  }
}

/** A kernel name or finding code that may wrap after each `_` or `-`, and nowhere else. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[_-])/);
  return parts.map((p, i) => (
    <Fragment key={i}>
      {p}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

/** The second line: where the BUG was, which findings; the whole sentence is the cell's title. */
function Detail({ c }: { c: MatrixCell }) {
  const codes = c.findings.map((f, i) => (
    <Fragment key={f.code}>
      {i > 0 && ', '}
      <Breakable text={f.code} />
    </Fragment>
  ));
  if (c.outcome === 'bug')
    return (
      <span className="matrix-detail">
        in <Breakable text={`${c.bug!.fn}()`} />
        {codes.length > 0 && '; '}
        {codes}
      </span>
    );
  if (c.outcome === 'findings') return <span className="matrix-detail">{codes}</span>;
  return null;
}

/** Arrow keys, Home and End move between cells (a grid is one Tab stop, not a hundred). */
const MOVES: Record<string, (r: number, c: number, rows: number, cols: number) => [number, number]> = {
  ArrowRight: (r, c, _rows, cols) => [r, Math.min(c + 1, cols - 1)],
  ArrowLeft: (r, c) => [r, Math.max(c - 1, 0)],
  ArrowDown: (r, c, rows) => [Math.min(r + 1, rows - 1), c],
  ArrowUp: (r, c) => [Math.max(r - 1, 0), c],
  Home: (r) => [r, 0],
  End: (r, _c, _rows, cols) => [r, cols - 1],
};

function Cell({ row, cell, shown, tabbable, onFocus }: { row: MatrixRowSpec; cell: MatrixCell; shown: boolean; tabbable: boolean; onFocus(): void }) {
  const store = useAppStore();
  const step = cell.firstWrong ?? row.scenario.steps.length;
  return (
    <td className={`matrix-cell ${matrixCellClass(cell)}${shown ? ' is-shown' : ''}`} data-kernel={cell.kernel} data-outcome={cell.outcome}>
      <button type="button" tabIndex={tabbable ? 0 : -1} onFocus={onFocus} title={`${cellText(cell)}. Opens step ${step} under ${cell.kernel}.`} aria-disabled={cell.outcome === 'error' || undefined} onClick={() => cell.outcome !== 'error' && void openMatrixCell(store, row, cell.kernel, step)}>
        <span className="matrix-mark">
          <span aria-hidden="true" className="matrix-glyph">
            {GLYPH[cell.outcome]}
          </span>{' '}
          {headline(cell)}
        </span>
        <Detail c={cell} />
        <span className="visually-hidden">
          {shown ? ' (shown now)' : ''}. Open {row.label} under {cell.kernel} at step {step}
        </span>
      </button>
    </td>
  );
}

/**
 * The review matrix: every built-in scenario and the one open now, under every kernel, each
 * cell saying what happened (colour, shape and words) and opening that scenario under that
 * kernel at the first step that went wrong.
 */
export function ReviewMatrixView({ active }: { active: boolean }) {
  const { rows, matrix, ms, progress, error, cancel, retry } = useReviewMatrix(active);
  const kernel = useApp((s) => s.kernel);
  const known = progress && progress.total > 0;
  const [at, setAt] = useState<[number, number]>([0, 0]);
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const move = MOVES[e.key];
    if (!move || !matrix || !(e.target instanceof HTMLButtonElement)) return;
    e.preventDefault();
    // keep the page's own arrow keys (stepping) out of it
    e.stopPropagation();
    const [r, c] = move(at[0], at[1], matrix.rows.length, matrix.kernels.length);
    setAt([r, c]);
    e.currentTarget.querySelector<HTMLButtonElement>(`tbody tr:nth-child(${r + 1}) td:nth-of-type(${c + 1}) button`)?.focus();
  };
  return (
    <div className="review-matrix" data-testid="review-matrix" aria-busy={progress !== null}>
      <p className="matrix-legend">
        <span className="matrix-key cell-bug">✕ BUG</span> the kernel BUG()ed and the run halted · <span className="matrix-key cell-finding">! findings</span> the checkers found something wrong ·{' '}
        <span className="matrix-key cell-clean">✓ clean</span> nothing found · <span className="matrix-key cell-refused">✓ refused</span> clean, but a step returned an error. A cell opens its scenario under its
        kernel at the first step that went wrong; the scenario you had is one undo away.
      </p>
      {progress && (
        <div className="matrix-progress">
          <span id="matrix-progress-label">Running every scenario under every kernel…</span>
          <progress aria-labelledby="matrix-progress-label" max={known ? progress.total : undefined} value={known ? progress.done : undefined} />
          <span aria-hidden="true">{known ? `${progress.done} of ${progress.total}` : 'starting'}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="matrix-error" role="status">
          {error}{' '}
          <button type="button" onClick={retry}>
            Run it again
          </button>
        </p>
      )}
      {matrix && (
        <div className="matrix-scroll">
          <table className="matrix-table" onKeyDown={onKeyDown}>
            <caption className="visually-hidden">Review matrix: {matrix.rows.length} scenarios (rows) under {matrix.kernels.length} kernels (columns)</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                {matrix.kernels.map((k: KernelRef) => (
                  <th scope="col" key={k} title={isCustom(k) ? `custom kernel ${k}` : undefined}>
                    {isCustom(k) ? customName(k) : k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((r, i) => {
                const spec = rows[i]!;
                return (
                  <tr key={r.id} data-row={r.id} className={spec.open ? 'open-row' : undefined}>
                    <th scope="row">
                      {r.title}
                      <span className="matrix-steps">
                        {' '}
                        ({r.steps} step{r.steps === 1 ? '' : 's'})
                      </span>
                    </th>
                    {r.cells.map((c, j) => (
                      <Cell key={c.kernel} row={spec} cell={c} shown={spec.open && c.kernel === kernel} tabbable={at[0] === i && at[1] === j} onFocus={() => setAt([i, j])} />
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {ms !== null && (
            <p className="matrix-ms">
              {matrix.rows.length} scenarios under {matrix.kernels.length} kernels: <span data-testid="matrix-ms">{ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}</span> in the engine&rsquo;s matrix worker.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
