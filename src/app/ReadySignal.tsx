import { useLayoutEffect } from 'react';
import { viewsReady } from '../state/store';
import { useApp } from '../state/store-context';

/**
 * Sets <html data-ready> once everything shown is drawn: the run is in, the views of the
 * cursor are on screen, and its trace. The end-to-end tests and bench:browser wait for it.
 * Its own component, so that what it watches re-renders nothing else.
 */
export function ReadySignal() {
  const busy = useApp((s) => s.busy);
  const runs = useApp((s) => s.runs);
  const views = useApp(viewsReady);
  const shown = useApp((s) => s.shown);
  const trace = useApp((s) => s.trace);
  const cursor = useApp((s) => s.cursor);
  const ready = !busy && !!runs && views && !!trace && trace.step === cursor;
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (!ready) {
      root.dataset.ready = 'false';
      return;
    }
    // after the browser has painted this state
    const id = requestAnimationFrame(() => (root.dataset.ready = 'true'));
    return () => cancelAnimationFrame(id);
  }, [ready, runs, shown, trace, cursor]);
  return null;
}
