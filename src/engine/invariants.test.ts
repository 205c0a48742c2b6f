import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from './ops';
import { SCENARIO_DIR, runFile } from '../test-support/load-scenario';

/**
 * The invariant checker is the second net: after every step it looks for broken structure
 * that no finding explains. Over every scenario we keep, under every kernel, it must find
 * nothing; if it ever does, the engine (not the simulated kernel) has a bug.
 */
const files = [
  ...readdirSync(path.join(SCENARIO_DIR, 'notes')).map((f) => `notes/${f}`),
  ...readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')),
];

describe('no invariant violation goes unexplained', () => {
  for (const f of files) {
    it(f, () => {
      for (const k of KERNEL_IDS) {
        const run = runFile(f, k);
        const unexplained = run.steps.flatMap((s) => s.unexplained.map((u) => `step ${s.index}: ${u}`));
        expect(unexplained, `${f} under ${k}`).toEqual([]);
      }
    });
  }
});
