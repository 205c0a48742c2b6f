/**
 * `diff` prints exactly what it printed before it learnt to skip equal states: every kept
 * scenario of test-scenarios/ under every pair of kernels, and a heavy hotplug workload
 * (600 blocks online at once, then offlined and removed: states that differ now and then),
 * against the files in __golden__/diff/. The pairs of the first five kernels were written by
 * the formatting-everything diff (before the structural check); the pairs with the proposal
 * kernels were added by the current diff once it had printed those byte for byte.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { heavyHotplugWorkload } from '../../bench/replay-workload';
import { DEFAULT_SCENARIO, KERNEL_IDS, type KernelId, type Scenario } from '../index';
import { loadScenario, SCENARIO_DIR } from '../test-support/load-scenario';
import { diffText } from './replay';

const PAIRS = KERNEL_IDS.flatMap((a, i) => KERNEL_IDS.slice(i + 1).map((b) => [a, b] as [KernelId, KernelId]));

function scenarioFiles(dir = ''): string[] {
  return readdirSync(path.join(SCENARIO_DIR, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel === 'bad' ? [] : scenarioFiles(rel);
    return e.name.endsWith('.json') ? [rel] : [];
  });
}

// the heavy workload against each kernel's neighbour only: every pair would cost minutes as kernels are added
const NEIGHBOURS = KERNEL_IDS.slice(1).map((b, i) => [KERNEL_IDS[i]!, b] as [KernelId, KernelId]);

const allPairs = (s: Scenario, pairs = PAIRS): string => pairs.map((pair) => `=== diff --kernel ${pair[0]} --kernel ${pair[1]}\n${diffText(s, pair)}`).join('\n');

describe('diff output is unchanged', () => {
  const files = scenarioFiles();
  test('the scenarios are there to compare', () => expect(files.length).toBeGreaterThan(15));
  for (const file of files) {
    test(file, async () => {
      await expect(allPairs(loadScenario(file))).toMatchFileSnapshot(`__golden__/diff/${file.replace(/[/\\]/g, '--').replace(/\.json$/, '.txt')}`);
    });
  }
  test('a heavy workload: 600 blocks online at once', async () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, title: 'heavy 600', steps: heavyHotplugWorkload(600) };
    await expect(allPairs(s, NEIGHBOURS)).toMatchFileSnapshot('__golden__/diff/heavy-600.txt');
  }, 300_000);
});
