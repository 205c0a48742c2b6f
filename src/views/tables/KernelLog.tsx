import { useEffect, useRef } from 'react';
import type { StepView } from '../../engine/views/view-types';
import { logLineClass } from '../common/status-class';
import { scrollIntoScroller } from '../common/scroll-into-view';

/** dmesg up to the step shown; this step's lines stand out and are scrolled into view. */
export function KernelLog({ steps, cursor }: { steps: StepView[]; cursor: number }) {
  const shown = steps.slice(0, cursor).filter((s) => s.log.length);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('.line.current');
    if (first) scrollIntoScroller(first);
  }, [cursor, steps]);
  return (
    <div className="kernel-log" role="log" aria-label="Kernel log" ref={ref}>
      {shown.length === 0 ? (
        <p className="muted">No kernel messages yet.</p>
      ) : (
        <pre>
          {shown.flatMap((s) =>
            s.log.map((l, i) => (
              <span key={`${s.index}-${i}`} className={`line ${logLineClass(l)}${s.index === cursor ? ' current' : ''}`} data-step={s.index}>
                <span className="log-step">[step {s.index}]</span> {l + '\n'}
              </span>
            )),
          )}
        </pre>
      )}
    </div>
  );
}
