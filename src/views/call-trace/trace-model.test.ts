import { describe, expect, it } from 'vitest';
import { runFile } from '../../test-support/load-scenario';
import { linkedTrace } from '../../engine/views/run-view';
import { plural, rangeInText, summarizeTrace } from './trace-model';

describe('summarizeTrace', () => {
  it('counts the calls, the decisions where kernels part ways and the findings of hmm_devmem_remove under rfc-v1', () => {
    const run = runFile('notes/s5-hmm-private.json', 'rfc-v1');
    expect(summarizeTrace(linkedTrace(run, 2))).toEqual({
      calls: 13,
      keyDecisions: 2,
      findings: ['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release'],
    });
  });

  it('is all zero for the boot state, which has no trace', () => {
    const run = runFile('notes/s5-hmm-private.json', 'rfc-v1');
    expect(summarizeTrace(linkedTrace(run, 0))).toEqual({ calls: 0, keyDecisions: 0, findings: [] });
  });
});

describe('rangeInText', () => {
  it('reads the first %pR range of a line', () => {
    expect(rangeInText('freed "gpu0" [mem 0x3ffff0000000-0x3fffffffffff] (owner gpu0)')).toEqual({ start: 0x3ffff0000000, end: 0x3fffffffffff });
  });

  it('finds nothing in a line without one', () => {
    expect(rangeInText('nid 0, 0x3ffff0000, 65536, altmap NULL')).toBeNull();
  });
});

it('plural picks the form by count', () => {
  expect([plural(1, 'call'), plural(2, 'call'), plural(0, 'decision that differs', 'decisions that differ')]).toEqual(['1 call', '2 calls', '0 decisions that differ']);
});
