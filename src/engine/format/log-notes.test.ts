import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../ops';
import { runFile, runText } from '../../test-support/load-scenario';
import { scenarioFiles } from '../../test-support/traced-calls';
import { logLineNote } from './log-notes';

/** Lines that explain themselves or are explained by the step's finding (a BUG, an oops, a WARNING). */
const SELF_EXPLAINED = /^(BUG|Oops|RIP|WARNING|kernel BUG|Call Trace|page:|flags:|raw:|page dumped)/;

describe('log-line notes', () => {
  it('explain the line a removal of memory never added leaves, and why the step still returns 0', () => {
    const run = runText(
      JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, kernel: 'v5.5', steps: [{ op: 'remove_memory', nid: 0, start: '0x200000000', size: '128M' }] }),
    );
    const step = run.steps[0]!;
    expect(step.ret).toBe(0);
    expect(step.log).toEqual(['Unable to release resource <0x0000000200000000-0x0000000207ffffff> (-22)']);
    const note = logLineNote(step.log[0]!)!;
    expect(note).toContain('-EINVAL');
    expect(note).toContain('nothing was hot-added there');
    expect(note).toContain('returns 0');
  });

  it('give every other line the engine prints, in every kept scenario under every kernel, a note', () => {
    const unexplained = new Map<string, string>();
    for (const file of scenarioFiles()) {
      for (const kernel of KERNEL_IDS) {
        const run = runFile(file, kernel);
        for (const st of run.steps)
          for (const line of st.log) if (!SELF_EXPLAINED.test(line) && logLineNote(line) === null && !unexplained.has(line)) unexplained.set(line, `${file} under ${kernel}, step ${st.index}`);
      }
    }
    expect([...unexplained].map(([l, w]) => `${l}   (${w})`)).toEqual([]);
  });

  it('leave a line nobody wrote a note for without one', () => {
    expect(logLineNote('something else entirely')).toBeNull();
  });
});
