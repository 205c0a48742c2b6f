/**
 * /proc/iomem shows names and ranges but not resource flags, yet the engine's decisions
 * depend on them (__request_region descends only into non-busy entries; walk_system_ram_range
 * and the rfc-v2 release check look for IORESOURCE_SYSRAM). So the flags are reconstructed
 * from the names, following who registers each kind of entry on x86_64 (arch/x86/kernel/e820.c,
 * setup.c, probe_roms.c, kernel/resource.c __request_region).
 */
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
  IORESOURCE_SYSRAM,
  IORESOURCE_SYSTEM_RAM,
  hasFlag,
} from '../engine/resource/flags';

export interface InferredFlags {
  flags: number;
  desc: number;
  rule: string;
}

/** What was inferred for one /proc/iomem line, kept so the user can see (and doubt) it. */
export type InferenceNote = { line: number; name: string; flags: number; desc: number; rule: string };

/**
 * What the surrounding tree says about an entry. Optional because the name alone decides
 * everything except driver-claimed regions, whose flags come from where they were requested.
 */
export interface InferenceContext {
  parent?: { flags: number; desc: number } | null;
  /** a child named "System RAM..." sits inside this entry */
  hasSystemRamChild?: boolean;
}

const ONE_MIB = 0x100000;
const KERNEL_IMAGE = new Set(['Kernel code', 'Kernel rodata', 'Kernel data', 'Kernel bss']);
const ROMS = new Set(['System ROM', 'Video ROM', 'Adapter ROM']);
// dev_name() of a PCI function: domain:bus:slot.function
const PCI_FUNCTION = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i;

function result(flags: number, desc: number, rule: string): InferredFlags {
  return { flags: flags >>> 0, desc, rule };
}

function isNonBusyContainer(parent: InferenceContext['parent']): parent is { flags: number; desc: number } {
  return parent != null && !hasFlag(parent.flags, IORESOURCE_BUSY);
}

export function inferFlags(name: string, start: number, depth: number, context: InferenceContext = {}): InferredFlags {
  const { parent } = context;

  if (name.startsWith('System RAM')) {
    if (depth > 0 && isNonBusyContainer(parent)) {
      return result(
        IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
        parent.desc,
        'System RAM inside a non-busy region: hot-added memory (SYSTEM_RAM|BUSY); __request_region copied the container\'s desc',
      );
    }
    return result(
      IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
      IORES_DESC_NONE,
      'System RAM: memory the kernel manages, registered busy (SYSTEM_RAM|BUSY) by e820 at boot or by add_memory()',
    );
  }
  if (KERNEL_IMAGE.has(name)) {
    return result(
      IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
      IORES_DESC_NONE,
      'part of the kernel image: setup_arch() inserts it as SYSTEM_RAM|BUSY inside boot RAM',
    );
  }
  if (name === 'Crash kernel') {
    return result(
      IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
      IORES_DESC_CRASH_KERNEL,
      'memory reserved for kdump: SYSTEM_RAM|BUSY with desc CRASH_KERNEL',
    );
  }
  if (name === 'Reserved') {
    if (start < ONE_MIB && depth === 0) {
      return result(
        IORESOURCE_MEM | IORESOURCE_BUSY,
        IORES_DESC_NONE,
        'e820 reserved range below 1 MiB: e820 marks everything below 1 MiB busy (MEM|BUSY)',
      );
    }
    return result(
      IORESOURCE_MEM,
      IORES_DESC_NONE,
      'e820 reserved range: left not busy (MEM) so that drivers can claim parts of it',
    );
  }
  if (name === 'Persistent Memory') {
    return result(
      IORESOURCE_MEM,
      IORES_DESC_PERSISTENT_MEMORY,
      'e820 persistent memory (ACPI NFIT): not busy, desc PERSISTENT_MEMORY, so the nvdimm driver can claim it',
    );
  }
  if (name === 'Persistent Memory (legacy)') {
    return result(
      IORESOURCE_MEM,
      IORES_DESC_PERSISTENT_MEMORY_LEGACY,
      'e820 type-12 persistent memory (memmap=nn!ss): not busy, desc PERSISTENT_MEMORY_LEGACY, for nd_e820 to claim',
    );
  }
  if (name === 'ACPI Tables') {
    return result(IORESOURCE_MEM | IORESOURCE_BUSY, IORES_DESC_ACPI_TABLES, 'e820 ACPI tables: busy, desc ACPI_TABLES');
  }
  if (name === 'ACPI Non-volatile Storage') {
    return result(
      IORESOURCE_MEM | IORESOURCE_BUSY,
      IORES_DESC_ACPI_NV_STORAGE,
      'e820 ACPI NVS: busy, desc ACPI_NV_STORAGE',
    );
  }
  if (name === 'Unusable memory') {
    return result(IORESOURCE_MEM | IORESOURCE_BUSY, IORES_DESC_NONE, 'e820 unusable memory: busy (MEM|BUSY)');
  }
  if (name.startsWith('PCI Bus')) {
    return result(
      IORESOURCE_MEM,
      IORES_DESC_NONE,
      'PCI bridge window: a container (MEM, not busy) that device BARs are placed inside',
    );
  }
  if (PCI_FUNCTION.test(name)) {
    return result(
      IORESOURCE_MEM,
      IORES_DESC_NONE,
      'PCI device BAR claimed by the PCI core: not busy (MEM) until a driver requests it',
    );
  }
  if (ROMS.has(name)) {
    return result(
      IORESOURCE_MEM | IORESOURCE_BUSY | IORESOURCE_READONLY,
      IORES_DESC_NONE,
      'legacy ROM found by probe_roms(): MEM|BUSY|READONLY',
    );
  }

  // Everything else was requested by a driver through __request_region, which takes the
  // type (MEM, plus SYSRAM) and desc of the non-busy region it landed in.
  let flags = IORESOURCE_MEM | IORESOURCE_BUSY;
  let desc = IORES_DESC_NONE;
  let why = 'driver-claimed region: request_mem_region() makes it MEM|BUSY';
  if (isNonBusyContainer(parent)) {
    flags |= parent.flags & IORESOURCE_SYSRAM;
    desc = parent.desc;
    if (desc !== IORES_DESC_NONE || hasFlag(parent.flags, IORESOURCE_SYSRAM)) {
      why += ', with the type and desc of the region it was requested inside';
    }
  }
  if (context.hasSystemRamChild) {
    // dax kmem clears BUSY and sets SYSTEM_RAM on its region so add_memory() can nest RAM in it.
    return result(
      IORESOURCE_SYSTEM_RAM,
      desc,
      'region holding hot-added System RAM (dax kmem): SYSTEM_RAM, not busy, so add_memory() could place RAM inside',
    );
  }
  return result(flags, desc, why);
}
