import { selStep } from '../state/selectors';
import { useApp } from '../state/store-context';
import { logLineNote } from '../engine/format/log-notes';
import { describeOp, retText } from './common/describe-op';
import { returnKind } from '../engine/return-kind';
import { logLineClass, returnClass } from './common/status-class';
import { FINDING_TITLES } from './findings/FindingsList';

/** What the step shown did: the kernel call, what it returned, what it printed and what went wrong. */
export function StepSummary() {
  const step = useApp(selStep);
  const title = useApp((s) => s.scenario.title);
  const kernel = useApp((s) => s.kernel);
  // presenting, the banner has a cell of its own and scrolls in it: the keyboard must reach it (axe: scrollable-region-focusable)
  const focusable = useApp((s) => (s.present ? 0 : undefined));
  if (!step) {
    return (
      <section className="step-summary" aria-label="Step">
        <h2>Boot state</h2>
        <p>
          {title ? <em>{title}. </em> : null}The machine as it booted under <strong>{kernel}</strong>: press <kbd>→</kbd> to run the first step.
        </p>
      </section>
    );
  }
  return (
    <section className={`step-summary${step.bug ? ' bug' : step.findings.length ? ' has-findings' : ''}`} aria-label="Step" tabIndex={focusable}>
      <h2>
        Step {step.index}: <code>{describeOp(step.op)}</code>
      </h2>
      <p>
        {step.ran ? (
          <>
            returned <code className={returnClass(step)}>{retText(step, kernel)}</code>
            {step.ret !== null && step.ret < 0 ? (returnKind(step.op.op, kernel) === 'void' ? ': nothing changed.' : ': the kernel refused, nothing changed.') : ''}
          </>
        ) : (
          <>not run: the kernel halted at step {step.index - 1} or earlier.</>
        )}
        {step.findings.length > 0 && (
          <>
            {' '}
            <strong>{step.findings.length === 1 ? 'Finding' : `${step.findings.length} findings`}:</strong> {step.findings.map((f) => FINDING_TITLES[f.code]).join(', ')}.
          </>
        )}
      </p>
      {step.log.length > 0 && (
        <pre className="step-log" aria-label="Kernel log of this step">
          {step.log.map((l, i) => (
            <span key={i} className={logLineClass(l)}>
              {l + '\n'}
            </span>
          ))}
        </pre>
      )}
      <LogNotes log={step.log} />
    </section>
  );
}

/** What the step's log lines mean, one note per line that has one (a removal that "returned 0" may only have said so here). */
function LogNotes({ log }: { log: readonly string[] }) {
  const notes = [...new Set(log)].flatMap((line) => {
    const note = logLineNote(line);
    return note ? [{ line, note }] : [];
  });
  if (notes.length === 0) return null;
  return (
    <ul className="log-notes" aria-label="What the log says">
      {notes.map(({ line, note }) => (
        <li key={line}>
          <span className="log-notes__line">{line.length > 48 ? line.slice(0, 47) + '…' : line}</span> {note}
        </li>
      ))}
    </ul>
  );
}
