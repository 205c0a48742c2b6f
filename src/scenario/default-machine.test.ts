import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE_IOMEM } from './default-machine';
import { parseIomemText } from './iomem-text';
import { toMachineInput } from './machine-input';

const FIXTURE = fileURLToPath(new URL('../../fixtures/qemu-pc-2g.iomem', import.meta.url));

describe('DEFAULT_MACHINE_IOMEM', () => {
  it('is exactly the recorded QEMU pc 2 GiB /proc/iomem', () => {
    expect(DEFAULT_MACHINE_IOMEM).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('is the machine a scenario without "machine" boots', () => {
    const parsed = parseIomemText(DEFAULT_MACHINE_IOMEM);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(toMachineInput({ kind: 'default' })).toEqual({ kind: 'iomem', entries: parsed.entries });
    const ram = parsed.entries.filter((e) => e.name === 'System RAM');
    const bytes = ram.reduce((sum, e) => sum + e.end - e.start + 1, 0);
    expect(bytes).toBeGreaterThan(2 ** 31 - 2 ** 20);
    expect(bytes).toBeLessThanOrEqual(2 ** 31);
  });

  it('passes given machines through unchanged', () => {
    const ram = [{ start: 0, size: 2 ** 30, nid: 0 }];
    expect(toMachineInput({ kind: 'ram', ram })).toEqual({ kind: 'ram', ram });
  });
});
