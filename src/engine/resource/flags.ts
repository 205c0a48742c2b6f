/** include/linux/ioport.h, identical in v4.18 and v5.5 for the bits the engine uses. */
export const IORESOURCE_IO = 0x00000100;
export const IORESOURCE_MEM = 0x00000200;
export const IORESOURCE_READONLY = 0x00004000;
export const IORESOURCE_SYSRAM = 0x01000000;
export const IORESOURCE_SYSTEM_RAM = IORESOURCE_MEM | IORESOURCE_SYSRAM;
export const IORESOURCE_BUSY = 0x80000000;

/** IORES_DESC_* (v4.18 numbering; 7 became RESERVED in v5.5 when DEVICE_PUBLIC went away). */
export const IORES_DESC_NONE = 0;
export const IORES_DESC_CRASH_KERNEL = 1;
export const IORES_DESC_ACPI_TABLES = 2;
export const IORES_DESC_ACPI_NV_STORAGE = 3;
export const IORES_DESC_PERSISTENT_MEMORY = 4;
export const IORES_DESC_PERSISTENT_MEMORY_LEGACY = 5;
export const IORES_DESC_DEVICE_PRIVATE_MEMORY = 6;
export const IORES_DESC_DEVICE_PUBLIC_MEMORY = 7;

/** Bitwise ops in JS are signed 32-bit; BUSY is bit 31, so test flags through this. */
export function hasFlag(flags: number, bit: number): boolean {
  return ((flags & bit) >>> 0) !== 0;
}

export function flagNames(flags: number): string[] {
  const names: string[] = [];
  if (hasFlag(flags, IORESOURCE_IO)) names.push('IO');
  if (hasFlag(flags, IORESOURCE_MEM)) names.push('MEM');
  if (hasFlag(flags, IORESOURCE_SYSRAM)) names.push('SYSRAM');
  if (hasFlag(flags, IORESOURCE_BUSY)) names.push('BUSY');
  if (hasFlag(flags, IORESOURCE_READONLY)) names.push('READONLY');
  return names;
}

export function descName(desc: number): string {
  return (
    [
      'NONE',
      'CRASH_KERNEL',
      'ACPI_TABLES',
      'ACPI_NV_STORAGE',
      'PERSISTENT_MEMORY',
      'PERSISTENT_MEMORY_LEGACY',
      'DEVICE_PRIVATE_MEMORY',
      'DEVICE_PUBLIC_MEMORY',
    ][desc] ?? `desc ${desc}`
  );
}

/** Flags are kept as unsigned 32-bit numbers so they print and compare as the kernel's do. */
export function u32(flags: number): number {
  return flags >>> 0;
}
