import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Op } from '../../engine/ops';
import { runScenario } from '../../engine/run';
import { stateViewAt } from '../../engine/views/run-view';
import type { StateView } from '../../engine/views/view-types';
import { toMachineInput } from '../../scenario/machine-input';
import { vmemmapSpans } from './draw-vmemmap';
import { buildFoldedScale } from './folded-scale';
import { describeSection } from './hover-label';
import { legendKey } from './legend-key';
import { basePalette } from './palette';
import { sortedSlice } from './sorted-slice';

const G = 2 ** 30;
const steps: Op[] = [
  { op: 'add_memory', nid: 0, start: 4 * G, size: G },
  { op: 'online', start: 4 * G, size: G, as: 'online_movable' },
  { op: 'offline', start: 4 * G, size: G },
  { op: 'remove_memory', nid: 0, start: 4 * G, size: G },
];
function states(memmap: boolean): StateView[] {
  const run = runScenario({ kernel: 'v6.12', config: { ...DEFAULT_CONFIG, memmap_on_memory: memmap }, machine: toMachineInput({ kind: 'default' }), steps });
  return [0, 1, 2, 3, 4].map((i) => stateViewAt(run, i) as StateView);
}
const WIDTH = 1000;
function spans(s: StateView, k: number, focusSection = 32) {
  const scale = buildFoldedScale(s, WIDTH);
  // zoom k about the DIMM's first section
  const tx = WIDTH / 2 - scale.x(focusSection) * k;
  return { scale, list: vmemmapSpans(sortedSlice(s.sections), s.blockSizeBytes, scale, { k, tx }, WIDTH) };
}

describe('the PFN map draws each block\'s own memmap (memmap_on_memory)', () => {
  const on = states(true);
  it('zoomed in: one span per block of the DIMM, 1/64 of the block at its start, while the DIMM exists', () => {
    const { scale, list } = spans(on[2]!, 400);
    const block = (scale.x(33) - scale.x(32)) * 400;
    expect(block).toBeGreaterThan(64);
    const visible = list.filter(([a]) => a >= 0 && a <= WIDTH);
    expect(visible.length).toBeGreaterThan(0);
    const [x0, x1] = visible.find(([a]) => Math.abs(a - WIDTH / 2) < 1e-6)!; // memory32 sits at the zoom centre
    expect(x1 - x0).toBeCloseTo(block / 64, 6);
    // every block start of the DIMM that is on screen has one
    expect(spans(on[1]!, 400).list.length).toBe(visible.length);
  });
  it('at the deepest zoom (40 px a block) the mark is 3 px, not the 0.6 px to scale', () => {
    const s = on[2]!;
    const scale = buildFoldedScale(s, WIDTH);
    const k = scale.maxZoom;
    const { list } = spans(s, k);
    const [x0, x1] = list.find(([a]) => Math.abs(a - WIDTH / 2) < 1e-6)!;
    expect((scale.x(33) - scale.x(32)) * k).toBeCloseTo(40, 6);
    expect(x1 - x0).toBe(3);
  });
  it('none zoomed out (blocks under 16 px), none without the option, none once the DIMM is removed', () => {
    expect(spans(on[2]!, 1).list).toEqual([]);
    expect(states(false).every((s) => spans(s, 400).list.length === 0)).toBe(true);
    expect(spans(on[4]!, 400).list).toEqual([]);
    expect(spans(on[0]!, 400).list).toEqual([]);
  });
  it('the hover label of a block with its own memmap says so', () => {
    const s = on[2]!;
    expect(describeSection(32, sortedSlice(s.sections), new Int32Array(), 1).label).toContain('its first 512 pages hold its own memmap (present, not managed)');
    expect(describeSection(32, sortedSlice(states(false)[2]!.sections), new Int32Array(), 1).label).not.toContain('memmap');
  });
  it('has a key entry of its own colour, unlike any zone', () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = basePalette(theme);
      const item = legendKey(p).find((i) => i.label.includes('own memmap'))!;
      expect(item.swatch.fill).toBe(p.vmemmap);
      expect(p.zones).not.toContain(p.vmemmap);
    }
  });
});
