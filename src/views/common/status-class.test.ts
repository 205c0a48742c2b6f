import { describe, expect, it } from 'vitest';
import { logLineClass, matrixCellClass, returnClass } from './status-class';

const step = (over: Partial<Parameters<typeof returnClass>[0]>) => ({ ran: true, bug: false, ret: 0, findings: [], ...over });

describe('one meaning per colour', () => {
  it('gives a step that hit a kernel BUG the danger class, never the success one', () => {
    expect(returnClass(step({ bug: true, ret: null }))).toBe('ret-bug');
    // a BUG with findings is still a BUG first
    expect(returnClass(step({ bug: true, ret: null, findings: [{}] }))).toBe('ret-bug');
  });

  it('gives a refused step danger, a step with a finding amber, and green only to a clean success', () => {
    expect(returnClass(step({ ret: -16 }))).toBe('ret-refused');
    expect(returnClass(step({ ret: 0, findings: [{}] }))).toBe('ret-finding');
    expect(returnClass(step({ ret: 0 }))).toBe('ret-ok');
    expect(returnClass(step({ ran: false, ret: null }))).toBe('ret-neutral');
  });

  it('draws routine kernel log lines neutral; only BUG/oops lines red and WARNING lines amber', () => {
    expect(logLineClass('Offlined Pages 32768')).toBe('log-routine');
    expect(logLineClass('removing memory fails, because memory [0x0000000100000000-0x000000013fffffff] is onlined')).toBe('log-routine');
    expect(logLineClass('Trying to free nonexistent resource <0000000100000000-000000013fffffff>')).toBe('log-routine');
    expect(logLineClass('BUG: unable to handle kernel paging request at ffffea0004000000')).toBe('log-bug');
    expect(logLineClass('Oops: 0000 [#1] SMP')).toBe('log-bug');
    expect(logLineClass('RIP: online_pages_range')).toBe('log-bug');
    expect(logLineClass('WARNING: CPU: 0 PID: 1 at kernel/resource.c __devm_release_region')).toBe('log-warning');
  });

  it('colours a review-matrix cell by what the run came to: red BUG, amber findings, green clean, neutral when a step was refused', () => {
    expect(matrixCellClass({ outcome: 'bug', refused: [] })).toBe('cell-bug');
    expect(matrixCellClass({ outcome: 'findings', refused: [{}] })).toBe('cell-finding');
    expect(matrixCellClass({ outcome: 'clean', refused: [] })).toBe('cell-clean');
    expect(matrixCellClass({ outcome: 'clean', refused: [{}] })).toBe('cell-refused');
    expect(matrixCellClass({ outcome: 'error', refused: [] })).toBe('cell-error');
  });
});
