import { describe, expect, it } from 'vitest';
import { diffRuns, formatDiff } from './diff';
import { runFile } from '../test-support/load-scenario';

describe('diffRuns', () => {
  it('finds where v4.18 and RFC v1 part on the HMM story: the freed resource, its findings and the log line', () => {
    const d = diffRuns(runFile('notes/s5-hmm-private.json', 'v4.18'), runFile('notes/s5-hmm-private.json', 'rfc-v1'));
    expect(d.map((x) => x.step)).toEqual([2]);
    expect(d[0]!.log.onlyB).toEqual(['Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>']);
    expect(d[0]!.findings.onlyB.map((f) => f.split(' ')[0])).toEqual(['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release', 'stale-zone-span']);
    expect(d[0]!.zones).toContain('node 0 zone Device: start_pfn 0 | 17179803648, spanned 0 | 65536');
  });

  it('finds the span that v4.18 keeps after offline, and the valid_zones order that follows', () => {
    const d = diffRuns(runFile('notes/s2-normal-lifecycle.json', 'v4.18'), runFile('notes/s2-normal-lifecycle.json', 'rfc-v2'));
    expect(d.map((x) => x.step)).toEqual([3]);
    expect(d[0]!.zones).toContain('node 0 zone Movable: start_pfn 1310720 | 0, spanned 32768 | 0');
    expect(d[0]!.blocks).toEqual({ onlyA: ['memory40 phys_index=00000028 state=offline valid_zones=Movable Normal'], onlyB: ['memory40 phys_index=00000028 state=offline valid_zones=Normal Movable'] });
    const text = formatDiff(d, 'v4.18', 'rfc-v2', 4);
    expect(text.split('\n')[0]).toBe('v4.18 vs rfc-v2: first difference at step 3 (offline); 1 of 5 states differ');
  });

  it('reports agreement when there is none to find', () => {
    const d = diffRuns(runFile('notes/s7-split.json', 'rfc-v2'), runFile('notes/s7-split.json', 'v5.5'));
    expect(formatDiff(d, 'rfc-v2', 'v5.5', 4)).toMatch(/^rfc-v2 and v5.5 agree at every step/);
  });
});
