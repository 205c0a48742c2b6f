// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario/default-scenario';
import { serializeScenario } from '../../scenario/schema';
import { createAppStore } from '../../state/store';
import { StoreContext } from '../../state/store-context';
import { InProcessEngineClient } from '../../worker/in-process-client';
import { PROTOCOL_VERSION } from '../../worker/protocol';
import { ImportExport } from './ImportExport';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom gives import.meta.url an http: scheme, so the path is built from the file's folder.
const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures') + '/';
const QEMU = readFileSync(`${FIXTURES}qemu-pc-2g.iomem`, 'utf8');

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

/** An engine that cannot run machines holding an entry named "Boom", as a real engine bug would. */
class FailingClient extends InProcessEngineClient {
  override async request(body: Parameters<InProcessEngineClient['request']>[0], opts?: Parameters<InProcessEngineClient['request']>[1]) {
    if (body.kind === 'run' && body.input.machine.kind === 'iomem' && JSON.stringify(body.input.machine.entries).includes('"Boom"')) {
      return { v: PROTOCOL_VERSION as typeof PROTOCOL_VERSION, id: 0, gen: body.gen, kind: 'error' as const, message: 'Boom is not simulated' };
    }
    return super.request(body, opts);
  }
}

async function mount(client = new InProcessEngineClient()) {
  const store = createAppStore(client, DEFAULT_SCENARIO);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <StoreContext.Provider value={store}>
        <ImportExport />
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

const button = (c: HTMLElement, name: RegExp) => Array.from(c.querySelectorAll('button')).find((b) => name.test(b.textContent ?? ''))!;

async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

/** Types into a React-controlled textarea the way a browser does. */
async function type(el: HTMLTextAreaElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function chooseFile(input: HTMLInputElement, file: File) {
  await act(async () => {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
  });
}

async function openDialog(c: HTMLElement) {
  await click(button(c, /^Import/));
  const dialog = c.querySelector('dialog')!;
  expect(dialog.hasAttribute('open')).toBe(true);
  return dialog;
}

describe('import dialog', () => {
  it('refuses a /proc/iomem read without root and changes nothing', async () => {
    const { store, container } = await mount();
    const before = store.getState().scenario;
    const dialog = await openDialog(container);
    await type(dialog.querySelector('textarea')!, QEMU.replace(/[0-9a-f]+-[0-9a-f]+/g, '00000000-00000000'));
    await click(button(dialog, /^Use as machine$/));
    const alert = dialog.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('could not be read, so nothing was changed');
    expect(alert.textContent).toContain('it was read without root');
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().past).toEqual([]);
  });

  it('uses a real /proc/iomem as the machine (undoably) and lists what was inferred', async () => {
    const { store, container } = await mount();
    const dialog = await openDialog(container);
    await type(dialog.querySelector('textarea')!, QEMU);
    await click(dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]!); // start with no steps
    await click(button(dialog, /^Use as machine$/));
    const s = store.getState();
    expect(s.scenario.machine).toMatchObject({ kind: 'iomem', text: QEMU });
    expect(s.scenario.steps).toEqual([]);
    expect(s.cursor).toBe(0);
    expect(s.shown?.state.iomemText).toBe(QEMU);
    expect(s.past).toHaveLength(1);
    expect(dialog.querySelector('[role="status"]')?.textContent).toMatch(/This is now the machine.*2 top-level System RAM ranges/);
    const table = dialog.querySelector('.io-inferred table')!;
    expect(table.textContent).toContain('MEM SYSRAM BUSY');
    expect(table.textContent).toContain('“Kernel code” (line');
    await act(async () => store.getState().undo());
    expect(store.getState().scenario.machine).toEqual({ kind: 'default' });
  });

  it('takes the machine back if the engine cannot run it, and says so', async () => {
    const { store, container } = await mount(new FailingClient());
    const before = store.getState().scenario;
    const dialog = await openDialog(container);
    await type(dialog.querySelector('textarea')!, `${QEMU}10000000000-10000ffffff : Boom\n`);
    await click(button(dialog, /^Use as machine$/));
    expect(dialog.querySelector('[role="alert"]')?.textContent).toMatch(/was read, but the simulated kernel could not boot it, so nothing was changed:.*The engine could not run this scenario: Boom is not simulated/);
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().kernel).toBe('rfc-v1');
    expect(store.getState().alert).toBeNull();
    expect(store.getState().shown?.state.iomemText).not.toContain('Boom');
  });

  it('opens a scenario file under its kernel at its cursor, or says what is wrong by step and field', async () => {
    const { store, container } = await mount();
    const dialog = await openDialog(container);
    const input = dialog.querySelector<HTMLInputElement>('input[accept^=".json"]')!;
    const bad = serializeScenario(DEFAULT_SCENARIO).replace('"as": "online_movable"', '"as": "sideways"');
    await chooseFile(input, new File([bad], 'bad.json', { type: 'application/json' }));
    expect(dialog.querySelector('[role="alert"]')?.textContent).toMatch(/bad\.json is not a valid scenario.*step 2.*"as"/);
    expect(store.getState().past).toEqual([]);

    const good = serializeScenario({ ...DEFAULT_SCENARIO, title: 'From a file', kernel: 'v5.5', cursor: 4 });
    await chooseFile(input, new File([good], 'good.json', { type: 'application/json' }));
    const s = store.getState();
    expect(s.scenario.title).toBe('From a file');
    expect(s.kernel).toBe('v5.5');
    expect(s.cursor).toBe(4);
    expect(s.runs?.[0]?.kernel).toBe('v5.5');
    expect(s.past).toHaveLength(1);
    expect(dialog.querySelector('[role="status"]')?.textContent).toMatch(/Opened good\.json.*7 steps under v5\.5, shown at step 4/);
  });

  it('closes on Escape', async () => {
    const { container } = await mount();
    const dialog = await openDialog(container);
    await act(async () => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(container.querySelector('dialog')).toBeNull();
  });
});

describe('export menu', () => {
  it('lists every export with its file name for the step shown', async () => {
    const { container, store } = await mount();
    await act(async () => store.getState().goTo(6));
    await click(button(container, /^Export/));
    const names = Array.from(container.querySelectorAll('.io-menu__file')).map((e) => e.textContent);
    expect(names).toEqual([
      'hotplug-explorer-rfc-v1-step6-iomem.txt',
      'hotplug-explorer-rfc-v1-step6-zoneinfo.txt',
      'hotplug-explorer-rfc-v1-step6-memory.txt',
      'hotplug-explorer-rfc-v1-step6-scenario.json',
      'hotplug-explorer-rfc-v1-step6-pfn-map.png',
      'hotplug-explorer-rfc-v1-step6-pfn-map-iomem.svg',
    ]);
    expect(button(container, /^Export/).getAttribute('aria-expanded')).toBe('true');
  });
});
