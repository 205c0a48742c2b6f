/** Keeps the address bar equal to what is shown, and opens links pasted into it. */
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import type { AppStore } from './store';
import { decodeLink, encodeLink } from './url-state';

export function openFromLocation(store: AppStore, hash: string): Promise<void> {
  const read = decodeLink(hash);
  if (read.ok === true) return store.getState().openScenario(read.state.scenario, { kernel: read.state.kernel, compare: read.state.compare, step: read.state.step, view: read.state.view });
  if (read.ok === false) store.getState().showAlert(`${read.error} The default scenario was opened instead.`);
  return store.getState().openScenario(DEFAULT_SCENARIO);
}

export function syncUrl(store: AppStore, win: Window = window): () => void {
  let last = '';
  const write = () => {
    const s = store.getState();
    const hash = encodeLink({ scenario: { ...s.scenario, kernel: s.kernel, cursor: s.cursor }, kernel: s.kernel, compare: s.compare, step: s.cursor, view: s.view });
    if (hash === last) return;
    last = hash;
    win.history.replaceState(null, '', hash);
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.kernel !== prev.kernel || s.compare !== prev.compare || s.cursor !== prev.cursor || s.view !== prev.view) write();
  });
  const onHash = () => {
    if (win.location.hash === last) return;
    last = win.location.hash;
    void openFromLocation(store, win.location.hash);
  };
  win.addEventListener('hashchange', onHash);
  write();
  return () => {
    unsub();
    win.removeEventListener('hashchange', onHash);
  };
}
