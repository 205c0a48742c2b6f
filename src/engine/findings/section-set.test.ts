import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NR_MEM_SECTIONS } from '../arch';
import { SectionSet } from './section-set';

/** Sections clustered at both ends and around chunk boundaries, where off-by-ones live. */
const section = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 4000, max: 4200 }), fc.integer({ min: NR_MEM_SECTIONS - 200, max: NR_MEM_SECTIONS - 1 }), fc.integer({ min: 0, max: NR_MEM_SECTIONS - 1 }));
const op = fc.record({ add: fc.boolean(), nr: section });

describe('SectionSet against a plain Set', () => {
  it('answers size, min, max, countIn and firstMissingIn as a sorted scan would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), section, section, (ops, a, b) => {
        const s = new SectionSet();
        const ref = new Set<number>();
        for (const { add, nr } of ops) {
          if (add) {
            s.add(nr);
            ref.add(nr);
          } else {
            s.delete(nr);
            ref.delete(nr);
          }
          const sorted = [...ref].sort((x, y) => x - y);
          expect(s.size).toBe(ref.size);
          expect(s.min()).toBe(sorted[0] ?? -1);
          expect(s.max()).toBe(sorted[sorted.length - 1] ?? -1);
        }
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(s.countIn(lo, hi)).toBe([...ref].filter((x) => x >= lo && x <= hi).length);
        let missing = -1;
        for (let nr = lo; nr <= hi; nr++) if (!ref.has(nr)) { missing = nr; break; }
        expect(s.firstMissingIn(lo, hi)).toBe(missing);
      }),
      { numRuns: 200 },
    );
  });

  it('skips full chunks when looking for a missing section', () => {
    const s = new SectionSet();
    for (let nr = 0; nr < 3 * 4096 + 5; nr++) s.add(nr);
    expect(s.firstMissingIn(0, NR_MEM_SECTIONS - 1)).toBe(3 * 4096 + 5);
    expect(s.countIn(0, NR_MEM_SECTIONS - 1)).toBe(3 * 4096 + 5);
  });
});
