import { useState } from 'react';
import { pageLink } from '../state/page-link';
import { useApp, useAppStore } from '../state/store-context';
import { KernelPicker } from '../views/controls/KernelPicker';
import { ImportExport } from '../views/io/ImportExport';

/** Title, kernel choice, undo/redo, import and export, theme and the share link. */
export function Header() {
  const title = useApp((s) => s.scenario.title);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const canUndo = useApp((s) => s.past.length > 0);
  const canRedo = useApp((s) => s.future.length > 0);
  const [copied, setCopied] = useState(false);
  const store = useAppStore();
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Hotplug Explorer</h1>
        <p className="scenario-title">{title || 'Untitled scenario'}</p>
      </div>
      <KernelPicker />
      <div className="header-actions">
        <button type="button" onClick={() => void undo()} disabled={!canUndo} title="Undo the last change to the scenario (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => void redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <ImportExport />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(pageLink(store.getState(), window.location)).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            });
          }}
          title="Copy a link that reproduces exactly this scenario, kernel and step"
        >
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-pressed={theme === 'dark'} title="Dark or light theme">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
    </header>
  );
}
