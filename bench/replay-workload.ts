import { type Op } from '../src/index';

const MB128 = 2 ** 27;

/** A small deterministic PRNG (mulberry32), so every run replays the same steps. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` steps of hot-add / online / offline / remove of 128 MiB blocks at random
 * addresses from 4 GiB to the top of the 46-bit space, `inFlight` blocks at a time,
 * each going through its four steps in order (add and online back to back).
 */
export function hotplugWorkload(count: number, inFlight = 32, seed = 1): Op[] {
  const rand = rng(seed);
  const lowest = 2 ** 32 / MB128;
  const slots = (2 ** 46 - 2 ** 32) / MB128;
  const used = new Set<number>();
  const live: { block: number; phase: number }[] = [];
  const ops: Op[] = [];
  const fresh = (): number => {
    for (;;) {
      const b = lowest + Math.floor(rand() * slots);
      if (!used.has(b)) {
        used.add(b);
        return b;
      }
    }
  };
  while (ops.length < count) {
    if (live.length < inFlight) live.push({ block: fresh(), phase: 0 });
    const i = Math.floor(rand() * live.length);
    const slot = live[i]!;
    const start = slot.block * MB128;
    const types = ['online', 'online_kernel', 'online_movable'] as const;
    if (slot.phase === 0) {
      // onlined right away, as with memhp_auto_online: no never-onlined memmap lies around for v4.18's scans to trip on
      ops.push({ op: 'add_memory', nid: 0, start, size: MB128 });
      ops.push({ op: 'online', start, size: MB128, as: types[Math.floor(rand() * 3)]! });
      slot.phase++;
    }
    else if (slot.phase === 2) ops.push({ op: 'offline', start, size: MB128 });
    else ops.push({ op: 'remove_memory', nid: 0, start, size: MB128 });
    slot.phase++;
    if (slot.phase === 4) {
      live.splice(i, 1);
      used.delete(slot.block);
    }
  }
  return ops.slice(0, count);
}

/**
 * The heavy workload: add and online `online` blocks at random addresses (each added
 * and onlined back to back), then offline and remove them all in random order, so
 * thousands of blocks are online at once: a step that rescans online memory shows here.
 */
export function heavyHotplugWorkload(online = 2500, seed = 2): Op[] {
  const rand = rng(seed);
  const lowest = 2 ** 32 / MB128;
  const slots = (2 ** 46 - 2 ** 32) / MB128;
  const used = new Set<number>();
  const blocks: number[] = [];
  const types = ['online', 'online_kernel', 'online_movable'] as const;
  const ops: Op[] = [];
  while (blocks.length < online) {
    const b = lowest + Math.floor(rand() * slots);
    if (used.has(b)) continue;
    used.add(b);
    blocks.push(b);
    ops.push({ op: 'add_memory', nid: 0, start: b * MB128, size: MB128 });
    ops.push({ op: 'online', start: b * MB128, size: MB128, as: types[Math.floor(rand() * 3)]! });
  }
  const order = blocks.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const b of order) {
    ops.push({ op: 'offline', start: b * MB128, size: MB128 });
    ops.push({ op: 'remove_memory', nid: 0, start: b * MB128, size: MB128 });
  }
  return ops;
}
