import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResList } from './res-list';
import type { Resource } from './tree';

const res = (id: number): Resource => ({ id, name: `r${id}`, start: id * 16, end: id * 16 + 7, flags: 0, desc: 0, owner: 'test', children: ResList.EMPTY });

/** Edits as positions in [0, 1): mapped onto the current length, so they always apply. */
const edit = fc.record({ kind: fc.constantFrom('insert', 'remove', 'set', 'replace'), at: fc.double({ min: 0, max: 0.999, noNaN: true }), n: fc.integer({ min: 0, max: 3 }) });

describe('ResList against a plain array', () => {
  it('holds the same entries after any edits, and edits never change the list they start from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.array(edit, { maxLength: 120 }), (initial, edits) => {
        let nextId = 1000;
        let ref = Array.from({ length: initial }, (_, i) => res(i));
        let list = ResList.of(ref);
        for (const e of edits) {
          const before = list.toArray();
          const old = list;
          const i = Math.floor(e.at * (ref.length + (e.kind === 'insert' ? 1 : 0)));
          if (e.kind === 'insert') {
            const r = res(nextId++);
            list = list.insert(i, r);
            ref = [...ref.slice(0, i), r, ...ref.slice(i)];
          } else if (!ref.length) continue;
          else if (e.kind === 'remove') {
            list = list.remove(i);
            ref = ref.filter((_, j) => j !== i);
          } else if (e.kind === 'set') {
            const r = res(nextId++);
            list = list.set(i, r);
            ref = ref.map((x, j) => (j === i ? r : x));
          } else {
            const items = Array.from({ length: e.n }, () => res(nextId++));
            list = list.replaceWith(i, items);
            ref = [...ref.slice(0, i), ...items, ...ref.slice(i + 1)];
          }
          expect(old.toArray()).toEqual(before);
          expect(list.length).toBe(ref.length);
          expect(list.toArray()).toEqual(ref);
          expect([...list]).toEqual(ref);
          expect(list.at(ref.length - 1)).toBe(ref[ref.length - 1]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('splits a chunk that grows past 64 entries and still removes the right ones', () => {
    let ref = Array.from({ length: 40 }, (_, i) => res(i));
    let list = ResList.of(ref);
    for (let n = 0; n < 200; n++) {
      const r = res(1000 + n);
      list = list.insert(5, r);
      ref = [...ref.slice(0, 5), r, ...ref.slice(5)];
    }
    expect(list.chunks.length).toBeGreaterThan(3);
    for (const i of [0, 5, 63, 64, 65, 100, 200, 238]) {
      list = list.remove(i);
      ref = ref.filter((_, j) => j !== i);
      expect(list.toArray()).toEqual(ref);
    }
  });

  it('finds the first entry ending at or above an address, as a scan would', () => {
    const items = Array.from({ length: 500 }, (_, i) => res(i));
    const list = ResList.of(items);
    for (const addr of [0, 7, 8, 15, 16, 17, 4000, 7999, 8000, 9999]) {
      const scan = items.findIndex((r) => r.end >= addr);
      expect(list.firstEndingAtOrAbove(addr)).toBe(scan < 0 ? items.length : scan);
    }
  });
});
