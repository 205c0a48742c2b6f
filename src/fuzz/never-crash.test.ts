import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzKinds } from './kinds';
import { loadSeeds } from './seeds';

/**
 * Nothing a user types crashes Hotplug Explorer: scenario files (random, and the kept ones
 * mutated), operation sequences with ranges past 2^46 or splitting blocks under every
 * kernel, /proc/iomem texts, share links and exported images all either read or are refused
 * with a message, a valid scenario's link reads back to it, replay returns, and a refused
 * step leaves the state as it was (src/fuzz/targets.ts). `npm run fuzz` runs the same
 * checks on 100,000 cases; here FUZZ_CASES (default 400) are split over the kinds, with a
 * floor per kind (kinds.ts, minTestRuns).
 */
const CASES = Number(process.env.FUZZ_CASES ?? 400);
const kinds = fuzzKinds(loadSeeds(path.resolve(import.meta.dirname, '../..')));

describe('input from users', () => {
  for (const k of kinds) {
    it(`${k.name}: ${k.outcomes.join(' or ')}, never a crash`, () => {
      fc.assert(
        fc.property(k.arbitrary, (input) => {
          k.check(input);
        }),
        { numRuns: Math.max(k.minTestRuns, Math.round(CASES * k.share)) },
      );
    });
  }
});
