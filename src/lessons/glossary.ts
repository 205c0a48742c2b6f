/**
 * The terms the narration marks with [[term]]: each defined in one line, as the lesson
 * panel shows it on hover and in the lesson's glossary. The lesson tests check that every
 * marked term is here.
 */
export interface GlossaryEntry {
  id: string;
  term: string;
  definition: string;
}

const ENTRIES: readonly GlossaryEntry[] = [
  { id: 'section', term: 'section', definition: 'The unit sparse memory manages: 128 MiB of physical addresses on x86_64, with its own memmap once it is added.' },
  { id: 'memory-block', term: 'memory block', definition: 'What sysfs onlines and offlines: /sys/devices/system/memory/memoryN, one or more sections (one here, 128 MiB).' },
  { id: 'memmap', term: 'memmap', definition: 'The array of struct page, one per 4 KiB page frame, that says which zone and node a page is in and what it is used for.' },
  { id: 'struct-page', term: 'struct page', definition: 'The kernel\u2019s record of one 4 KiB page frame; its flags word also encodes the page\u2019s zone and node.' },
  { id: 'span', term: 'span', definition: 'A zone\u2019s (or node\u2019s) pfn range: zone_start_pfn for spanned_pages. One range, so it may contain holes; present pages are the ones really there.' },
  { id: 'zone-device', term: 'ZONE_DEVICE', definition: 'The zone for device memory (pmem, GPU memory): it gets struct pages but is never onlined and never given to the page allocator.' },
  { id: 'altmap', term: 'altmap', definition: 'A vmem_altmap: room at the start of a device range where the device\u2019s own memmap is placed, instead of in RAM. Optional: a driver passes one or not.' },
  { id: 'resource', term: 'iomem resource', definition: 'An entry in the iomem resource tree (/proc/iomem): a claimed physical range, with flags (MEM, BUSY, SYSRAM) and a descriptor.' },
  { id: 'devres', term: 'devres', definition: 'Device-managed resources: a region a driver claimed with devm_request_mem_region() is released when the driver releases it or goes away.' },
  { id: 'online', term: 'online', definition: 'Handing a memory block\u2019s pages to a zone and the page allocator (online_pages()); offline takes them back. Device memory is never onlined.' },
  { id: 'poisoned', term: 'poisoned', definition: 'With CONFIG_DEBUG_VM, a hot-added memmap is filled with 0xff until it is initialised, so a read of it can be caught.' },
  { id: 'debug-vm', term: 'DEBUG_VM', definition: 'CONFIG_DEBUG_VM poisons uninitialised memmaps; CONFIG_DEBUG_VM_PGFLAGS adds the PagePoisoned check that BUGs on reading one. The simulator\u2019s debug_vm setting models both together.' },
  { id: 'hmm', term: 'HMM', definition: 'Heterogeneous memory management: in 4.18 it gave device memory struct pages through hmm_devmem_add() (device-private) and hmm_devmem_add_resource() (coherent).' },
  { id: 'cdm', term: 'coherent device memory', definition: 'Device memory the CPU can address coherently (MEMORY_DEVICE_PUBLIC in 4.18, "CDM"); its range is described and registered by the platform.' },
  { id: 'managed-pages', term: 'managed pages', definition: 'The pages of a zone handed to the page allocator, printed as managed in /proc/zoneinfo; present pages the kernel keeps for itself are not among them.' },
  { id: 'memmap-on-memory', term: 'memmap_on_memory', definition: 'memory_hotplug.memmap_on_memory, a boot-time option of newer kernels (v6.12 here): each hot-added memory block keeps its own struct pages in its first pages, instead of in memory allocated elsewhere.' },
  { id: 'sysram', term: 'IORESOURCE_SYSRAM', definition: 'The resource flag of System RAM; hot-added memory gets it from register_memory_resource(), device regions do not.' },
];

export const GLOSSARY: readonly GlossaryEntry[] = ENTRIES;

export function glossaryEntry(term: string): GlossaryEntry | null {
  return ENTRIES.find((e) => e.term === term) ?? null;
}
