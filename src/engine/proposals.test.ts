import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIomem } from './format/proc-iomem';
import type { KernelId } from './ops';
import { type Run, stateAt } from './run';
import { preorder } from './resource/tree';
import { ZONE_DEVICE, ZONE_MOVABLE } from './state/kernel-state';
import { SCENARIO_DIR, runFile, runText } from '../test-support/load-scenario';

/**
 * The proposals as kernels (rfc-v3, idea-is-device, idea-refcount) on the scenarios of
 * kernel-notes §11, asserting the outcomes docs/proposals.md derives from
 * kernel-notes-proposals.md: returns, findings, /proc/iomem lines and spans.
 */
const PROPOSALS = ['rfc-v3', 'idea-is-device', 'idea-refcount'] as const;
const IDEAS = ['idea-is-device', 'idea-refcount'] as const;
const file = (n: string) => `notes/${n}.json`;
const rets = (r: Run) => r.steps.map((s) => (s.bug ? 'BUG' : s.ret));
const codes = (r: Run, step: number) => r.steps[step - 1]!.findings.map((f) => f.code).sort();
const allCodes = (r: Run) => [...new Set(r.steps.flatMap((s) => s.findings.map((f) => f.code)))].sort();
const log = (r: Run) => r.steps.flatMap((s) => s.log).filter((l) => !l.startsWith('Offlined Pages'));
const iomem = (r: Run, step: number) => formatIomem(stateAt(r, step).iomem);
const zone = (r: Run, step: number, zi: number) => {
  const z = stateAt(r, step).nodes[0]!.zones[zi]!;
  return { start: z.startPfn, spanned: z.spannedPages, present: z.presentPages, managed: z.managedPages };
};
const nodeEnd = (r: Run, step: number) => {
  const n = stateAt(r, step).nodes[0]!;
  return n.startPfn + n.spannedPages;
};
const EMPTY = { start: 0, spanned: 0, present: 0, managed: 0 };
const GPU0_ZONE = { start: 0x3ffff0000, spanned: 65536, present: 0, managed: 0 };
/** holders of the named entry, as idea-refcount counts them (absent: one) */
const refs = (r: Run, step: number, name: string) => preorder(stateAt(r, step).iomem).find((e) => e.res.name === name)?.res.refs ?? 1;
const freedBy = (r: Run, step: number) => stateAt(r, step).freed?.head.by;
const withConfig = (n: string, kernel: KernelId, config: object) => {
  const text = JSON.parse(readFileSync(path.join(SCENARIO_DIR, file(n)), 'utf8'));
  return runText(JSON.stringify({ ...text, config }), kernel);
};

describe('S1: add, never online, remove (the cover letter\'s bug)', () => {
  it('rfc-v3 does not BUG under DEBUG_VM: unregister_mem_sect_under_nodes() is handed the nid and reads no page', () => {
    const r = runFile(file('s1-add-never-online-remove'), 'rfc-v3');
    expect(rets(r)).toEqual([0, 0]);
    expect(allCodes(r)).toEqual([]);
    expect(log(r)).toEqual([]);
    expect(iomem(r, 1)).toContain('\n140000000-147ffffff : System RAM\n');
    expect(iomem(r, 2)).not.toContain('140000000');
    expect(zone(r, 2, ZONE_MOVABLE)).toEqual(EMPTY);
    expect(stateAt(r, 2).sections.get(40)).toBe(0);
  });
  it('the two ideas keep RFC v1\'s page read there, so they still BUG (neither touched drivers/base/node.c)', () => {
    for (const k of IDEAS) {
      const r = runFile(file('s1-add-never-online-remove'), k);
      expect(rets(r), k).toEqual([0, 'BUG']);
      expect(r.steps[1]!.findings.map((f) => [f.code, f.fn]), k).toEqual([
        ['uninitialized-memmap-read', 'unregister_mem_sect_under_nodes'],
        ['kernel-bug', 'unregister_mem_sect_under_nodes'],
      ]);
    }
  });
  it('without DEBUG_VM the ideas remove it and release System RAM exactly, as RFC v1 (refcount: 1 -> 0)', () => {
    for (const k of IDEAS) {
      const r = withConfig('s1-add-never-online-remove', k, { debug_vm: false });
      expect(rets(r), k).toEqual([0, 0]);
      expect(iomem(r, 2), k).not.toContain('140000000');
      expect(freedBy(r, 2), k).toBe('__remove_pages');
    }
  });
});

describe('S2-S4: RAM lifecycles, holes and a never-onlined block inside the span', () => {
  it('every proposal shrinks at offline, as RFC v1, and reads no poisoned page', () => {
    for (const k of PROPOSALS) {
      const s2 = runFile(file('s2-normal-lifecycle'), k);
      expect(rets(s2), k).toEqual([0, 0, 0, 0]);
      expect(allCodes(s2), k).toEqual([]);
      expect(zone(s2, 3, ZONE_MOVABLE), k).toEqual(EMPTY);
      expect(nodeEnd(s2, 3), k).toBe(0x140000);
      const s3 = runFile(file('s3-holes'), k);
      expect(allCodes(s3), k).toEqual([]);
      expect([7, 9, 11].map((st) => zone(s3, st, ZONE_MOVABLE).spanned), k).toEqual([98304, 32768, 0]);
      const s4 = runFile(file('s4-never-onlined-inside-span'), k);
      expect(rets(s4), k).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(allCodes(s4), k).toEqual([]);
      expect(zone(s4, 6, ZONE_MOVABLE), k).toMatchObject({ start: 0x140000, spanned: 32768 });
    }
  });
});

describe('S5: HMM device-private memory (gpu0)', () => {
  it('rfc-v3 backs off (no SYSRAM) and del_device_memory() empties the Device zone', () => {
    const r = runFile(file('s5-hmm-private'), 'rfc-v3');
    expect(allCodes(r)).toEqual([]);
    expect(log(r)).toEqual([]);
    expect(zone(r, 2, ZONE_DEVICE)).toEqual(EMPTY);
    expect(freedBy(r, 2)).toBe('__devm_release_region');
  });
  it('under both ideas gpu0\'s resource survives the hot-remove: only the driver\'s own release frees it, with no use-after-free', () => {
    for (const k of IDEAS) {
      const r = runFile(file('s5-hmm-private'), k);
      expect(iomem(r, 1), k).toContain('\n3ffff0000000-3fffffffffff : gpu0\n');
      expect(rets(r), k).toEqual([0, 0]);
      expect(log(r), k).toEqual([]);
      expect(freedBy(r, 2), k).toBe('__devm_release_region');
      expect(iomem(r, 2), k).not.toContain('gpu0');
      // RFC v1's HMM removal still shrinks no span: the one finding left
      expect(codes(r, 2), k).toEqual(['stale-zone-span']);
      expect(zone(r, 2, ZONE_DEVICE), k).toEqual(GPU0_ZONE);
    }
  });
  it('idea-refcount: the hot-add takes a second reference on gpu0, which the hot-remove drops', () => {
    const r = runFile(file('s5-hmm-private'), 'idea-refcount');
    expect(refs(r, 1, 'gpu0')).toBe(2);
  });
});

describe('S5: coherent (public) device memory, then another driver asks for the range', () => {
  it('the platform\'s resource stays in /proc/iomem, busy, and nic1 gets -EBUSY under every proposal', () => {
    for (const k of PROPOSALS) {
      const r = runFile(file('s5-hmm-public-then-other-driver'), k);
      expect(rets(r), k).toEqual([0, 0, -16]);
      expect(iomem(r, 3), k).toContain('\n3ffff0000000-3fffffffffff : gpu0 CDM\n');
      expect(iomem(r, 3), k).not.toContain('nic1');
      expect(codes(r, 3), k).toEqual([]);
      expect(codes(r, 2), k).toEqual(k === 'rfc-v3' ? [] : ['stale-zone-span']);
    }
  });
  it('idea-refcount: the CDM entry goes 1 -> 2 at the add and back to 1, the platform\'s hold, at the remove', () => {
    const r = runFile(file('s5-hmm-public-then-other-driver'), 'idea-refcount');
    expect([1, 2].map((st) => refs(r, st, 'gpu0 CDM'))).toEqual([2, 1]);
  });
});

describe('S6: ZONE_DEVICE pmem', () => {
  it('without an altmap namespace0.0 survives the release under every proposal, and its driver frees it cleanly', () => {
    for (const k of PROPOSALS) {
      const r = runFile(file('s6-pmem-no-altmap'), k);
      expect(rets(r), k).toEqual([0, 0, 0, 0]);
      expect(iomem(r, 3), k).toContain('  140000000-17fffffff : namespace0.0\n');
      expect(codes(r, 4), k).toEqual([]);
      expect(iomem(r, 4), k).not.toContain('namespace0.0');
      expect(log(r), k).toEqual([]);
      // RFC v1's shrink_pages() defect stays in the ideas; rfc-v3 shrinks through del_device_memory()
      expect(codes(r, 3), k).toEqual(k === 'rfc-v3' ? [] : ['accounting-mismatch']);
    }
  });
  it('idea-refcount takes its reference on namespace0.0 under "Persistent Memory" and gives it back', () => {
    const r = runFile(file('s6-pmem-no-altmap'), 'idea-refcount');
    expect([2, 3].map((st) => refs(r, st, 'namespace0.0'))).toEqual([2, 1]);
  });
  it('with an altmap: rfc-v3 empties the Device zone cleanly; the ideas keep RFC v1\'s collapse and node_present_pages drop', () => {
    const v3 = runFile(file('s6-pmem-altmap'), 'rfc-v3');
    expect(allCodes(v3)).toEqual([]);
    expect(zone(v3, 3, ZONE_DEVICE)).toEqual(EMPTY);
    for (const k of IDEAS) {
      const r = runFile(file('s6-pmem-altmap'), k);
      expect(rets(r), k).toEqual([0, 0, 0, 0]);
      expect(codes(r, 3), k).toEqual(['accounting-mismatch']);
      expect(stateAt(r, 3).nodes[0]!.presentPages, k).toBe(stateAt(r, 2).nodes[0]!.presentPages - 262144);
    }
  });
  it('where section rounding spills past the container: the is_device flag skips the call, the others warn -22', () => {
    const warn = ['Unable to release resource <0x0000000140000000-0x0000000147ffffff> (-22)'];
    expect(log(runFile(file('s6-pmem-spills-container'), 'rfc-v3'))).toEqual(warn);
    expect(log(runFile(file('s6-pmem-spills-container'), 'idea-is-device'))).toEqual([]);
    // no single entry holds the range, so the add took no reference and the release finds none
    expect(log(runFile(file('s6-pmem-spills-container'), 'idea-refcount'))).toEqual(warn);
  });
});

describe('idea-refcount: the driver lets go before the pages do (RC-6)', () => {
  it('release_mem_region() drops the driver\'s hold, the entry stays busy in /proc/iomem, and the hot-remove frees it with the last', () => {
    const text = JSON.parse(readFileSync(path.join(SCENARIO_DIR, file('s6-pmem-no-altmap')), 'utf8'));
    const [request, map, unmap, release] = text.steps;
    const steps = [request, map, release, { op: 'request_mem_region', dev: 'pmem1', start: '0x140000000', size: '1G', name: 'other' }, unmap];
    const r = runText(JSON.stringify({ ...text, steps }), 'idea-refcount');
    expect(rets(r)).toEqual([0, 0, 0, -16, 0]);
    expect(log(r)).toEqual([]);
    expect(refs(r, 3, 'namespace0.0')).toBe(1);
    expect(iomem(r, 4)).toContain('  140000000-17fffffff : namespace0.0\n');
    expect(iomem(r, 5)).not.toContain('namespace0.0');
    expect(freedBy(r, 5)).toBe('__remove_pages');
  });
});

describe('S7: removing at a different granularity (as every kernel)', () => {
  const cases: [string, string][] = [
    ['s7-split', '140000000-147ffffff : System RAM\n150000000-157ffffff : System RAM\n'],
    ['s7-adjust-start', '148000000-157ffffff : System RAM\n'],
    ['s7-adjust-end', '140000000-14fffffff : System RAM\n'],
  ];
  for (const [n, lines] of cases) {
    it(n, () => {
      for (const k of PROPOSALS) {
        const r = runFile(file(n), k);
        expect(rets(r), k).toEqual([0, 0, 0, 0]);
        expect(allCodes(r), k).toEqual([]);
        expect(iomem(r, 4), k).toContain(`13fffffff : System RAM\n${lines}`);
      }
    });
  }
  it('two adds, one remove: -22 and both entries stay behind', () => {
    for (const k of PROPOSALS) {
      const r = runFile(file('s7-two-adds-one-remove'), k);
      expect(log(r), k).toEqual(['Unable to release resource <0x0000000140000000-0x000000014fffffff> (-22)']);
      expect(codes(r, 5), k).toEqual(['stale-resource']);
      expect(iomem(r, 5), k).toContain('140000000-147ffffff : System RAM\n148000000-14fffffff : System RAM\n');
    }
  });
});

describe('S8: kmem under pmem', () => {
  it('the 2018 kernels cannot nest hot-added RAM: add_memory() gets -EEXIST', () => {
    for (const k of PROPOSALS) expect(runFile(file('s8-kmem-under-pmem'), k).steps[0]!.ret, k).toBe(-17);
  });
});
