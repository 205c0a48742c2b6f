// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { reportAt } from '../engine/report';
import { runScenario } from '../engine/run';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { createAppStore } from '../state/store';
import { StoreContext } from '../state/store-context';
import { InProcessEngineClient } from '../worker/in-process-client';
import { App } from './App';

// Tells React this environment flushes act() updates, silencing its warning.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

async function mount() {
  const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await store.getState().openScenario(DEFAULT_SCENARIO);
  });
  cleanup = () => {
    act(() => root.unmount());
    container.remove();
  };
  return { store, container };
}

const q = (c: HTMLElement, id: string) => c.querySelector(`[data-testid="${id}"]`)?.textContent;

it('renders the default scenario with the same /proc text the engine computes', async () => {
  const { container } = await mount();
  expect(container.querySelector('h1')?.textContent).toBe('Hotplug Explorer');
  expect(q(container, 'step-indicator')).toBe('Step 0 of 7');
  const run = runScenario({ kernel: 'rfc-v1', config: DEFAULT_SCENARIO.config, machine: toMachineInput(DEFAULT_SCENARIO.machine), steps: DEFAULT_SCENARIO.steps });
  expect(q(container, 'iomem-text')).toBe(reportAt(run, 0).iomem);
  expect(q(container, 'zoneinfo-text')).toBe(reportAt(run, 0).zoneinfo);
});

it('steps with the arrow keys and shows the step\'s findings', async () => {
  const { container, store } = await mount();
  for (let i = 0; i < 6; i++) await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' })));
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  expect(store.getState().cursor).toBe(6);
  expect(q(container, 'step-indicator')).toBe('Step 6 of 7');
  expect(q(container, 'findings')).toContain('resource-released-while-owned');
  expect(q(container, 'iomem-text')).not.toContain('gpu0');
  await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' })));
  expect(q(container, 'step-indicator')).toBe('Step 0 of 7');
});
