import { describe, expect, it } from 'vitest';
import { inferFlags } from '../../scenario/infer-flags';
import { resourceClass } from './resource-class';

/** Each top-level name /proc/iomem prints on x86_64, with the flags the importer infers for it. */
const cls = (name: string, start = 0x100000000) => {
  const f = inferFlags(name, start, 0);
  return resourceClass({ flags: f.flags, desc: f.desc, name });
};

describe('resourceClass', () => {
  it.each([
    ['System RAM', 'sysram'],
    ['Persistent Memory (legacy)', 'pmem'],
    ['Persistent Memory', 'pmem'],
    ['Reserved', 'reserved'],
    ['ACPI Tables', 'acpi'],
    ['ACPI Non-volatile Storage', 'acpi'],
    ['PCI Bus 0000:00', 'pci'],
    ['Video ROM', 'device'],
    ['0000:00:02.0', 'window'],
  ])('%s is drawn as %s', (name, want) => {
    expect(cls(name)).toBe(want);
  });

  it('the e820 reserved range below 1 MiB (busy) is still reserved, not a device', () => {
    expect(cls('Reserved', 0)).toBe('reserved');
  });
});
