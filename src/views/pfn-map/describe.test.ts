import { describe, expect, it } from 'vitest';
import { buildBands } from './bands';
import { buildFoldedScale } from './folded-scale';
import { describeFold, describeSection } from './hover-label';
import { resourceClass } from './resource-class';
import { changedSections, sortedSlice } from './sorted-slice';
import { engineStates, handState, onlineWord } from './test-states';
import { describeMap } from './text-twin';

const [boot, added, device] = engineStates();

describe('describeSection (hover label)', () => {
  const changed = changedSections(device!.sections, added!.sections);

  it('names an online boot section with zone, node and block', () => {
    const h = describeSection(5, sortedSlice(device!.sections), changed, 1);
    expect(h.range).toEqual({ start: 5 * 2 ** 27, end: 6 * 2 ** 27 - 1 });
    expect(h.label).toBe('section 5 · 28000000-2fffffff · DMA32 · online · node 0 · memory5 online');
  });

  it('says when the hot-added block at 4 GiB has a poisoned memmap', () => {
    const h = describeSection(32, sortedSlice(device!.sections), changed, 1);
    expect(h.label).toBe('section 32 · 100000000-107ffffff · offline, memmap poisoned (never initialised) · memory32 offline');
  });

  it('marks the device sections as ZONE_DEVICE and changed', () => {
    const h = describeSection(524286, sortedSlice(device!.sections), changed, 1);
    expect(h.label).toBe('section 524286 · 3ffff0000000-3ffff7ffffff · Device · ZONE_DEVICE (never online) · node 0 · changed this step');
  });

  it('reports a fold as the whole empty gap', () => {
    const scale = buildFoldedScale(device!, 1000);
    const fold = scale.breaks.at(-1)!;
    const h = describeFold(fold);
    expect(h.range.start).toBe(fold.s0 * 2 ** 27);
    expect(h.range.end).toBe(fold.s1 * 2 ** 27 - 1);
    expect(h.label).toMatch(/63 TiB empty \(folded\)$/);
  });

  it('matches the label format of the brief for a Movable section', () => {
    const state = handState([[40, onlineWord(3)]]);
    expect(describeSection(40, state.sections, new Int32Array(0), 1).label).toBe(
      'section 40 · 140000000-147ffffff · Movable · online · node 0 · memory40 online',
    );
  });
});

describe('describeMap (text twin)', () => {
  it('summarises segments, folds, spans and changes', () => {
    const scale = buildFoldedScale(device!, 1000);
    const lines = describeMap(device!, sortedSlice(device!.sections), scale, changedSections(device!.sections, added!.sections), true);
    expect(lines[0]).toMatch(/^00000000-107ffffff: 16 sections online \(DMA, DMA32\); 1 section with a poisoned memmap/);
    expect(lines).toContain('3ffff0000000-3fffffffffff: 2 sections ZONE_DEVICE; iomem: gpu0');
    expect(lines.some((l) => /63 TiB without sections \(folded\)/.test(l))).toBe(true);
    // the node's span now reaches the device at 64 TiB, though only 2 GiB is present
    expect(lines).toContain('node 0 spans 00001000-3fffffffffff (64 TiB), 2 GiB present');
    expect(lines.at(-1)).toBe('2 sections changed since the previous step');
  });

  it('says nothing changed at boot compared with itself', () => {
    const scale = buildFoldedScale(boot!, 1000);
    const lines = describeMap(boot!, boot!.sections, scale, changedSections(boot!.sections, boot!.sections), true);
    expect(lines.at(-1)).toBe('no section changed since the previous step');
  });
});

describe('bands and resource classes', () => {
  it('gives nodes lane 0 and each spanned zone its own lane', () => {
    const { bands, laneCount } = buildBands(device!);
    expect(laneCount).toBe(4); // node, DMA, DMA32, Device
    expect(bands.map((b) => `${b.label}@${b.lane}`)).toEqual(['node 0@0', 'DMA@1', 'DMA32@2', 'Device@3']);
    expect(bands[0]!.s1).toBe(2 ** 19);
  });

  it('tells System RAM, device memory and PCI bus windows apart', () => {
    const top = device!.iomem.children;
    expect(resourceClass(top.find((r) => r.name === 'System RAM')!)).toBe('sysram');
    expect(resourceClass(top.find((r) => r.name === 'gpu0')!)).toBe('device');
    expect(resourceClass(top.find((r) => r.name === 'PCI Bus 0000:00')!)).toBe('pci');
  });
});
