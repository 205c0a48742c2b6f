// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { App } from './App';

// Tells React this environment flushes act() updates, silencing its warning.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it('renders the heading and marks the document ready', async () => {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);

  await act(async () => root.render(<App />));

  expect(container.querySelector('h1')?.textContent).toBe('Hotplug Explorer');
  expect(document.documentElement.dataset.ready).toBe('true');
  act(() => root.unmount());
});
