import { useEffect, useMemo } from 'react';
import { selAllFindings, selCursor, selStepCount } from '../../state/selectors';
import { useApp } from '../../state/store-context';

function typingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/**
 * A menu (the Kernel menu) keeps focus after a choice, and Chromium lets ← → change its
 * value: a presenter stepping on would change the kernel under the class. ← → step there
 * too; ↑ ↓ still choose.
 */
const stepsFrom = (t: EventTarget | null, key: string): boolean => (key === 'ArrowLeft' || key === 'ArrowRight') && (t as HTMLElement | null)?.tagName === 'SELECT';

const TICK_LIMIT = 200;

/** Previous / next, the step indicator and the timeline; ← → Home End step from anywhere but a text field. */
export function StepControls() {
  const cursor = useApp(selCursor);
  const count = useApp(selStepCount);
  const stepBy = useApp((s) => s.stepBy);
  const goTo = useApp((s) => s.goTo);
  const findings = useApp(selAllFindings);
  const haltedAt = useApp((s) => s.runs?.[0]?.haltedAt ?? null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((typingTarget(e.target) && !stepsFrom(e.target, e.key)) || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key === 'ArrowRight') stepBy(1);
      else if (e.key === 'ArrowLeft') stepBy(-1);
      else if (e.key === 'Home') goTo(0);
      else if (e.key === 'End') goTo(Number.MAX_SAFE_INTEGER);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stepBy, goTo]);

  // A tick per step while they fit; beyond that, marks only where something is (a finding,
  // the halt, the cursor): one per step would be 10,000 nodes to re-render at every step.
  const marks = useMemo(() => {
    const at = new Map<number, string>();
    if (count <= TICK_LIMIT) for (let i = 0; i <= count; i++) at.set(i, '');
    for (const f of findings) at.set(f.step, ' has-finding');
    if (haltedAt !== null) at.set(haltedAt, `${at.get(haltedAt) ?? ''} halted`);
    return [...at].sort((x, y) => x[0] - y[0]);
  }, [findings, haltedAt, count]);
  return (
    <div className="step-controls" role="group" aria-label="Step through the scenario">
      <button type="button" onClick={() => goTo(0)} disabled={cursor === 0} aria-label="First step (boot)" title="Boot state (Home)">
        « First
      </button>
      <button type="button" onClick={() => stepBy(-1)} disabled={cursor === 0} aria-label="Previous step" title="Previous step (←)">
        ◀ Prev
      </button>
      <span data-testid="step-indicator" className="step-indicator" aria-live="polite">
        Step {cursor} of {count}
      </span>
      <button type="button" onClick={() => stepBy(1)} disabled={cursor >= count} aria-label="Next step" title="Next step (→)">
        Next ▶
      </button>
      <button type="button" onClick={() => goTo(count)} disabled={cursor >= count} aria-label="Last step" title="Last step (End)">
        Last »
      </button>
      <div className="timeline">
        <input
          type="range"
          min={0}
          max={count}
          value={cursor}
          aria-label="Timeline"
          aria-valuetext={`Step ${cursor} of ${count}`}
          onChange={(e) => goTo(Number(e.target.value))}
        />
        <div className="timeline-marks" aria-hidden="true">
          {marks.map(([i, cls]) => (
            <span key={i} className={`mark${cls}${i === cursor ? ' current' : ''}`} style={{ left: `${count ? (i / count) * 100 : 0}%` }} />
          ))}
          {!marks.some(([i]) => i === cursor) && <span className="mark current" style={{ left: `${count ? (cursor / count) * 100 : 0}%` }} />}
        </div>
      </div>
    </div>
  );
}
