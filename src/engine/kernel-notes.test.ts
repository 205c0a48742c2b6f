import { describe, expect, it } from 'vitest';
import { formatIomem } from './format/proc-iomem';
import type { KernelId } from './ops';
import { type Run, stateAt } from './run';
import { ZONE_DEVICE, ZONE_MOVABLE } from './state/kernel-state';
import { runFile } from '../test-support/load-scenario';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SCENARIO_DIR, runText } from '../test-support/load-scenario';

/**
 * The scenarios of kernel-notes §11 under all four kernels, asserting the outcomes of the
 * notes' tables. Where the engine knowingly departs from a table (it models the kernel
 * source more closely than the table did), docs/engine-notes.md says why and the test
 * says so too.
 */
const ALL: KernelId[] = ['v4.18', 'rfc-v1', 'rfc-v2', 'v5.5'];
const file = (n: string) => `notes/${n}.json`;
const codes = (r: Run, step: number) => r.steps[step - 1]!.findings.map((f) => f.code).sort();
const allCodes = (r: Run) => [...new Set(r.steps.flatMap((s) => s.findings.map((f) => f.code)))].sort();
const zone = (r: Run, step: number, zi: number) => {
  const z = stateAt(r, step).nodes[0]!.zones[zi]!;
  return { start: z.startPfn, spanned: z.spannedPages, present: z.presentPages, managed: z.managedPages };
};
const nodeEnd = (r: Run, step: number) => {
  const n = stateAt(r, step).nodes[0]!;
  return n.startPfn + n.spannedPages;
};
const rets = (r: Run) => r.steps.map((s) => (s.bug ? 'BUG' : s.ret));
const log = (r: Run) => r.steps.flatMap((s) => s.log).filter((l) => !l.startsWith('Offlined Pages'));
const withConfig = (n: string, kernel: KernelId, config: object) => {
  const text = JSON.parse(readFileSync(path.join(SCENARIO_DIR, file(n)), 'utf8'));
  return runText(JSON.stringify({ ...text, config }), kernel);
};

describe('S1: add, never online, remove', () => {
  it('v4.18 BUGs in arch_remove_memory() reading the poisoned first struct page', () => {
    const r = runFile(file('s1-add-never-online-remove'), 'v4.18');
    expect(rets(r)).toEqual([0, 'BUG']);
    expect(r.steps[1]!.findings[0]!.fn).toBe('arch_remove_memory');
    expect(codes(r, 2)).toEqual(['kernel-bug', 'uninitialized-memmap-read']);
    expect(log(r)[0]).toMatch(/^page:ffffea0005000000 is uninitialized and poisoned$/);
    expect(formatIomem(stateAt(r, 2).iomem)).toContain('140000000-147ffffff : System RAM');
  });

  it('after the add every kernel shows the block offline, zones untouched, a top-level System RAM entry', () => {
    for (const k of ALL) {
      const r = runFile(file('s1-add-never-online-remove'), k);
      expect(formatIomem(stateAt(r, 1).iomem)).toContain('\n140000000-147ffffff : System RAM\n');
      expect(zone(r, 1, ZONE_MOVABLE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
    }
  });

  it('RFC v1 and v2 no longer read the page in arch_remove_memory(), and release the resource exactly', () => {
    for (const k of ['rfc-v1', 'rfc-v2'] as const) {
      const r = withConfig('s1-add-never-online-remove', k, { debug_vm: false });
      expect(rets(r)).toEqual([0, 0]);
      expect(formatIomem(stateAt(r, 2).iomem)).not.toContain('140000000');
      expect(zone(r, 2, ZONE_MOVABLE).spanned).toBe(0);
      // unregister_mem_sect_under_nodes() still reads it (fixed only in RFC v3): docs/engine-notes.md
      expect(r.steps[1]!.findings.map((f) => [f.code, f.fn])).toEqual([['uninitialized-memmap-read', 'unregister_mem_sect_under_nodes']]);
    }
  });

  it('with DEBUG_VM the RFCs still BUG, in unregister_mem_sect_under_nodes() (docs/engine-notes.md)', () => {
    for (const k of ['rfc-v1', 'rfc-v2'] as const) {
      const r = runFile(file('s1-add-never-online-remove'), k);
      expect(rets(r)).toEqual([0, 'BUG']);
      expect(r.steps[1]!.findings[0]!.fn).toBe('unregister_mem_sect_under_nodes');
    }
  });

  it('v5.5 removes it cleanly: resource after the sections, no page read, no findings', () => {
    const r = runFile(file('s1-add-never-online-remove'), 'v5.5');
    expect(rets(r)).toEqual([0, 0]);
    expect(allCodes(r)).toEqual([]);
    expect(formatIomem(stateAt(r, 2).iomem)).not.toContain('140000000');
  });
});

describe('S2: where the span shrink happens', () => {
  for (const k of ALL) {
    it(`${k}`, () => {
      const r = runFile(file('s2-normal-lifecycle'), k);
      expect(rets(r)).toEqual([0, 0, 0, 0]);
      expect(allCodes(r)).toEqual([]);
      expect(zone(r, 2, ZONE_MOVABLE)).toEqual({ start: 1310720, spanned: 32768, present: 32768, managed: 32768 });
      expect(nodeEnd(r, 2)).toBe(0x148000);
      if (k === 'v4.18') {
        expect(zone(r, 3, ZONE_MOVABLE)).toEqual({ start: 1310720, spanned: 32768, present: 0, managed: 0 });
        expect(nodeEnd(r, 3)).toBe(0x148000);
      } else {
        expect(zone(r, 3, ZONE_MOVABLE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
        expect(nodeEnd(r, 3)).toBe(0x140000);
      }
      expect(zone(r, 4, ZONE_MOVABLE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
      expect(nodeEnd(r, 4)).toBe(0x140000);
    });
  }
});

describe('S3: holes and the zone that becomes empty', () => {
  // steps: 1-3 add B40..B42, 4-6 online, 7 offline B41, 8 remove B41, 9 offline B42, 10 remove B42, 11 offline B40, 12 remove B40
  for (const k of ALL) {
    it(`${k}`, () => {
      const r = runFile(file('s3-holes'), k);
      expect(allCodes(r)).toEqual([]);
      expect(zone(r, 6, ZONE_MOVABLE)).toMatchObject({ start: 0x140000, spanned: 98304 });
      expect(zone(r, 7, ZONE_MOVABLE)).toMatchObject({ start: 0x140000, spanned: 98304, present: 65536 });
      expect(zone(r, 8, ZONE_MOVABLE).spanned).toBe(98304);
      expect(zone(r, 9, ZONE_MOVABLE).spanned).toBe(k === 'v4.18' ? 98304 : 32768);
      expect(zone(r, 10, ZONE_MOVABLE).spanned).toBe(32768);
      expect(zone(r, 11, ZONE_MOVABLE).spanned).toBe(k === 'v4.18' ? 32768 : 0);
      expect(zone(r, 12, ZONE_MOVABLE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
    });
  }
});

describe('S4: a never-onlined block inside the span', () => {
  it('v4.18 reads B41\'s poisoned memmap in find_biggest_section_pfn() and BUGs', () => {
    const r = runFile(file('s4-never-onlined-inside-span'), 'v4.18');
    expect(rets(r)).toEqual([0, 0, 0, 0, 0, 0, 'BUG']);
    expect(r.steps[6]!.findings[0]).toMatchObject({ code: 'uninitialized-memmap-read', fn: 'find_biggest_section_pfn' });
    expect(r.steps[6]!.findings[0]!.message).toContain('pfn 0x14ffff');
  });
  it('without DEBUG_VM v4.18 skips the garbage nid "by luck" and shrinks to B40', () => {
    const r = withConfig('s4-never-onlined-inside-span', 'v4.18', { debug_vm: false });
    expect(rets(r)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(codes(r, 7)).toContain('uninitialized-memmap-read');
    expect(zone(r, 7, ZONE_MOVABLE).spanned).toBe(32768);
  });
  for (const k of ['rfc-v1', 'rfc-v2', 'v5.5'] as const) {
    it(`${k} reads nothing and shrinks at offline time`, () => {
      const r = runFile(file('s4-never-onlined-inside-span'), k);
      expect(rets(r)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(allCodes(r)).toEqual([]);
      expect(zone(r, 6, ZONE_MOVABLE)).toMatchObject({ start: 0x140000, spanned: 32768 });
    });
  }
});

describe('S5: HMM device-private memory (Jerome\'s objection)', () => {
  const dev = { start: 0x3ffff0000, spanned: 65536, present: 0, managed: 0 };
  it('adds a top-level busy MEM resource with desc 6 and a Device zone, in every kernel', () => {
    for (const k of ALL) {
      const r = runFile(file('s5-hmm-private'), k);
      expect(formatIomem(stateAt(r, 1).iomem)).toContain('\n3ffff0000000-3fffffffffff : gpu0\n');
      const res = stateAt(r, 1).iomem.children.toArray().find((c) => c.name === 'gpu0')!;
      expect([res.flags >>> 0, res.desc]).toEqual([0x80000200, 6]);
      expect(zone(r, 1, ZONE_DEVICE)).toEqual(dev);
    }
  });
  it('v4.18: the core leaves the resource alone, the driver releases it, the Device zone empties', () => {
    const r = runFile(file('s5-hmm-private'), 'v4.18');
    expect(allCodes(r)).toEqual([]);
    expect(log(r)).toEqual([]);
    expect(zone(r, 2, ZONE_DEVICE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
    expect(formatIomem(stateAt(r, 2).iomem)).not.toContain('gpu0');
  });
  it('RFC v1 frees the driver\'s resource, reads it after the free, and the driver\'s release finds nothing', () => {
    const r = runFile(file('s5-hmm-private'), 'rfc-v1');
    expect(codes(r, 2)).toEqual(['nonexistent-resource-release', 'resource-released-while-owned', 'stale-zone-span', 'use-after-free']);
    expect(log(r)).toEqual(['Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>']);
    expect(zone(r, 2, ZONE_DEVICE)).toEqual(dev);
  });
  it('RFC v2 backs off (no SYSRAM) and shrinks the Device zone through del_device_memory()', () => {
    const r = runFile(file('s5-hmm-private'), 'rfc-v2');
    expect(allCodes(r)).toEqual([]);
    expect(log(r)).toEqual([]);
    expect(zone(r, 2, ZONE_DEVICE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
  });
  it('v5.5 (memremap_pages equivalent) never touches the resource and never shrinks ZONE_DEVICE', () => {
    const r = runFile(file('s5-hmm-private'), 'v5.5');
    expect(allCodes(r)).toEqual([]);
    expect(log(r)).toEqual([]);
    expect(zone(r, 2, ZONE_DEVICE)).toEqual(dev);
    expect(formatIomem(stateAt(r, 2).iomem)).not.toContain('gpu0');
  });
});

describe('S5: coherent (public) device memory and another driver', () => {
  it('the range is the platform\'s, handed to hmm_devmem_add_resource(): DEVICE_PUBLIC (7) where it exists, NONE in v5.5, where 7 is RESERVED', () => {
    for (const k of ALL) {
      const r = runFile(file('s5-hmm-public-then-other-driver'), k);
      const res = stateAt(r, 1).iomem.children.toArray().find((c) => c.start === 0x3ffff0000000)!;
      expect([res.owner, res.desc], k).toEqual(['platform', k === 'v5.5' ? 0 : 7]);
      expect(stateAt(r, 1).devres.map((d) => d.dev), k).toEqual(['platform']);
      expect(stateAt(r, 2).devres.map((d) => d.dev), k).toEqual(['platform']);
    }
  });
  it('another driver gets the range only under RFC v1, while gpu0 still owns it', () => {
    for (const k of ALL) {
      const r = runFile(file('s5-hmm-public-then-other-driver'), k);
      expect(r.steps[2]!.ret, k).toBe(k === 'rfc-v1' ? 0 : -16);
      expect(codes(r, 3), k).toEqual(k === 'rfc-v1' ? ['double-ownership'] : []);
      if (k !== 'rfc-v1') expect(allCodes(r), k).toEqual([]);
    }
  });
});

describe('S6: ZONE_DEVICE with and without an altmap (pmem)', () => {
  it('v4.18 with an altmap: the hole scan reads the never-initialised reserve struct page (docs/engine-notes.md)', () => {
    const r = runFile(file('s6-pmem-altmap'), 'v4.18');
    expect(rets(r)[2]).toBe('BUG');
    expect(r.steps[2]!.findings[0]!.fn).toBe('shrink_zone_span');
    const quiet = withConfig('s6-pmem-altmap', 'v4.18', { debug_vm: false });
    expect(rets(quiet)).toEqual([0, 0, 0, 0]);
    expect(zone(quiet, 3, ZONE_DEVICE).spanned).toBe(0);
    expect(formatIomem(stateAt(quiet, 2).iomem)).toContain('  140000000-17fffffff : namespace0.0');
  });
  it('RFC v1 with an altmap: no resource call, but the Device zone collapses and node_present_pages drops by the device size', () => {
    const r = runFile(file('s6-pmem-altmap'), 'rfc-v1');
    expect(rets(r)).toEqual([0, 0, 0, 0]);
    expect(codes(r, 3)).toEqual(['accounting-mismatch']);
    expect(zone(r, 3, ZONE_DEVICE)).toEqual({ start: 0, spanned: 0, present: 0, managed: 0 });
    expect(stateAt(r, 3).nodes[0]!.presentPages).toBe(stateAt(r, 2).nodes[0]!.presentPages - 262144);
  });
  it('RFC v1 without an altmap frees the pmem driver\'s namespace0.0', () => {
    const r = runFile(file('s6-pmem-no-altmap'), 'rfc-v1');
    expect(codes(r, 3)).toEqual(['accounting-mismatch', 'resource-released-while-owned']);
    expect(codes(r, 4)).toEqual(['nonexistent-resource-release']);
    expect(formatIomem(stateAt(r, 3).iomem)).not.toContain('namespace0.0');
  });
  it('v4.18, RFC v2 and v5.5 leave namespace0.0 to its driver', () => {
    for (const k of ['v4.18', 'rfc-v2', 'v5.5'] as const) {
      const r = runFile(file('s6-pmem-no-altmap'), k);
      expect(allCodes(r), k).toEqual([]);
      expect(formatIomem(stateAt(r, 3).iomem), k).toContain('  140000000-17fffffff : namespace0.0');
    }
  });
  it('RFC v2 warns -22 where section rounding spills past the container; v4.18 and v5.5 never call it', () => {
    for (const k of ALL) {
      const r = runFile(file('s6-pmem-spills-container'), k);
      expect(log(r), k).toEqual(k === 'rfc-v2' || k === 'rfc-v1' ? ['Unable to release resource <0x0000000140000000-0x0000000147ffffff> (-22)'] : []);
    }
  });
  it('v5.5 never shrinks the Device zone; RFC v2 does', () => {
    expect(zone(runFile(file('s6-pmem-altmap'), 'v5.5'), 3, ZONE_DEVICE).spanned).toBe(262144);
    expect(zone(runFile(file('s6-pmem-altmap'), 'rfc-v2'), 3, ZONE_DEVICE).spanned).toBe(0);
  });
});

describe('S7: removing at a different granularity (the same in every kernel)', () => {
  const cases: [string, string][] = [
    ['s7-split', '140000000-147ffffff : System RAM\n150000000-157ffffff : System RAM\n'],
    ['s7-adjust-start', '148000000-157ffffff : System RAM\n'],
    ['s7-adjust-end', '140000000-14fffffff : System RAM\n'],
  ];
  for (const [n, lines] of cases) {
    it(`${n}`, () => {
      for (const k of ALL) {
        const r = runFile(file(n), k);
        expect(rets(r), k).toEqual([0, 0, 0, 0]);
        expect(allCodes(r), k).toEqual([]);
        expect(formatIomem(stateAt(r, 4).iomem), k).toContain(`13fffffff : System RAM\n${lines}`);
      }
    });
  }
  it('two adds, one remove: -22 and both entries stay behind, stale', () => {
    for (const k of ALL) {
      const r = runFile(file('s7-two-adds-one-remove'), k);
      expect(log(r), k).toEqual(['Unable to release resource <0x0000000140000000-0x000000014fffffff> (-22)']);
      expect(codes(r, 5), k).toEqual(['stale-resource']);
      expect(formatIomem(stateAt(r, 5).iomem), k).toContain('140000000-147ffffff : System RAM\n148000000-14fffffff : System RAM\n');
    }
  });
});

describe('S8: System RAM nested under a non-SYSRAM container (v5.5)', () => {
  it('the SYSRAM back-off leaves "System RAM (kmem)" behind with no warning', () => {
    const r = runFile(file('s8-kmem-under-pmem'), 'v5.5');
    expect(rets(r)).toEqual([0, 0, 0, 0]);
    expect(log(r)).toEqual([]);
    expect(codes(r, 4)).toEqual(['stale-resource']);
    expect(formatIomem(stateAt(r, 4).iomem)).toContain('140000000-17fffffff : Persistent Memory (legacy)\n  140000000-17fffffff : System RAM (kmem)\n');
  });
  it('v4.18 and the RFCs cannot nest hot-added RAM: add_memory() gets -EEXIST from the top-level container', () => {
    for (const k of ['v4.18', 'rfc-v1', 'rfc-v2'] as const) expect(runFile(file('s8-kmem-under-pmem'), k).steps[0]!.ret).toBe(-17);
  });
});

describe('a block that changes zone between two onlines (found by the property tests)', () => {
  it('v4.18 leaves the first zone\'s span over the removed memory; the others shrink it at offline', () => {
    const v418 = runFile(file('zone-change-after-offline'), 'v4.18');
    expect(codes(v418, 6)).toEqual(['stale-zone-span']);
    expect(zone(v418, 6, 2)).toEqual({ start: 0x100000, spanned: 32768, present: 0, managed: 0 });
    for (const k of ['rfc-v1', 'rfc-v2', 'v5.5'] as const) {
      const r = runFile(file('zone-change-after-offline'), k);
      expect(allCodes(r), k).toEqual([]);
      expect(zone(r, 6, 2).spanned, k).toBe(0);
    }
  });
});
