import type { Op } from '../engine/ops';

export const MB128 = 2 ** 27;
/** Candidate 128 MiB blocks: next to boot RAM, around 4-5 GiB, and far up the 46-bit space. */
export const BLOCKS = [0x100000000, 0x108000000, 0x110000000, 0x118000000, 0x120000000, 0x128000000, 2 ** 40, 2 ** 44, 2 ** 46 - 2 * MB128];

/**
 * Valid sequences on ordinary RAM: add a free range, online offline blocks (back into the
 * zone they had), offline online ones, remove a whole added range once all of it is offline
 * and every added block has been onlined at least once (so no never-initialised memmap is around).
 */
export function validSequence(choices: number[]): Op[] {
  const added: { start: number; blocks: number }[] = [];
  const state = new Map<number, 'offline' | 'online'>();
  const neverOnlined = new Set<number>();
  const onlinedAs = new Map<number, 'online' | 'online_kernel' | 'online_movable'>();
  const ops: Op[] = [];
  for (const c of choices) {
    const kind = c % 4;
    const pick = Math.floor(c / 4);
    if (kind === 0) {
      const free = BLOCKS.filter((b) => !state.has(b));
      const b = free[pick % Math.max(free.length, 1)];
      if (b === undefined) continue;
      added.push({ start: b, blocks: 1 });
      state.set(b, 'offline');
      neverOnlined.add(b);
      ops.push({ op: 'add_memory', nid: 0, start: b, size: MB128 });
    } else if (kind === 1) {
      const off = [...state].filter(([, s]) => s === 'offline').map(([b]) => b);
      const b = off[pick % Math.max(off.length, 1)];
      if (b === undefined) continue;
      state.set(b, 'online');
      neverOnlined.delete(b);
      // A block comes back to the zone it had: moving it to another zone after offline is the
      // case where v4.18 leaves the first zone's span behind (its own test, kernel-notes.test.ts).
      const as = onlinedAs.get(b) ?? (['online', 'online_kernel', 'online_movable'] as const)[pick % 3]!;
      onlinedAs.set(b, as);
      ops.push({ op: 'online', start: b, size: MB128, as });
    } else if (kind === 2) {
      const on = [...state].filter(([, s]) => s === 'online').map(([b]) => b);
      const b = on[pick % Math.max(on.length, 1)];
      if (b === undefined) continue;
      state.set(b, 'offline');
      ops.push({ op: 'offline', start: b, size: MB128 });
    } else {
      if (neverOnlined.size) continue;
      const removable = added.filter((a) => state.get(a.start) === 'offline');
      const a = removable[pick % Math.max(removable.length, 1)];
      if (!a) continue;
      added.splice(added.indexOf(a), 1);
      state.delete(a.start);
      onlinedAs.delete(a.start);
      ops.push({ op: 'remove_memory', nid: 0, start: a.start, size: MB128 });
    }
  }
  return ops;
}

