import { describe, expect, it } from 'vitest';
import { NR_MEM_SECTIONS } from '../../engine/arch';
import { BLOCK_START, summarizeColumns } from './column-summary';
import { buildFoldedScale } from './folded-scale';
import { K_DEVICE, K_ONLINE, K_POISONED } from './section-kinds';
import { changedSections, sortedSlice } from './sorted-slice';
import { engineStates, fullState } from './test-states';

const columnsWith = (kinds: Uint16Array, kind: number) => [...kinds.keys()].filter((c) => kinds[c]! & (1 << kind));

describe('summarizeColumns on the engine scenario', () => {
  const [, one, two] = engineStates();
  const state = two!;
  const scale = buildFoldedScale(state, 1000);
  const changed = changedSections(state.sections, one!.sections);
  const s = summarizeColumns(sortedSlice(state.sections), scale, { k: 1, tx: 0 }, 1000, changed, 1);

  it('puts each kind in the columns of its sections', () => {
    const poisoned = columnsWith(s.kinds, K_POISONED);
    expect(poisoned[0]).toBe(Math.round(scale.x(32)));
    expect(poisoned.length).toBeGreaterThanOrEqual(4);
    expect(columnsWith(s.kinds, K_DEVICE)[0]).toBe(Math.round(scale.x(524286)));
    expect(columnsWith(s.kinds, K_ONLINE + 1).length).toBeGreaterThan(100); // DMA32
    expect(s.nids[Math.round(scale.x(5))]).toBe(1);
  });

  it('marks changed sections and block states', () => {
    expect(Array.from(changed)).toEqual([524286, 524287]);
    expect(s.changed[Math.round(scale.x(524286)) + 1]).toBe(1);
    expect(s.changed[Math.round(scale.x(32)) + 1]).toBe(0);
    const c32 = Math.round(scale.x(32));
    expect(s.blocks[c32]! & BLOCK_START).toBeTruthy();
    expect(s.blocks[c32 + 1]! & 1).toBe(1); // offline
    expect(s.blocks[Math.round(scale.x(3)) + 1]! & 2).toBe(2); // online
  });

  it('walks only the visible part of the slice when zoomed in', () => {
    const k = 200;
    const z = summarizeColumns(sortedSlice(state.sections), scale, { k, tx: -scale.x(524286) * k + 10 }, 1000, changed, 1);
    expect(z.visited).toBeLessThanOrEqual(3);
    expect(z.kinds[20]! & (1 << K_DEVICE)).toBeTruthy();
  });
});

describe('summarizeColumns on 2^19 non-zero sections', () => {
  // Times are printed, not asserted: CI machines vary. The budget is a 16 ms frame.
  it.each([
    ['runs of 128 alike', 128],
    ['every section unlike its neighbours', 1],
  ])('aggregates every zoom level of %s', (what, runLength) => {
    const state = fullState(runLength);
    const t0 = performance.now();
    const scale = buildFoldedScale(state, 1000);
    console.log(`pfn-map [${what}]: folded scale of ${NR_MEM_SECTIONS} sections (once per step): ${(performance.now() - t0).toFixed(1)} ms`);
    const changed = Int32Array.from({ length: 4096 }, (_, i) => i * 128);
    for (const [name, k, at] of [
      ['whole space', 1, 0],
      ['x64', 64, 300000],
      ['one section = 40 px', scale.maxZoom, 400000],
    ] as const) {
      const view = { k, tx: -scale.x(at) * k };
      const time = () => {
        const t = performance.now();
        const s = summarizeColumns(state.sections, scale, view, 1000, changed, 1);
        return { s, ms: (performance.now() - t).toFixed(2) };
      };
      // Cold: the first redraw at this zoom. Warm: a zoom gesture redraws every frame, so V8 soon optimises the loop.
      const cold = time();
      for (let i = 0; i < 10; i++) time();
      const { s, ms } = time();
      console.log(`pfn-map [${what}]: summarizeColumns at ${name}: cold ${cold.ms} ms, warm ${ms} ms, ${s.visited} chunks and runs visited`);
      expect(s.kinds.every((m) => m !== 0)).toBe(true);
      // at most one step per 64-section chunk, plus the runs of chunks wider than a pixel
      expect(s.visited).toBeLessThanOrEqual(k === 1 ? NR_MEM_SECTIONS / 64 : NR_MEM_SECTIONS / 64 + (NR_MEM_SECTIONS / runLength) / k + 64);
    }
  });
});
