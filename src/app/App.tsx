import { useEffect } from 'react';
import { useApp } from '../state/store-context';
import { JobProgress } from '../views/progress/JobProgress';
import { StepControls } from '../views/controls/StepControls';
import { BackToYours } from '../views/controls/BackToYours';
import { StepSummary } from '../views/StepSummary';
import { LessonPanel } from '../views/lesson/LessonPanel';
import { Explorer } from './Explorer';
import { Header } from './Header';
import { MatrixSection } from './MatrixSection';
import { ReadySignal } from './ReadySignal';
import { Landing } from '../views/landing/Landing';
import { EmbedView } from '../views/present/EmbedView';
import '../views/present/present.css';

/** The page: header, controls, the views; it reports when everything shown is drawn (data-ready). */
export function App() {
  const busy = useApp((s) => s.busy);
  const engineMs = useApp((s) => s.engineMs);
  const alert = useApp((s) => s.alert);
  const showAlert = useApp((s) => s.showAlert);
  const theme = useApp((s) => s.theme);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const landing = useApp((s) => s.landing);
  const setLanding = useApp((s) => s.setLanding);
  const present = useApp((s) => s.present);
  const embed = useApp((s) => s.embed);
  const setDisplay = useApp((s) => s.setDisplay);
  const matrix = useApp((s) => s.matrix);
  const setMatrix = (open: boolean) => setDisplay({ matrix: open });

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('hotplug-explorer.theme', theme);
    } catch {
      // storage may be unavailable (private mode); the theme still applies
    }
  }, [theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void (e.shiftKey ? redo() : undo());
      } else if (e.key === 'Escape' && present) setDisplay({ present: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, present, setDisplay]);

  if (embed) {
    return (
      <main className="app embed-app">
        <ReadySignal />
        <EmbedView view={embed} />
      </main>
    );
  }

  return (
    <div className={present ? 'app presenting' : 'app'}>
      <ReadySignal />
      {/* moves focus without touching the fragment: the address bar holds the share link */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to the views
      </a>
      <Header />
      {alert && (
        <div role="alert" className="alert">
          <p>{alert}</p>
          <button type="button" onClick={() => showAlert(null)}>
            Dismiss
          </button>
        </div>
      )}
      <BackToYours />
      {landing && <Landing />}
      <JobProgress />
      {/* a landmark, so nothing on the page lies outside one (axe: region) */}
      <section className="control-bar" aria-label="Step controls">
        <StepControls />
        <button type="button" className="lessons-toggle" onClick={() => setLanding(!landing)} aria-expanded={landing} title="The guided lessons">
          Lessons
        </button>
        <button type="button" className="matrix-toggle" onClick={() => setMatrix(!matrix)} aria-expanded={matrix} aria-controls={matrix ? 'review-matrix' : undefined} title="Every built-in scenario and yours under every kernel: BUG, findings or clean">
          Review matrix
        </button>
        <button type="button" className="present-toggle" onClick={() => setDisplay({ present: !present })} aria-pressed={present} title="Presentation mode for a projector: large type, chrome hidden, arrow keys step, Escape leaves">
          {present ? 'Leave presentation' : 'Present'}
        </button>
      </section>
      {matrix && !present && <MatrixSection onClose={() => setMatrix(false)} />}
      <LessonPanel />
      <StepSummary />
      <main id="main" tabIndex={-1} aria-busy={busy} className={busy ? 'running' : undefined}>
        <Explorer />
      </main>
      <footer className="app-footer">
        Simulated x86_64 kernel: v4.18, the 2018 RFCs by Oscar Salvador, and v5.5. Each call in the trace links to its source line (Bootlin Elixir) or the patch (linux-mm).
        {engineMs !== null && (
          <>
            {' '}
            Last replay: <span data-testid="engine-ms">{engineMs < 1000 ? `${Math.round(engineMs)} ms` : `${(engineMs / 1000).toFixed(1)} s`}</span> in the engine's worker.
          </>
        )}
      </footer>
    </div>
  );
}
