// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFile } from '../../test-support/load-scenario';
import type { LinkedTraceNode } from '../../engine/views/view-types';
import { linkedTrace } from '../../engine/views/run-view';
import { CallTrace, type CallTraceProps } from './CallTrace';

// Tells React this environment flushes act() updates, silencing its warning.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container = document.createElement('div');

function render(trace: LinkedTraceNode[] | null, stepLabel: string, extra: Partial<CallTraceProps> = {}) {
  cleanup();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<CallTrace trace={trace} stepLabel={stepLabel} {...extra} />));
  return container.querySelector<HTMLElement>('[data-testid="call-trace"]')!;
}

function cleanup() {
  act(() => root?.unmount());
  root = null;
  container.remove();
}
afterEach(cleanup);

const hmmRemove = () => linkedTrace(runFile('notes/s5-hmm-private.json', 'rfc-v1'), 2);
const fnLink = (el: HTMLElement, fn: string) => [...el.querySelectorAll<HTMLAnchorElement>('a.ct-fn')].find((a) => a.textContent === fn)!;

describe('CallTrace', () => {
  it('heads the trace with the step and a summary of calls, differing decisions and findings', () => {
    const el = render(hmmRemove(), 'step 2: hmm_devmem_remove under rfc-v1');
    expect(el.querySelector('h2')!.textContent).toBe('step 2: hmm_devmem_remove under rfc-v1');
    expect(el.querySelector('.ct-summary')!.textContent).toBe('13 calls · 2 decisions that differ between kernels · 3 findings');
  });

  it('links each call to its source, and a patched one to the patch and to the base tree', () => {
    const el = render(hmmRemove(), 'step 2');
    const plain = fnLink(el, 'release_mem_region_adjustable');
    expect(plain.href).toBe('https://elixir.bootlin.com/linux/v4.18.20/source/kernel/resource.c#L1236');
    expect([plain.target, plain.rel, plain.title]).toEqual(['_blank', 'noopener', 'kernel/resource.c:1236 (v4.18.20)']);
    expect(plain.parentElement!.querySelector('.ct-badge--patch')).toBeNull();
    expect(plain.parentElement!.textContent).toBe('release_mem_region_adjustable(&iomem_resource, 0x3ffff0000000, 0x10000000) = 0');

    const patched = fnLink(el, '__remove_pages');
    expect(patched.href).toMatch(/^https:\/\/lore\.kernel\.org\/linux-mm\//);
    expect(patched.parentElement!.querySelector('.ct-badge--patch')!.textContent).toBe('patch');
    expect(patched.parentElement!.querySelector<HTMLAnchorElement>('a.ct-base')!.href).toBe('https://elixir.bootlin.com/linux/v4.18.20/source/mm/memory_hotplug.c#L551');
  });

  it('marks the decisions where kernels differ and styles changes, printk lines, findings and notes', () => {
    const el = render(hmmRemove(), 'step 2');
    const keyed = [...el.querySelectorAll('.ct-decision--key')];
    expect(keyed.map((d) => d.textContent)).toEqual([
      '? altmap → NULL: release the iomem resourcediffers between kernels',
      '? exact match → free the whole entrydiffers between kernels',
    ]);
    expect(el.querySelectorAll('.ct-decision:not(.ct-decision--key) .ct-badge')).toHaveLength(0);
    expect(el.querySelector('.ct-change[data-what="iomem"]')!.textContent).toBe('~ freed "gpu0" [mem 0x3ffff0000000-0x3fffffffffff] (owner gpu0)');
    expect(el.querySelector('.ct-log samp')!.textContent).toBe('printk: Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>');
    expect([...el.querySelectorAll('.ct-finding .ct-code')].map((c) => c.textContent)).toEqual(['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release']);
    expect(el.querySelector('.ct-note')!.textContent).toContain('find_memory_block(): none');
  });

  it('opens calls down to depth 6 and leaves deeper ones folded; a call that BUG()ed did not return', () => {
    const run = runFile('notes/s4-never-onlined-inside-span.json', 'v4.18');
    const el = render(linkedTrace(run, 7), 'step 7: remove_memory under v4.18');
    const expanded = (fn: string) => fnLink(el, fn).closest('li')!.querySelector(':scope > .ct-toggle')!.getAttribute('aria-expanded');
    expect(expanded('shrink_zone_span')).toBe('true');
    expect(expanded('find_biggest_section_pfn')).toBe('false');
    expect(fnLink(el, 'remove_memory').parentElement!.querySelector('.ct-noret')!.textContent).toBe(' ↯ did not return');
    expect(fnLink(el, 'memblock_remove').parentElement!.textContent).toBe('memblock_remove(0x150000000, 0x8000000)');
  });

  it('reports the range a hovered line names', () => {
    const onHoverRange = vi.fn();
    const el = render(hmmRemove(), 'step 2', { onHoverRange });
    const line = el.querySelector<HTMLElement>('.ct-change[data-what="iomem"] .ct-line')!;
    act(() => line.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })));
    expect(onHoverRange).toHaveBeenLastCalledWith({ start: 0x3ffff0000000, end: 0x3fffffffffff });
    act(() => line.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body })));
    expect(onHoverRange).toHaveBeenLastCalledWith(null);
  });

  it('says why there is no trace, and that one is loading', () => {
    expect(render(null, 'step 2').textContent).toContain('Loading call trace…');
    const run = runFile('notes/s6-pmem-altmap.json', 'v4.18');
    expect(run.haltedAt).toBe(3);
    expect(render(linkedTrace(run, 4), 'step 4: remove_memory under v4.18').textContent).toContain('This step did not run');
    expect(render(linkedTrace(run, 0), 'step 0: boot under v4.18').textContent).toContain('Boot state: no call trace');
    expect(render([], 'initial state', { emptyReason: 'boot' }).textContent).toContain('Boot state: no call trace');
  });
});
