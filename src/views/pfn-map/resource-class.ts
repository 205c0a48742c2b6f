/**
 * Classes of /proc/iomem entries, for what each is rather than only its flags: persistent
 * memory (NFIT's "Persistent Memory", e820 type 12's "Persistent Memory (legacy)"), firmware
 * reserved ranges, ACPI tables and NVS, PCI bus windows. The flag and desc values are the
 * kernel's (include/linux/ioport.h), repeated here because views may not import the engine's
 * resource code.
 */
import type { ResourceView } from '../../engine/views/view-types';

const IORESOURCE_MEM = 0x00000200;
const IORESOURCE_SYSRAM = 0x01000000;
const IORESOURCE_BUSY = 0x80000000;
const IORES_DESC_ACPI_TABLES = 2;
const IORES_DESC_ACPI_NV_STORAGE = 3;
const IORES_DESC_PERSISTENT_MEMORY = 4;
const IORES_DESC_PERSISTENT_MEMORY_LEGACY = 5;

export type ResourceClass = 'sysram' | 'pmem' | 'reserved' | 'acpi' | 'pci' | 'device' | 'window';

/** What a class is called where it is drawn (legend, tree). */
export const RESOURCE_CLASS_TITLES: Record<ResourceClass, string> = {
  sysram: 'System RAM',
  pmem: 'persistent memory',
  reserved: 'reserved',
  acpi: 'ACPI',
  pci: 'PCI bus window',
  device: 'device / driver',
  window: 'window / free',
};

/**
 * System RAM by its SYSRAM flag; persistent memory and ACPI by the desc the e820 code gives
 * them (a name is the fallback for an entry whose desc was not inferred); "Reserved" and
 * "PCI Bus ..." by the names e820 and the PCI core print; then a busy MEM range belongs to a
 * device or driver and the rest are windows.
 */
export function resourceClass(r: Pick<ResourceView, 'flags' | 'desc' | 'name'>): ResourceClass {
  const f = r.flags >>> 0;
  if (f & IORESOURCE_SYSRAM) return 'sysram';
  if (r.desc === IORES_DESC_PERSISTENT_MEMORY || r.desc === IORES_DESC_PERSISTENT_MEMORY_LEGACY || r.name.startsWith('Persistent Memory')) return 'pmem';
  if (r.desc === IORES_DESC_ACPI_TABLES || r.desc === IORES_DESC_ACPI_NV_STORAGE || r.name.startsWith('ACPI ')) return 'acpi';
  if (r.name === 'Reserved' || r.name === 'reserved') return 'reserved';
  if (r.name.startsWith('PCI Bus')) return 'pci';
  if ((f & IORESOURCE_BUSY) !== 0 && (f & IORESOURCE_MEM) !== 0) return 'device';
  return 'window';
}

/** The fills of the classes the palette does not hold (Okabe-Ito-distinct from the zone colours), per theme. */
export const IOMEM_CLASS_FILL: Record<'light' | 'dark', Record<'pmem' | 'reserved' | 'acpi' | 'pci', string>> = {
  light: { pmem: '#A05EB5', reserved: '#57606a', acpi: '#8C6D1F', pci: '#56B4E9' },
  dark: { pmem: '#C58BE0', reserved: '#8b949e', acpi: '#C9A43B', pci: '#7FC8F0' },
};
