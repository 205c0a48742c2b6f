import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIomem } from '../engine/format/proc-iomem';
import { runScenario, stateAt } from '../engine/run';
import { toMachineInput } from '../scenario/machine-input';
import { decodeLink } from './share-link';

/**
 * Links people shared stay openable: every link of every format version in the corpus is
 * decoded and replayed. Freezing the engine's answers is the golden tests' job; here the
 * links must decode to the scenario, kernel and step they were made for.
 */
const corpusDir = path.resolve(import.meta.dirname, '../../test-scenarios/links');
const corpus = ['v1.txt', 'v2.txt'].flatMap((f) =>
  readFileSync(path.join(corpusDir, f), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ file: f, what: l.split('\t')[0]!, link: l.split('\t')[1]! })),
);

describe('link corpus', () => {
  it('holds links of every format version', () => expect(corpus.length).toBeGreaterThanOrEqual(4));
  for (const c of corpus) {
    it(`${c.file}: ${c.what}`, () => {
      expect(c.link.length).toBeLessThan(c.what.includes('real /proc/iomem') ? 4000 : 2000);
      const read = decodeLink(c.link);
      if (read.ok !== true) throw new Error(`does not open: ${JSON.stringify(read)}`);
      const s = read.state;
      expect(s.step).toBeLessThanOrEqual(s.scenario.steps.length);
      const run = runScenario({ kernel: s.kernel, config: s.scenario.config, machine: toMachineInput(s.scenario.machine), steps: s.scenario.steps });
      expect(formatIomem(stateAt(run, s.step).iomem)).toMatch(/ : System RAM\n/);
    });
  }
  it('the B run link opens at step 19 with kmem memory online', () => {
    const c = corpus.find((x) => x.what.startsWith('QEMU pmem run B'))!;
    const read = decodeLink(c.link);
    if (read.ok !== true) throw new Error('does not open');
    const run = runScenario({ kernel: read.state.kernel, config: read.state.scenario.config, machine: toMachineInput(read.state.scenario.machine), steps: read.state.scenario.steps });
    expect(formatIomem(stateAt(run, read.state.step).iomem)).toContain('    108000000-13fffffff : System RAM (kmem)\n');
  });
  it('the lesson link opens on its tab with its answer graded under the kernel it was asked under', () => {
    const c = corpus.find((x) => x.what.startsWith('lesson 1 at step 2'))!;
    const read = decodeLink(c.link);
    if (read.ok !== true) throw new Error('does not open');
    expect(read.state).toMatchObject({ kernel: 'v4.18', step: 2, tab: 'blocks', lesson: 'zone-device-resource', answers: [{ step: 2, choice: 'driver', kernel: 'rfc-v1', grade: { ran: true, correct: ['core'] } }] });
  });
});

describe('link size', () => {
  it('a 30-step scenario on the default machine fits in 2,000 characters', async () => {
    const { DEFAULT_SCENARIO } = await import('../scenario/default-scenario');
    const { encodeLink } = await import('./share-link');
    const G = 2 ** 30;
    const steps = Array.from({ length: 30 }, (_, i) => {
      const start = 4 * G + Math.floor(i / 4) * 2 ** 27;
      const ops = [
        { op: 'add_memory' as const, nid: 0, start, size: 2 ** 27 },
        { op: 'online' as const, start, size: 2 ** 27, as: 'online_movable' as const },
        { op: 'offline' as const, start, size: 2 ** 27 },
        { op: 'remove_memory' as const, nid: 0, start, size: 2 ** 27 },
      ];
      return ops[i % 4]!;
    });
    const link = encodeLink({ scenario: { ...DEFAULT_SCENARIO, title: 'thirty steps of hotplug', steps }, kernel: 'v4.18', compare: 'rfc-v1', step: 17, view: 'compare' });
    expect(link.length).toBeLessThan(2000);
  });
});
