import { useEffect, useState } from 'react';
import { useApp } from '../../state/store-context';
import './job-progress.css';

/** A run shows its bar once it has taken this long: quick runs should not flash one. */
const SHOW_AFTER_MS = 300;

/**
 * The run going on: how far it got, and a Cancel button that stops it and brings back what
 * was shown before. The page stays usable meanwhile: the engine runs in its own worker.
 */
export function JobProgress() {
  const job = useApp((s) => s.job);
  const cancel = useApp((s) => s.cancelJob);
  const [visible, setVisible] = useState(false);
  const running = job !== null;
  useEffect(() => {
    if (!running) {
      setVisible(false);
      return;
    }
    const t = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => clearTimeout(t);
  }, [running]);
  if (!job || !visible) return null;
  const known = job.total > 0;
  const pct = known ? Math.round((100 * job.done) / job.total) : 0;
  const text = known ? `${pct}% (${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')})` : 'starting';
  return (
    <div className="job-progress" data-testid="job-progress">
      <span className="job-progress__label" id="job-progress-label">
        {job.label}…
      </span>
      <div
        className="job-progress__bar"
        role="progressbar"
        aria-labelledby="job-progress-label"
        aria-valuemin={0}
        aria-valuemax={known ? job.total : undefined}
        aria-valuenow={known ? job.done : undefined}
        aria-valuetext={text}
      >
        <div className="job-progress__fill" style={{ width: known ? `${pct}%` : '100%' }} data-indeterminate={known ? undefined : 'true'} />
      </div>
      <span className="job-progress__text" aria-hidden="true">
        {text}
      </span>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </div>
  );
}
