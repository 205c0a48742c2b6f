import { useMemo } from 'react';
import type { LinkedTraceNode } from '../../engine/views/view-types';
import { TraceList } from './CallTraceNode';
import { plural, summarizeTrace } from './trace-model';
import './call-trace.css';

export interface CallTraceProps {
  /** null while loading */
  trace: LinkedTraceNode[] | null;
  /** e.g. "step 2: hmm_devmem_remove under rfc-v1" */
  stepLabel: string;
  onHoverRange?(range: { start: number; end: number } | null): void;
  /**
   * Why an empty trace is empty. Only the boot state (step 0) and steps that never ran (after
   * a BUG) have no trace; when not given, a label starting "step 0" or "boot" means boot.
   */
  emptyReason?: 'boot' | 'not-run';
}

function emptyText(stepLabel: string, reason: CallTraceProps['emptyReason']): string {
  const boot = reason ? reason === 'boot' : /^(step 0\b|boot)/i.test(stepLabel);
  return boot ? 'Boot state: no call trace' : 'This step did not run';
}

export function CallTrace({ trace, stepLabel, onHoverRange, emptyReason }: CallTraceProps) {
  const summary = useMemo(() => (trace ? summarizeTrace(trace) : null), [trace]);

  let body;
  if (trace === null) body = <p className="ct-status">Loading call trace…</p>;
  else if (trace.length === 0) body = <p className="ct-status">{emptyText(stepLabel, emptyReason)}</p>;
  // Keyed by the step so a new step opens with default folds, not the last step's.
  else body = <TraceList key={stepLabel} nodes={trace} depth={0} onHoverRange={onHoverRange} />;

  return (
    <section className="ct" data-testid="call-trace" aria-label={`Call trace, ${stepLabel}`} aria-busy={trace === null}>
      <header className="ct-head">
        <h2 className="ct-title">{stepLabel}</h2>
        {summary && summary.calls > 0 && (
          <p className="ct-summary">
            {plural(summary.calls, 'call')}
            {summary.keyDecisions > 0 && <span className="ct-summary-key"> · {plural(summary.keyDecisions, 'decision that differs', 'decisions that differ')} between kernels</span>}
            {summary.findings.length > 0 && (
              <span className="ct-summary-findings" title={summary.findings.join(', ')}>
                {' '}
                · {plural(summary.findings.length, 'finding')}
              </span>
            )}
          </p>
        )}
      </header>
      <div className="ct-body">{body}</div>
    </section>
  );
}
