import { useApp } from '../../state/store-context';
import './back-to-yours.css';

/**
 * Shown while a lesson, a link or a file has replaced the user's unsaved scenario: the way
 * back to it (scenario, kernel, step and tab), besides Undo.
 */
export function BackToYours() {
  const yours = useApp((s) => s.yours);
  const backToYours = useApp((s) => s.backToYours);
  const dismissYours = useApp((s) => s.dismissYours);
  if (!yours) return null;
  const title = yours.scenario.title || 'Untitled scenario';
  const n = yours.scenario.steps.length;
  return (
    <div className="back-to-yours" role="status" data-testid="back-to-yours">
      <p>
        Your scenario, <strong>{title}</strong> ({n.toLocaleString('en')} {n === 1 ? 'step' : 'steps'}, at step {yours.cursor} under {yours.kernel}), is kept: Undo or the button brings it back.
      </p>
      <div className="back-to-yours-actions">
        <button type="button" className="primary" onClick={() => void backToYours()}>
          Back to your scenario
        </button>
        <button type="button" onClick={dismissYours} title="Hide this; your scenario stays in the undo history">
          Dismiss
        </button>
      </div>
    </div>
  );
}
