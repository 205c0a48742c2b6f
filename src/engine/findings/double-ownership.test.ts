import { describe, expect, it } from 'vitest';
import { toMachineInput } from '../../scenario/machine-input';
import { loadScenario } from '../../test-support/load-scenario';
import type { Op } from '../ops';
import { runScenario } from '../run';

/**
 * The double-ownership finding names the holder that lost its resource: the platform for
 * coherent device memory (S5), the driver for a pmem namespace it requested (S6).
 */
function messagesAt(file: string, extra: Op, at: number): string[] {
  const s = loadScenario(file);
  const steps = [...s.steps.slice(0, at), extra];
  const run = runScenario({ kernel: 'rfc-v1', config: s.config, machine: toMachineInput(s.machine), steps });
  return run.steps[steps.length - 1]!.findings.filter((f) => f.code === 'double-ownership').map((f) => f.message);
}

describe('double-ownership names the actual holder', () => {
  it('the platform, when the core freed the platform\u2019s coherent range', () => {
    const msgs = messagesAt('notes/s5-hmm-public-then-other-driver.json', { op: 'request_mem_region', dev: 'nic1', start: 0x3ffff0000000, size: 256 * 2 ** 20, name: 'nic1-bar' }, 2);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('the platform still believes it owns');
    expect(msgs[0]).toContain('The platform and driver "nic1" now both claim');
    expect(msgs[0]).not.toMatch(/two drivers|driver was not looking/i);
  });

  it('the driver, when the core freed a region a driver requested', () => {
    const msgs = messagesAt('notes/s6-pmem-no-altmap.json', { op: 'request_mem_region', dev: 'nic1', start: 0x140000000, size: 2 ** 30, name: 'nic1-bar' }, 3);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('driver "pmem0" still believes it owns');
    expect(msgs[0]).toContain('Driver "pmem0" and driver "nic1" now both claim');
  });
});
