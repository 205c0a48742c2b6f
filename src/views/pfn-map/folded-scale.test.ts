import { describe, expect, it } from 'vitest';
import { NR_MEM_SECTIONS } from '../../engine/arch';
import { addressLabel, sizeLabel } from './address-format';
import { buildFoldedScale, type FoldedScale } from './folded-scale';
import { engineStates, handState, onlineWord } from './test-states';

const sectionPx = (s: FoldedScale, n: number) => s.x(n + 1) - s.x(n);

function expectWellFormed(s: FoldedScale, width: number) {
  expect(s.pieces[0]!.s0).toBe(0);
  expect(s.pieces[0]!.x0).toBe(0);
  expect(s.pieces.at(-1)!.s1).toBe(NR_MEM_SECTIONS);
  expect(s.pieces.at(-1)!.x1).toBeCloseTo(width, 6);
  s.pieces.forEach((p, i) => {
    expect(p.s1).toBeGreaterThan(p.s0);
    expect(p.x1).toBeGreaterThan(p.x0);
    if (i) expect(p.s0).toBe(s.pieces[i - 1]!.s1);
    if (i) expect(p.x0).toBeCloseTo(s.pieces[i - 1]!.x1, 9);
  });
}

describe('buildFoldedScale on the engine scenario (4 GiB block, device at 64 TiB)', () => {
  const state = engineStates()[2]!;
  const s = buildFoldedScale(state, 1000);

  it('shows the block at 4 GiB and the device at 64 TiB at least 4 px wide', () => {
    expect(state.sections.nr).toContain(32);
    expect(state.sections.nr).toContain(524286);
    expect(sectionPx(s, 32)).toBeGreaterThanOrEqual(4);
    expect(sectionPx(s, 524286)).toBeGreaterThanOrEqual(4);
    expect(sectionPx(s, 524287)).toBeGreaterThanOrEqual(4);
  });

  it('folds the long empty gaps into breaks', () => {
    expectWellFormed(s, 1000);
    // between the 12 GiB-ish PCI window and the Reserved range near 1 TiB, and from 1 TiB to the device
    expect(s.breaks.some((b) => b.s0 <= 200 && b.s1 >= 8000)).toBe(true);
    expect(s.breaks.some((b) => b.s0 <= 9000 && b.s1 >= 524000)).toBe(true);
    for (const b of s.breaks) expect(b.x1 - b.x0).toBeLessThan(60);
    expect(s.breaks.find((b) => b.s1 === 524286)!.label).toMatch(/TiB$/);
  });

  it('inverts what it maps, in segments and in breaks', () => {
    const probe = [0, 1, 15, 16, 31, 32, 33, 100, 127, 5000, 8096, 100000, 524285, 524286, 524287];
    for (let i = 0; i < 2000; i++) probe.push(Math.floor((i * 2654435761) % NR_MEM_SECTIONS));
    for (const n of probe) expect(s.invert(s.x(n))).toBe(n);
    expect(s.invert(-5)).toBe(0);
    expect(s.invert(5000)).toBe(NR_MEM_SECTIONS - 1);
  });

  it('labels ticks with binary units at the whole view and hex when zoomed in', () => {
    const labels = s.ticks().map((t) => t.label);
    expect(labels).toContain('0');
    expect(labels.some((l) => / (GiB|TiB)$/.test(l))).toBe(true);
    const k = s.maxZoom;
    const zoomed = s.ticks(k, -s.x(9) * k + 100);
    expect(zoomed.map((t) => t.label)).toContain('0x40000000');
    for (const t of zoomed) expect(t.x).toBeCloseTo(s.x(t.sectionNr) * k - s.x(9) * k + 100, 6);
    expect(s.maxZoom * sectionPx(s, 0)).toBeGreaterThanOrEqual(40 - 1e-9);
  });
});

describe('buildFoldedScale edge cases', () => {
  it('is one linear segment for an empty state', () => {
    const s = buildFoldedScale(handState([]), 800);
    expect(s.pieces).toHaveLength(1);
    expect(s.x(NR_MEM_SECTIONS / 2)).toBeCloseTo(400, 6);
    expect(s.breaks).toHaveLength(0);
  });

  it('keeps thousands of scattered sections readable by folding only longer gaps', () => {
    const sections: Array<[number, number]> = [];
    for (let i = 0; i < 3000; i++) sections.push([i * 170 + (i % 7), onlineWord(2)]);
    const s = buildFoldedScale(handState(sections), 1000);
    expectWellFormed(s, 1000);
    expect(s.pieces.length).toBeLessThan(80);
    for (let n = 0; n < NR_MEM_SECTIONS; n += 997) expect(s.x(n + 997)).toBeGreaterThanOrEqual(s.x(n));
  });

  it('keeps a lone section at the top of the space visible with 4 TiB of RAM below', () => {
    const sections: Array<[number, number]> = [];
    for (let n = 0; n < 32768; n++) sections.push([n, onlineWord(2)]);
    sections.push([NR_MEM_SECTIONS - 1, onlineWord(3)]);
    const s = buildFoldedScale(handState(sections), 1000);
    expect(sectionPx(s, NR_MEM_SECTIONS - 1)).toBeGreaterThanOrEqual(4);
    expect(s.breaks).toHaveLength(1);
  });
});

describe('address labels', () => {
  it('uses binary units where exact, hex otherwise', () => {
    expect(addressLabel(2 ** 32, true)).toBe('4 GiB');
    expect(addressLabel(2 ** 46, true)).toBe('64 TiB');
    expect(addressLabel(0x140000000, true)).toBe('5 GiB');
    expect(addressLabel(0x140000000, false)).toBe('0x140000000');
    expect(addressLabel(0x148000000, true)).toBe('0x148000000');
    expect(sizeLabel(2 ** 44)).toBe('16 TiB');
    expect(sizeLabel(1.5 * 2 ** 30)).toBe('1.5 GiB');
  });
});
