// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { App } from '../../app/App';
import { LESSONS } from '../../lessons';

/** The ZONE_DEVICE lesson: it opens under RFC v1, with a question at step 2. */
const ZD = LESSONS.find((l) => l.id === 'zone-device-resource')!;
import { DEFAULT_SCENARIO } from '../../scenario/default-scenario';
import { createAppStore } from '../../state/store';
import { StoreContext } from '../../state/store-context';
import { decodeLink, encodeLink } from '../../links/share-link';
import { openFromLocation, syncUrl } from '../../state/url-sync';
import { InProcessEngineClient } from '../../worker/in-process-client';
import { startLesson } from '../../state/open-lesson';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

async function mount(hash = '') {
  const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  let unsync = () => {};
  await act(async () => {
    root.render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    );
    await openFromLocation(store, hash);
    unsync = syncUrl(store);
  });
  cleanup = () => {
    unsync();
    act(() => root.unmount());
    container.remove();
  };
  return { store, container };
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const key = (k: string) => act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: k })));
const button = (c: HTMLElement, name: string) => [...c.querySelectorAll('button')].find((b) => b.textContent === name)!;
const indicator = (c: HTMLElement) => c.querySelector('[data-testid="step-indicator"]')?.textContent;

it('an empty link shows the landing above the explorer; a lesson opens from it', async () => {
  const { container, store } = await mount('');
  expect(container.querySelector('[data-testid="landing"]')).not.toBeNull();
  expect(indicator(container)).toBe('Step 0 of 7');
  await act(async () => button(container, 'Start lesson 4').click());
  await settle();
  expect(store.getState().lesson?.id).toBe(ZD.id);
  expect(container.querySelector('[data-testid="landing"]')).toBeNull();
  expect(indicator(container)).toBe('Step 0 of 5');
  expect(decodeLink(window.location.hash)).toMatchObject({ ok: true, state: { lesson: ZD.id, step: 0, kernel: 'rfc-v1' } });
});

it('→ stops at a prediction, Check grades it from the engine and shows the step', async () => {
  const { container, store } = await mount('');
  await act(async () => button(container, 'Start lesson 4').click());
  await settle();
  await key('ArrowRight');
  await settle();
  expect(indicator(container)).toBe('Step 1 of 5');
  await key('ArrowRight');
  await settle();
  // held before step 2: the question is asked
  expect(indicator(container)).toBe('Step 1 of 5');
  expect(store.getState().lesson?.held).toBe(2);
  const form = container.querySelector('form.prediction-form')!;
  expect(form.textContent).toContain('Who takes gpu0\u2019s line out of /proc/iomem?');
  expect(form.textContent).toContain('Make your prediction first');
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  await act(async () => radios.find((r) => r.value === 'driver')!.click());
  await act(async () => button(container, 'Check').click());
  await settle();
  expect(indicator(container)).toBe('Step 2 of 5');
  const result = container.querySelector('[data-testid="prediction-result"]')!;
  expect(result.textContent).toContain('Not this time.');
  expect(result.textContent).toContain('The core hotplug code (__remove_pages), while the driver still owns it');
  expect(container.querySelector('[data-testid="lesson-key"]')?.textContent).toContain('Key moment');
  // the grade belongs to the question, asked under RFC v1: v4.18 (where the driver does release it) does not change it
  await act(async () => store.getState().setKernel('v4.18'));
  await settle();
  expect(store.getState().runs?.[0]?.kernel).toBe('v4.18');
  const after = container.querySelector('[data-testid="prediction-result"]')!.textContent;
  expect(after).toContain('Not this time.');
  expect(after).toContain('Graded under rfc-v1, where you answered; the views now show v4.18.');
});

it('a lesson link reopens the lesson at its step and kernel; editing the scenario leaves the lesson', async () => {
  const lesson = LESSONS.find((l) => l.id === 'span-shrink')!;
  const first = await mount('');
  await act(async () => button(first.container, 'Start lesson 2').click());
  await settle();
  await act(async () => first.store.getState().goTo(11));
  await act(async () => first.store.getState().setKernel('v4.18'));
  await settle();
  const hash = window.location.hash;
  cleanup?.();
  cleanup = null;
  const { container, store } = await mount(hash);
  expect(store.getState().lesson?.id).toBe(lesson.id);
  expect(store.getState().kernel).toBe('v4.18');
  expect(indicator(container)).toBe('Step 11 of 14');
  expect(container.querySelector('[data-testid="lesson-panel"]')?.textContent).toContain('v4.18 keeps spanned 98304');
  await act(async () => store.getState().deleteStep(14));
  expect(store.getState().lesson).toBeNull();
  expect(container.querySelector('[data-testid="lesson-panel"]')).toBeNull();
});

it('a link to a lesson that does not exist says so and opens its scenario', async () => {
  const hash = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: null, step: 3, view: 'explore', lesson: 'no-such-lesson' });
  const { store } = await mount(hash);
  expect(store.getState().cursor).toBe(3);
  expect(store.getState().lesson).toBeNull();
  expect(store.getState().alert).toMatch(/lesson "no-such-lesson"/);
});

it('every button or tab a lesson tells the student to press is named as the page shows it', async () => {
  const { container } = await mount('');
  await act(async () => button(container, 'Start lesson 4').click());
  await settle();
  const shown = new Set([...container.querySelectorAll('button, [role="tab"]')].map((b) => b.textContent!.trim()));
  // "Press **Next ▶**", "Open the **Zones & nodes** tab", "**Jump to the key moment**"
  const named = (text: string) => [...text.matchAll(/(?:[Pp]ress|[Cc]lick|[Cc]hoose|[Oo]pen the) \*\*([^*]+)\*\*|\*\*([^*]+)\*\* (?:tab|button)|or \*\*([^*]+)\*\*/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  const names = LESSONS.flatMap((l) => l.steps.flatMap((s) => s.body.flatMap((p) => named(typeof p === 'string' ? p : p.text))));
  expect(names).toContain('Next ▶');
  for (const n of names) expect(shown, `a lesson names "${n}"`).toContain(n);
  // and the panel's own hint
  const hint = container.querySelector('.lesson-next-hint strong')?.textContent;
  expect(shown).toContain(hint);
});

it('a step that asks for the review matrix offers the button that opens it, and the link then carries m=1', async () => {
  const { container, store } = await mount('');
  const lesson = LESSONS.find((l) => l.steps.some((s) => s.openMatrix))!;
  const at = lesson.steps.find((s) => s.openMatrix)!.step;
  await act(async () => void (await startLesson(store, lesson, { step: at })));
  await settle();
  expect(store.getState().matrix).toBe(false);
  await act(async () => button(container, 'Open the review matrix').click());
  expect(store.getState().matrix).toBe(true);
  expect(container.querySelector('#review-matrix')).not.toBeNull();
  expect(decodeLink(window.location.hash)).toMatchObject({ ok: true, state: { lesson: lesson.id, matrix: true } });
  await act(async () => button(container, 'Close the review matrix').click());
  expect(store.getState().matrix).toBe(false);
  // a step without the field offers no such button
  await act(async () => store.getState().goTo(at - 1));
  await settle();
  expect(button(container, 'Open the review matrix')).toBeUndefined();
});

it('a composed kernel in a lesson says the narration and grading are its preset\u2019s, and the note goes with the named kernel', async () => {
  const { container, store } = await mount('');
  await act(async () => button(container, 'Start lesson 4').click());
  await settle();
  const note = () => container.querySelector('[data-testid="lesson-custom-note"]')?.textContent ?? null;
  expect(note()).toBeNull();
  await act(async () => void (await store.getState().setKernel('rfc-v1+release=is_device_flag')));
  await settle();
  expect(note()).toContain('rfc-v1 + is_device flag');
  expect(note()).toContain('RFC v1\u2019s, its preset');
  await act(async () => void (await store.getState().setKernel('rfc-v1')));
  await settle();
  expect(note()).toBeNull();
});
