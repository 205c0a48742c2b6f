import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NR_MEM_SECTIONS } from '../arch';
import { SectionTable } from './section-table';

/** Sections in a few clusters (a leaf, its neighbours, the ends), so writes share and empty nodes. */
const section = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 16_370, max: 16_400 }), fc.integer({ min: NR_MEM_SECTIONS - 40, max: NR_MEM_SECTIONS - 1 }), fc.integer({ min: 0, max: NR_MEM_SECTIONS - 1 }));
const write = fc.record({ nr: section, word: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 32 - 1 })) });

describe('SectionTable', () => {
  it('is persistent: each frozen step holds its own words, earlier ones never change, and walks see exactly the non-zero ones', () => {
    fc.assert(
      fc.property(fc.array(fc.array(write, { maxLength: 30 }), { maxLength: 12 }), (steps) => {
        let table = SectionTable.empty();
        const history: { table: SectionTable; ref: Map<number, number> }[] = [{ table, ref: new Map() }];
        for (const writes of steps) {
          const ref = new Map(history[history.length - 1]!.ref);
          const d = table.edit();
          for (const { nr, word } of writes) {
            d.set(nr, word);
            if (word) ref.set(nr, word >>> 0);
            else ref.delete(nr);
            expect(d.get(nr)).toBe(word >>> 0);
          }
          expect([...d.writtenSections()].every((nr) => writes.some((w) => w.nr === nr))).toBe(true);
          table = d.freeze();
          history.push({ table, ref });
        }
        for (const { table: t, ref } of history) {
          const sorted = [...ref.keys()].sort((a, b) => a - b);
          expect([...t.nonZeroSections()]).toEqual(sorted);
          for (const [nr, w] of ref) expect(t.get(nr)).toBe(w);
          if (sorted.length) {
            expect(t.nextNonZero(0)).toBe(sorted[0]);
            expect(t.prevNonZero(NR_MEM_SECTIONS - 1)).toBe(sorted[sorted.length - 1]);
            const mid = sorted[Math.floor(sorted.length / 2)]!;
            expect(t.nextNonZero(mid + 1)).toBe(sorted.find((x) => x > mid) ?? -1);
            expect(t.prevNonZero(mid - 1)).toBe([...sorted].reverse().find((x) => x < mid) ?? -1);
          } else expect(t.nextNonZero(0)).toBe(-1);
        }
        // the shared empty nodes were never written through
        for (const writes of steps) for (const { nr } of writes) expect(SectionTable.empty().get(nr)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a word emptied and written again in one step does not write through the shared empty leaf', () => {
    const d = SectionTable.empty().edit();
    d.set(100, 7);
    d.set(100, 0);
    d.set(101, 9);
    const t = d.freeze();
    expect(t.get(101)).toBe(9);
    expect(SectionTable.empty().get(101)).toBe(0);
    expect([...t.nonZeroSections()]).toEqual([101]);
  });

  it('is built in one go like a draft would have written it', () => {
    const t = SectionTable.build((set, get) => {
      for (let nr = 0; nr < 5000; nr += 3) set(nr, nr + 1);
      set(3, get(3) + 1);
      set(6, 0);
    });
    expect(t.get(3)).toBe(5);
    expect(t.get(6)).toBe(0);
    expect(t.nonZeroSections().length).toBe(Math.ceil(5000 / 3) - 1);
  });
});
