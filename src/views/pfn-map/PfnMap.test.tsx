// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildFoldedScale } from './folded-scale';
import { PfnMap, type PfnMapProps } from './PfnMap';
import { engineStates } from './test-states';

// Tells React this environment flushes act() updates, silencing its warning.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const [, added, device] = engineStates();

/** A 2D context that accepts every call and records the method names. */
function fakeContext(calls: string[]): CanvasRenderingContext2D {
  const props: Record<string | symbol, unknown> = {};
  return new Proxy(props, {
    get(t, key) {
      if (key in t) return t[key];
      if (key === 'createPattern') return () => ({});
      return () => void calls.push(String(key));
    },
    set(t, key, v) {
      t[key] = v;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const nextFrame = () => act(() => new Promise<void>((r) => setTimeout(r, 40)));

let container: HTMLDivElement;
let root: Root;
let errors: ReturnType<typeof vi.spyOn>;
let calls: string[];

function stubContext(ctx: CanvasRenderingContext2D | null) {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
}

async function render(props: Partial<PfnMapProps> = {}) {
  const all: PfnMapProps = { state: device!, previous: added!, highlight: null, onHover: () => {}, theme: 'light', ...props };
  await act(async () => root.render(<PfnMap {...all} />));
  await nextFrame();
}

const q = <T extends Element>(sel: string) => container.querySelector<T>(sel)!;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  errors = vi.spyOn(console, 'error');
  calls = [];
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  expect(errors).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('PfnMap without a 2D context (as in jsdom)', () => {
  it('renders the canvas as an image, the legend and the text twin', async () => {
    stubContext(null);
    await render();
    const canvas = q<HTMLCanvasElement>('canvas');
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toMatch(/^Physical address map, 0 to 64 TiB, step 2: 19 non-empty sections/);
    const items = [...container.querySelectorAll('[data-testid="pfn-map-text"] li')].map((li) => li.textContent);
    expect(items[0]).toMatch(/^00000000-107ffffff: 16 sections online \(DMA, DMA32\)/);
    expect(items).toContain('3ffff0000000-3fffffffffff: 2 sections ZONE_DEVICE; iomem: gpu0');
    expect(container.querySelector('.pfn-map__legend')!.textContent).toContain('memmap poisoned');
    expect(q<HTMLButtonElement>('.pfn-map__reset').disabled).toBe(true);
  });

  it('asks each of its two canvases (base and highlight) for its context once, however often it redraws', async () => {
    stubContext(null);
    await render();
    await render({ highlight: { start: 0, end: 4095 } });
    await render({ theme: 'dark' });
    expect(HTMLCanvasElement.prototype.getContext).toHaveBeenCalledTimes(2);
  });
});

describe('PfnMap with a 2D context', () => {
  it('draws sections, axis and highlight batched per frame; a new highlight redraws only its overlay', async () => {
    // Frames by hand, so that no real frame can slip in between the updates.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const flush = () => act(() => frames.splice(0).forEach((cb) => cb(0)));
    const since = (from: number, what: string) => calls.slice(from).filter((c) => c === what).length;
    stubContext(fakeContext(calls));
    const props = { state: device!, onHover: () => {}, theme: 'dark' as const };
    await act(async () => root.render(<PfnMap {...props} previous={added!} highlight={{ start: 2 ** 32, end: 2 ** 32 + 2 ** 27 - 1 }} />));
    flush();
    expect(calls).toContain('fillRect');
    expect(since(0, 'fillText')).toBeGreaterThan(0);
    // the highlight moves: the overlay is cleared and drawn again, the base (sections, axis labels) is not
    let mark = calls.length;
    await act(async () => root.render(<PfnMap {...props} previous={added!} highlight={{ start: 0, end: 4095 }} />));
    expect(frames).toHaveLength(1);
    flush();
    expect(since(mark, 'clearRect')).toBe(1);
    expect(since(mark, 'fillText')).toBe(0);
    // New props and two zoom steps in the same tick: one redraw of the base, in the next frame.
    mark = calls.length;
    await act(async () => {
      root.render(<PfnMap {...props} previous={added!} highlight={null} />);
      const stage = q('.pfn-map__stage');
      stage.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
      stage.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
      root.render(<PfnMap {...props} previous={null} highlight={null} height={180} />);
    });
    expect(since(mark, 'clearRect')).toBe(0);
    flush();
    const baseRedraws = calls.slice(mark).filter((c) => c === 'fillText').length > 0;
    expect(baseRedraws).toBe(true);
    // base + overlay once each, and the overlay once more for its own schedule: no extra base frame
    expect(since(mark, 'clearRect')).toBeLessThanOrEqual(3);
    expect(frames).toHaveLength(0);
  });

  it('reports the hovered section as a byte range with a label, and shows a tooltip', async () => {
    stubContext(fakeContext(calls));
    const onHover = vi.fn();
    await render({ onHover });
    const x = buildFoldedScale(device!, 1000).x(32) + 2;
    const canvas = q<HTMLCanvasElement>('canvas');
    await act(async () => void canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x, clientY: 50 })));
    expect(onHover).toHaveBeenLastCalledWith(
      { start: 2 ** 32, end: 2 ** 32 + 2 ** 27 - 1 },
      'section 32 · 100000000-107ffffff · offline, memmap poisoned (never initialised) · memory32 offline',
    );
    expect(q('.pfn-map__tip').textContent).toMatch(/^section 32 · /);
    await act(async () => void canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: x + 0.5, clientY: 52 })));
    expect(onHover).toHaveBeenCalledTimes(1); // same section: no repeat
    await act(async () => void canvas.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body })));
    expect(onHover).toHaveBeenLastCalledWith(null, null);
    expect(container.querySelector('.pfn-map__tip')).toBeNull();
  });

  it('zooms with +/-, pans with Shift+arrows, leaves plain arrows to the app, and resets', async () => {
    stubContext(fakeContext(calls));
    await render();
    const stage = q<HTMLDivElement>('.pfn-map__stage');
    const key = async (k: string, shiftKey = false) => {
      const e = new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true });
      await act(async () => void stage.dispatchEvent(e));
      return e.defaultPrevented;
    };
    expect(await key('+')).toBe(true);
    expect(q<HTMLButtonElement>('.pfn-map__reset').disabled).toBe(false);
    expect(await key('ArrowRight', true)).toBe(true);
    expect(await key('ArrowRight')).toBe(false);
    expect(await key('ArrowLeft')).toBe(false);
    await act(async () => q<HTMLButtonElement>('.pfn-map__reset').click());
    expect(q<HTMLButtonElement>('.pfn-map__reset').disabled).toBe(true);
    expect(await key('-')).toBe(true);
    expect(q<HTMLButtonElement>('.pfn-map__reset').disabled).toBe(true); // already fully zoomed out
  });

  it('removes its zoom listeners on unmount', async () => {
    stubContext(fakeContext(calls));
    await render();
    const canvas = q<HTMLCanvasElement>('canvas') as HTMLCanvasElement & { __on?: Array<{ name: string }> };
    expect(canvas.__on?.some((l) => l.name === 'zoom')).toBe(true);
    act(() => root.unmount());
    expect(canvas.__on?.some((l) => l.name === 'zoom') ?? false).toBe(false);
    root = createRoot(container); // afterEach unmounts again
  });
});
