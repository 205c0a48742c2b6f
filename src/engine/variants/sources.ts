/**
 * Where each named kernel's functions are read: its tree on Elixir and, for the RFCs and the
 * proposals, the functions its patch (or the thread reply that proposed it) changed or added.
 * Kept apart from the variant modules so the page can link a lesson's functions to their
 * source without bundling the simulated kernel (that runs in the worker).
 */
import type { VariantSource } from '../kernel/kernel';
import type { KernelId } from '../ops';

/** RFC v1 patch 2/3: the functions the two ideas build on too. */
const RFC_V1_PATCHED: readonly string[] = ['__remove_pages', '__remove_section', 'arch_remove_memory', '__shrink_pages', 'shrink_pages', '__offline_pages', 'find_smallest_section_pfn', 'find_biggest_section_pfn', 'shrink_zone_span', 'shrink_pgdat_span', 'devm_memremap_pages_release', 'hmm_devmem_release', 'sparse_remove_one_section', 'remove_memory'];

export const SOURCES: Record<KernelId, VariantSource> = {
  'v4.18': { tree: 'v4.18.20', patched: [], patchUrl: null },
  'rfc-v1': {
    tree: 'v4.18.20',
    patched: RFC_V1_PATCHED,
    patchUrl: 'https://lore.kernel.org/linux-mm/20180807133757.18352-3-osalvador@techadventures.net/',
  },
  'rfc-v2': {
    tree: 'v4.18.20',
    patched: ['__remove_pages', '__remove_section', 'arch_remove_memory', 'shrink_pages', '__offline_pages', 'find_smallest_section_pfn', 'find_biggest_section_pfn', 'shrink_zone_span', 'release_mem_region_adjustable', 'add_device_memory', 'del_device_memory', 'devm_memremap_pages', 'devm_memremap_pages_release', 'hmm_devmem_pages_create', 'hmm_devmem_release', 'sparse_remove_one_section'],
    patchUrl: 'https://lore.kernel.org/linux-mm/20180817154127.28602-3-osalvador@techadventures.net/',
  },
  'rfc-v3': {
    tree: 'v4.18.20',
    patched: [
      'arch_remove_memory',
      'remove_memory',
      'devm_memremap_pages',
      'devm_memremap_pages_release',
      'hmm_devmem_pages_create',
      'hmm_devmem_release',
      'add_device_memory',
      'del_device_memory',
      'move_pfn_range_to_zone',
      'release_mem_region_adjustable',
      '__remove_pages',
      '__remove_section',
      'shrink_zone_pgdat_pages',
      'find_smallest_section_pfn',
      'find_biggest_section_pfn',
      'shrink_zone_span',
      'shrink_pgdat_span',
      '__offline_pages',
      'sparse_remove_one_section',
      'unregister_memory_section',
      'unregister_mem_sect_under_nodes',
    ],
    patchUrl: 'https://lore.kernel.org/linux-mm/20181002150029.23461-5-osalvador@techadventures.net/',
  },
  'idea-is-device': {
    tree: 'v4.18.20',
    patched: RFC_V1_PATCHED,
    patchUrl: 'https://lore.kernel.org/linux-mm/20180808212815.GA12363@techadventures.net/',
  },
  'idea-refcount': {
    tree: 'v4.18.20',
    patched: [...RFC_V1_PATCHED, 'release_mem_region_adjustable', '__release_region', 'devm_memremap_pages', 'hmm_devmem_pages_create', 'get_resource_ref'],
    patchUrl: 'https://lore.kernel.org/linux-mm/20180809165821.GC3386@redhat.com/',
  },
  'v5.5': { tree: 'v5.5-rc5', patched: [], patchUrl: null },
  'v6.12': { tree: 'v6.12.118', patched: [], patchUrl: null },
};
