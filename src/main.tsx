import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import './app/responsive.css';
import { DEFAULT_SCENARIO } from './scenario/default-scenario';
import { createAppStore, type Theme } from './state/store';
import { StoreContext } from './state/store-context';
import { openFromLocation, syncUrl } from './state/url-sync';
import { WorkerEngineClient } from './worker/engine-client';
import { warmStateView } from './views/warm-state';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem('hotplug-explorer.theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // no storage: fall back to the system preference
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const client = new WorkerEngineClient();
const store = createAppStore(client, DEFAULT_SCENARIO, initialTheme(), { onStateView: warmStateView });
// for tests of the recovery path and for debugging from the console
(window as unknown as { __hotplug?: unknown }).__hotplug = { store, client };
void openFromLocation(store, window.location.hash).then(() => syncUrl(store));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
