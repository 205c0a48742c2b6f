import type { StepView } from '../../engine/views/view-types';

/** dmesg up to the step shown; this step's lines stand out. */
export function KernelLog({ steps, cursor }: { steps: StepView[]; cursor: number }) {
  const shown = steps.slice(0, cursor).filter((s) => s.log.length);
  return (
    <div className="kernel-log" role="log" aria-label="Kernel log">
      {shown.length === 0 ? (
        <p className="muted">No kernel messages yet.</p>
      ) : (
        <pre>
          {shown.flatMap((s) =>
            s.log.map((l, i) => (
              <span key={`${s.index}-${i}`} className={s.index === cursor ? 'line current' : 'line'}>
                <span className="log-step">[step {s.index}]</span> {l + '\n'}
              </span>
            )),
          )}
        </pre>
      )}
    </div>
  );
}
