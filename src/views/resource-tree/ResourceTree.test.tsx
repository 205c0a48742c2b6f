// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StateView } from '../../engine/views/view-types';
import { ResourceTree, type ResourceTreeProps } from './ResourceTree';
import { scenarioStates } from './test-states';

// Tells React this environment flushes act() updates, silencing its warning.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container = document.createElement('div');

function render(state: StateView, previous: StateView | null, extra: Partial<ResourceTreeProps> = {}) {
  const onHover = vi.fn();
  cleanup();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<ResourceTree state={state} previous={previous} highlightId={null} highlightRange={null} onHover={onHover} {...extra} />));
  return onHover;
}

const items = () => [...container.querySelectorAll<HTMLElement>('[role="treeitem"]')];
const item = (text: string) => items().find((el) => el.textContent!.includes(text))!;

function cleanup() {
  act(() => root?.unmount());
  root = null;
  container.remove();
}
afterEach(cleanup);

describe('ResourceTree', () => {
  it('shows one labelled row per entry below the root with range, flags, desc and owner', () => {
    const s = scenarioStates('notes/s5-hmm-private.json', 'rfc-v1');
    render(s[1]!, s[0]!);
    expect(container.querySelector('[role="tree"]')!.getAttribute('aria-label')).toBe('iomem resource tree at step 1');
    expect(items()).toHaveLength(3);
    const gpu = item('gpu0');
    expect(gpu.textContent).toContain('3ffff0000000-3fffffffffff');
    expect([...gpu.querySelectorAll('.rt-chip')].map((c) => c.textContent)).toEqual(['MEM', 'BUSY', 'DEVICE_PRIVATE_MEMORY']);
    expect(gpu.getAttribute('aria-label')).toBe('3ffff0000000-3fffffffffff gpu0; MEM BUSY DEVICE_PRIVATE_MEMORY; owner gpu0; added');
    expect(item('00100000-bfffffff').getAttribute('aria-label')).toBe('00100000-bfffffff System RAM; MEM SYSRAM BUSY; owner firmware');
    expect(container.querySelector('.rt-summary')!.textContent).toBe('step 1: 1 added');
  });

  it('strikes out the entry freed at this step', () => {
    const s = scenarioStates('notes/s5-hmm-private.json', 'rfc-v1');
    render(s[2]!, s[1]!);
    const freed = item('gpu0');
    expect(freed.classList).toContain('rt-row--freed');
    expect(freed.querySelector('.rt-badge')!.textContent).toBe('freed at this step');
  });

  it('shows old → new for an adjusted entry and names the entry a split tail came from', () => {
    const s = scenarioStates('notes/s7-split.json', 'v4.18');
    render(s[4]!, s[3]!);
    const head = item('140000000-147ffffff');
    expect(head.querySelector('del')!.textContent).toBe('140000000-157ffffff');
    expect(head.getAttribute('aria-label')).toContain('was 140000000-157ffffff');
    expect(item('150000000-157ffffff').querySelector('.rt-badge')!.textContent).toBe('split from System RAM #3');
  });

  it('labels a ghost with who freed it, when, and who still owns it', () => {
    const s = scenarioStates('notes/s5-hmm-public-then-other-driver.json', 'rfc-v1');
    render(s[3]!, s[2]!);
    const ghost = container.querySelector<HTMLElement>('.rt-row--ghost')!;
    expect(ghost.querySelector('.rt-ghost-label')!.textContent).toBe('gpu0 CDM — freed by __remove_pages() at step 2, still owned by platform');
    expect(ghost.previousElementSibling!.textContent).toContain('nic1-bar');
  });

  it('highlights rows by id or by overlapping range', () => {
    const s = scenarioStates('notes/s7-split.json', 'v4.18');
    render(s[4]!, s[3]!, { highlightRange: { start: 0x150000000, end: 0x150000fff } });
    expect(items().filter((el) => el.dataset.highlighted).map((el) => el.dataset.key)).toEqual(['entry-4']);
    act(() => root!.render(<ResourceTree state={s[4]!} previous={s[3]!} highlightId={1} highlightRange={null} onHover={() => {}} />));
    expect(items().filter((el) => el.dataset.highlighted).map((el) => el.dataset.key)).toEqual(['entry-1']);
    expect(items()[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('scrolls the first highlighted row into the list\u2019s view, never the page, unless the pointer is on the list', () => {
    const s = scenarioStates('notes/s7-split.json', 'v4.18');
    // jsdom has no layout: each row lies 100 px further down, below a list 50 px tall at the top
    const pageScrolls: string[] = [];
    const listScrolls: string[] = [];
    HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      pageScrolls.push(this.dataset.key!);
    };
    const box = (top: number, height: number) => ({ top, bottom: top + height, height, left: 0, right: 100, width: 100, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      if (this.getAttribute('role') === 'tree') return box(0, 50);
      return box(this.dataset.key ? 100 * (1 + [...this.parentElement!.children].indexOf(this)) : 0, 20);
    };
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 50 });
    Object.defineProperty(HTMLElement.prototype, 'scrollTop', {
      configurable: true,
      get: () => 0,
      set(this: HTMLElement) {
        if (this.getAttribute('role') === 'tree') listScrolls.push(this.querySelector<HTMLElement>('[data-highlighted]')!.dataset.key!);
      },
    });
    try {
      render(s[4]!, s[3]!, { highlightId: 4 });
      expect(listScrolls).toEqual(['entry-4']);
      const list = container.querySelector('[role="tree"]')!;
      act(() => list.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
      act(() => root!.render(<ResourceTree state={s[4]!} previous={s[3]!} highlightId={1} highlightRange={null} onHover={() => {}} />));
      expect(listScrolls).toEqual(['entry-4']);
      // hovering the map highlights a row: the page itself must not move
      expect(pageScrolls).toEqual([]);
    } finally {
      const proto = HTMLElement.prototype as Partial<HTMLElement>;
      delete proto.scrollIntoView;
      delete proto.getBoundingClientRect;
      delete (proto as { clientHeight?: number }).clientHeight;
      delete (proto as { scrollTop?: number }).scrollTop;
    }
  });

  it('reports hover by mouse, and by Enter or Space on the focused row; arrows move focus', () => {
    const s = scenarioStates('notes/s7-split.json', 'v4.18');
    const onHover = render(s[4]!, s[3]!);
    const rows = items();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1]);
    act(() => rows[2]!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    expect(onHover).toHaveBeenLastCalledWith({ id: 3, start: 0x140000000, end: 0x147ffffff, name: 'System RAM' });
    act(() => rows[2]!.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body })));
    expect(onHover).toHaveBeenLastCalledWith(null);

    act(() => rows[0]!.focus());
    act(() => rows[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(document.activeElement).toBe(rows[1]);
    act(() => rows[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })));
    expect(document.activeElement).toBe(rows[3]);
    expect(items().map((r) => r.tabIndex)).toEqual([-1, -1, -1, 0]);
    act(() => rows[3]!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })));
    expect(onHover).toHaveBeenLastCalledWith({ id: 4, start: 0x150000000, end: 0x157ffffff, name: 'System RAM' });
    act(() => rows[3]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(onHover).toHaveBeenCalledTimes(4);
  });

  it('says "boot state" when there is nothing to compare with', () => {
    const s = scenarioStates('notes/s7-split.json', 'v4.18');
    render(s[0]!, null);
    expect(container.querySelector('.rt-summary')!.textContent).toBe('step 0: boot state');
    expect(container.querySelectorAll('.rt-badge')).toHaveLength(0);
  });
});
