import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFile } from '../../test-support/load-scenario';
import { stateView } from '../../engine/views/run-view';
import { changedSectionsByRuns } from './section-runs';
import { changedSections } from './sorted-slice';
import { handState } from './test-states';

describe('changed sections from the runs', () => {
  it('are the sections whose word changed, at every step of a real scenario', () => {
    for (const file of ['qemu-a-dimm-lifecycle.json', 'notes/s6-pmem-altmap.json', 'notes/s7-split.json']) {
      const run = runFile(file, 'v5.5');
      const views = run.states.map((s, i) => stateView(s, i, false));
      for (let i = 1; i < views.length; i++) expect([...changedSectionsByRuns(views[i]!.sections, views[i - 1]!.sections)], `${file} step ${i}`).toEqual([...changedSections(views[i]!.sections, views[i - 1]!.sections)]);
    }
  });

  it('agree with a merge of the section lists on any two states', () => {
    const sections = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.constantFrom(1, 2, 3)), { selector: (t) => t[0], maxLength: 120 });
    fc.assert(
      fc.property(sections, sections, (a, b) => {
        const x = handState(a).sections;
        const y = handState(b).sections;
        expect([...changedSectionsByRuns(x, y)]).toEqual([...changedSections(x, y)]);
      }),
      { numRuns: 300 },
    );
  });
});
