import { describe, expect, it } from 'vitest';
import {
  IORES_DESC_ACPI_NV_STORAGE,
  IORES_DESC_ACPI_TABLES,
  IORES_DESC_CRASH_KERNEL,
  IORES_DESC_NONE,
  IORES_DESC_PERSISTENT_MEMORY,
  IORES_DESC_PERSISTENT_MEMORY_LEGACY,
  IORESOURCE_BUSY,
  IORESOURCE_MEM,
  IORESOURCE_READONLY,
  IORESOURCE_SYSTEM_RAM,
} from '../engine/resource/flags';
import { inferFlags } from './infer-flags';

const ABOVE_4G = 0x100000000;
const SYSTEM_RAM_BUSY = (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) >>> 0;
const MEM_BUSY = (IORESOURCE_MEM | IORESOURCE_BUSY) >>> 0;

describe('inferFlags', () => {
  it.each([
    ['System RAM', 0, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['System RAM (kmem)', 0, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['Kernel code', 1, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['Kernel rodata', 1, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['Kernel data', 1, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['Kernel bss', 1, SYSTEM_RAM_BUSY, IORES_DESC_NONE],
    ['Crash kernel', 1, SYSTEM_RAM_BUSY, IORES_DESC_CRASH_KERNEL],
    ['Reserved', 0, IORESOURCE_MEM, IORES_DESC_NONE],
    ['Persistent Memory', 0, IORESOURCE_MEM, IORES_DESC_PERSISTENT_MEMORY],
    ['Persistent Memory (legacy)', 0, IORESOURCE_MEM, IORES_DESC_PERSISTENT_MEMORY_LEGACY],
    ['ACPI Tables', 0, MEM_BUSY, IORES_DESC_ACPI_TABLES],
    ['ACPI Non-volatile Storage', 0, MEM_BUSY, IORES_DESC_ACPI_NV_STORAGE],
    ['Unusable memory', 0, MEM_BUSY, IORES_DESC_NONE],
    ['PCI Bus 0000:00', 0, IORESOURCE_MEM, IORES_DESC_NONE],
    ['PCI Bus 0000:3a', 1, IORESOURCE_MEM, IORES_DESC_NONE],
    ['0000:00:02.0', 1, IORESOURCE_MEM, IORES_DESC_NONE],
    ['10000:e1:1f.7', 1, IORESOURCE_MEM, IORES_DESC_NONE],
    ['System ROM', 1, (MEM_BUSY | IORESOURCE_READONLY) >>> 0, IORES_DESC_NONE],
    ['Video ROM', 0, (MEM_BUSY | IORESOURCE_READONLY) >>> 0, IORES_DESC_NONE],
    ['Adapter ROM', 0, (MEM_BUSY | IORESOURCE_READONLY) >>> 0, IORES_DESC_NONE],
    ['IOAPIC 0', 0, MEM_BUSY, IORES_DESC_NONE],
    ['HPET 0', 0, MEM_BUSY, IORES_DESC_NONE],
    ['Local APIC', 0, MEM_BUSY, IORES_DESC_NONE],
    ['PNP0103:00', 1, MEM_BUSY, IORES_DESC_NONE],
    ['namespace0.0', 1, MEM_BUSY, IORES_DESC_NONE],
    ['dax0.0', 1, MEM_BUSY, IORES_DESC_NONE],
    ['pmem0', 1, MEM_BUSY, IORES_DESC_NONE],
    ['', 0, MEM_BUSY, IORES_DESC_NONE],
  ])('%j at depth %i', (name, depth, flags, desc) => {
    const got = inferFlags(name, ABOVE_4G, depth);
    expect(got.flags).toBe(flags);
    expect(got.desc).toBe(desc);
    expect(got.rule.length).toBeGreaterThan(10);
  });

  it('returns flags as unsigned 32-bit numbers, so BUSY compares as the kernel prints it', () => {
    expect(inferFlags('System RAM', 0x100000, 0).flags).toBe(0x81000200);
    expect(inferFlags('IOAPIC 0', 0xfec00000, 0).flags).toBeGreaterThan(0);
  });

  it('marks a top-level Reserved range below 1 MiB busy, as e820 does, and no other', () => {
    expect(inferFlags('Reserved', 0, 0).flags).toBe(MEM_BUSY);
    expect(inferFlags('Reserved', 0xfffff, 0).flags).toBe(MEM_BUSY);
    expect(inferFlags('Reserved', 0x100000, 0).flags).toBe(IORESOURCE_MEM);
    expect(inferFlags('Reserved', 0x9fc00, 1).flags).toBe(IORESOURCE_MEM);
    expect(inferFlags('Reserved', 0, 0).rule).toMatch(/1 MiB/);
  });

  it('does not take a near-miss for a PCI function', () => {
    expect(inferFlags('0000:00:02', 0, 1).flags).toBe(MEM_BUSY);
    expect(inferFlags('0000:00:02.0 extra', 0, 1).flags).toBe(MEM_BUSY);
  });

  it('gives a driver region the type and desc of the non-busy region it was requested in', () => {
    const pmem = { flags: IORESOURCE_MEM, desc: IORES_DESC_PERSISTENT_MEMORY_LEGACY };
    const got = inferFlags('namespace0.0', ABOVE_4G, 1, { parent: pmem });
    expect(got.flags).toBe(MEM_BUSY);
    expect(got.desc).toBe(IORES_DESC_PERSISTENT_MEMORY_LEGACY);
    expect(inferFlags('pmem0', ABOVE_4G, 1, { parent: { flags: IORESOURCE_SYSTEM_RAM, desc: 0 } }).flags).toBe(
      SYSTEM_RAM_BUSY,
    );
  });

  it('inherits nothing from a busy parent (the kernel would not have nested it by request)', () => {
    const hpet = { flags: MEM_BUSY, desc: IORES_DESC_ACPI_TABLES };
    const got = inferFlags('PNP0103:00', 0xfed00000, 1, { parent: hpet });
    expect(got.flags).toBe(MEM_BUSY);
    expect(got.desc).toBe(IORES_DESC_NONE);
  });

  it('leaves a dax kmem region holding System RAM non-busy SYSTEM_RAM, so add_memory could nest in it', () => {
    const pmem = { flags: IORESOURCE_MEM, desc: IORES_DESC_PERSISTENT_MEMORY_LEGACY };
    const got = inferFlags('dax0.0', ABOVE_4G, 1, { parent: pmem, hasSystemRamChild: true });
    expect(got.flags).toBe(IORESOURCE_SYSTEM_RAM);
    expect(got.desc).toBe(IORES_DESC_PERSISTENT_MEMORY_LEGACY);
  });

  it('gives hot-added System RAM inside a non-busy region that region\'s desc', () => {
    const dax = { flags: IORESOURCE_SYSTEM_RAM, desc: IORES_DESC_PERSISTENT_MEMORY_LEGACY };
    const got = inferFlags('System RAM (kmem)', ABOVE_4G, 2, { parent: dax });
    expect(got.flags).toBe(SYSTEM_RAM_BUSY);
    expect(got.desc).toBe(IORES_DESC_PERSISTENT_MEMORY_LEGACY);
  });
});
