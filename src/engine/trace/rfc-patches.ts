/**
 * The RFC series, patch by patch: which functions each patch changes or adds, read from
 * the patch mails (docs/source-lines.md says which copy of each mail was read). A function an
 * RFC variant lists in `source.patched` links to the mail of the last patch the variant models
 * that touches it. The two proposals of the RFC v1 thread were never patches: their "series"
 * is RFC v1's patches followed by the thread mails that proposed each change
 * (docs/proposals.md). Pure data module.
 */

const LORE = 'https://lore.kernel.org/linux-mm';

export interface RfcPatch {
  /** "2/3" */
  n: string;
  /** how a link names it when "patch <n>" would not say which mail it is */
  label?: string;
  subject: string;
  messageId: string;
  url: string;
  /** whether the variant runs this patch's version of the code */
  modelled: boolean;
  /** functions whose body or signature the patch changes */
  changes: readonly string[];
  /** functions the patch creates (they exist in no tree) */
  adds: readonly string[];
}

export interface RfcSeries {
  cover: { subject: string; messageId: string; url: string };
  patches: readonly RfcPatch[];
}

const mail = (messageId: string) => ({ messageId, url: `${LORE}/${messageId}/` });

/** functions every arch_remove_memory(nid, ...) patch touches: the nid parameter and its callers */
const NID_PARAMETER = ['arch_remove_memory', 'remove_memory', 'devm_memremap_pages_release', 'hmm_devmem_release'] as const;

const RFC_V1: RfcSeries = {
  cover: { subject: '[RFC PATCH 0/3] Do not touch pages in remove_memory path', ...mail('20180807133757.18352-1-osalvador@techadventures.net') },
  patches: [
    {
      n: '1/3',
      subject: 'mm/memory_hotplug: Add nid parameter to arch_remove_memory',
      // Not in the stored mail archive: the Message-ID follows git send-email's numbering
      // of the series (cover -1-, 2/3 -3-, 3/3 -4- were read), and what it changes is what
      // RFC v2 1/2 changes: 2/3's pre-image blobs of mm/memory_hotplug.c (9bd629944c91),
      // kernel/memremap.c (7a832b844f24) and mm/hmm.c (21787e480b4a) are v2 1/2's post-images.
      ...mail('20180807133757.18352-2-osalvador@techadventures.net'),
      modelled: true,
      changes: NID_PARAMETER,
      adds: [],
    },
    {
      n: '2/3',
      subject: 'mm/memory_hotplug: Create __shrink_pages and move it to offline_pages',
      ...mail('20180807133757.18352-3-osalvador@techadventures.net'),
      modelled: true,
      changes: [
        'arch_remove_memory',
        '__remove_pages',
        '__remove_section',
        '__offline_pages',
        'find_smallest_section_pfn',
        'find_biggest_section_pfn',
        'shrink_zone_span',
        'shrink_pgdat_span',
        'sparse_remove_one_section',
        'devm_memremap_pages_release',
        'hmm_devmem_release',
      ],
      // __shrink_pages() replaces __remove_zone(); shrink_pages() is its exported wrapper
      adds: ['__shrink_pages', 'shrink_pages'],
    },
    {
      n: '3/3',
      subject: 'mm/memory_hotplug: Refactor shrink_zone/pgdat_span',
      ...mail('20180807133757.18352-4-osalvador@techadventures.net'),
      // rfc-v1 runs 1/3 and 2/3 only (see src/engine/variants/rfc-v1.ts)
      modelled: false,
      changes: ['shrink_zone_span', 'shrink_pgdat_span'],
      adds: ['has_only_holes'],
    },
  ],
};

type SeriesId = 'rfc-v1' | 'rfc-v2' | 'rfc-v3' | 'idea-is-device' | 'idea-refcount';

export const RFC_SERIES: Record<SeriesId, RfcSeries> = {
  'rfc-v1': RFC_V1,
  'rfc-v2': {
    cover: { subject: '[RFC v2 0/2] Do not touch pages in remove_memory path', ...mail('20180817154127.28602-1-osalvador@techadventures.net') },
    patches: [
      {
        n: '1/2',
        subject: 'mm/memory_hotplug: Add nid parameter to arch_remove_memory',
        ...mail('20180817154127.28602-2-osalvador@techadventures.net'),
        modelled: true,
        changes: NID_PARAMETER,
        adds: [],
      },
      {
        n: '2/2',
        subject: 'mm/memory_hotplug: Shrink spanned pages when offlining memory',
        ...mail('20180817154127.28602-3-osalvador@techadventures.net'),
        modelled: true,
        changes: [
          'arch_remove_memory',
          '__remove_pages',
          '__remove_section',
          '__offline_pages',
          'find_smallest_section_pfn',
          'find_biggest_section_pfn',
          'shrink_zone_span',
          'sparse_remove_one_section',
          'release_mem_region_adjustable',
          'devm_memremap_pages',
          'devm_memremap_pages_release',
          'hmm_devmem_pages_create',
          'hmm_devmem_release',
        ],
        // shrink_pages() replaces __remove_zone(); the two others wrap __add/__del_device_memory()
        adds: ['shrink_pages', 'add_device_memory', 'del_device_memory', '__add_device_memory', '__del_device_memory'],
      },
    ],
  },
  'rfc-v3': {
    cover: { subject: '[RFC PATCH v3 0/5] Do not touch pages/zones during hot-remove path', ...mail('20181002150029.23461-1-osalvador@techadventures.net') },
    patches: [
      {
        n: '1/5',
        subject: 'mm/memory_hotplug: Add nid parameter to arch_remove_memory',
        ...mail('20181002150029.23461-2-osalvador@techadventures.net'),
        modelled: true,
        // RFC v3 sat on Dan Williams' HMM rework, so 1/5 leaves mm/hmm.c alone
        changes: ['arch_remove_memory', 'remove_memory', 'devm_memremap_pages_release'],
        adds: [],
      },
      {
        n: '2/5',
        subject: 'mm/memory_hotplug: Create add/del_device_memory functions',
        ...mail('20181002150029.23461-3-osalvador@techadventures.net'),
        modelled: true,
        // 4/5 rewrites both helpers; they link here, where they are created
        changes: ['devm_memremap_pages', 'devm_memremap_pages_release', 'move_pfn_range_to_zone'],
        adds: ['add_device_memory', 'del_device_memory'],
      },
      {
        n: '2/5',
        label: 'PATCH v1 2/5 (its mm/hmm.c call sites)',
        subject: 'mm/memory_hotplug: Create add/del_device_memory functions (PATCH v1, 15 Oct 2018)',
        // without Dan's rework the engine's HMM needs PATCH v1's direct conversion of mm/hmm.c
        ...mail('20181015153034.32203-3-osalvador@techadventures.net'),
        modelled: true,
        changes: ['hmm_devmem_pages_create', 'hmm_devmem_release'],
        adds: [],
      },
      {
        n: '3/5',
        subject: 'mm/memory_hotplug: Check for IORESOURCE_SYSRAM in release_mem_region_adjustable',
        ...mail('20181002150029.23461-4-osalvador@techadventures.net'),
        modelled: true,
        changes: ['release_mem_region_adjustable'],
        adds: [],
      },
      {
        n: '4/5',
        subject: 'mm/memory_hotplug: Move zone/pages handling to offline stage',
        ...mail('20181002150029.23461-5-osalvador@techadventures.net'),
        modelled: true,
        changes: [
          'arch_remove_memory',
          '__remove_pages',
          '__remove_section',
          '__offline_pages',
          'find_smallest_section_pfn',
          'find_biggest_section_pfn',
          'shrink_zone_span',
          'shrink_pgdat_span',
          'sparse_remove_one_section',
        ],
        // shrink_zone_pgdat_pages() is __remove_zone() renamed and moved to offline
        adds: ['shrink_zone_pgdat_pages'],
      },
      {
        n: '5/5',
        subject: 'mm/memory_hotplug: Rework unregister_mem_sect_under_nodes',
        ...mail('20181002150029.23461-6-osalvador@techadventures.net'),
        modelled: true,
        changes: ['__remove_section', 'unregister_memory_section', 'unregister_mem_sect_under_nodes'],
        adds: [],
      },
    ],
  },
  'idea-is-device': {
    cover: { subject: 'Re: [RFC PATCH 2/3] mm/memory_hotplug: Create __shrink_pages and move it to offline_pages', ...mail('20180807133757.18352-3-osalvador@techadventures.net') },
    patches: [
      ...rfcV1Base(),
      {
        n: '#2',
        label: 'proposal (David Hildenbrand, 7 Aug 2018: the callers forward is_device)',
        subject: 'Re: [RFC PATCH 2/3] (David Hildenbrand)',
        ...mail('a6e4e654-fc95-497f-16f3-8c1550cf03d6@redhat.com'),
        modelled: true,
        changes: ['remove_memory', 'devm_memremap_pages_release', 'hmm_devmem_release'],
        adds: [],
      },
      {
        n: '#21',
        label: 'proposal (Oscar Salvador, 8 Aug 2018: a flag down to __remove_pages skips the release)',
        subject: 'Re: [RFC PATCH 2/3] (Oscar Salvador)',
        ...mail('20180808212815.GA12363@techadventures.net'),
        modelled: true,
        changes: ['arch_remove_memory', '__remove_pages'],
        adds: [],
      },
    ],
  },
  'idea-refcount': {
    cover: { subject: 'Re: [RFC PATCH 2/3] mm/memory_hotplug: Create __shrink_pages and move it to offline_pages', ...mail('20180807133757.18352-3-osalvador@techadventures.net') },
    patches: [
      ...rfcV1Base(),
      {
        n: '#28',
        label: 'proposal (Jerome Glisse, 9 Aug 2018; never implemented, the rules are this project\'s)',
        subject: 'Re: [RFC PATCH 2/3] (Jerome Glisse: "use a refcount on the resources instead of the IORESOURCE_BUSY flags")',
        ...mail('20180809165821.GC3386@redhat.com'),
        modelled: true,
        changes: ['__remove_pages', 'release_mem_region_adjustable', '__release_region', 'devm_memremap_pages', 'hmm_devmem_pages_create'],
        adds: ['get_resource_ref'],
      },
    ],
  },
};

export type RfcId = keyof typeof RFC_SERIES;

/** RFC v1's patches as a proposal's base: the links say they are RFC v1's. */
function rfcV1Base(): RfcPatch[] {
  return RFC_V1.patches.map((p) => ({ ...p, label: `RFC v1 patch ${p.n}` }));
}

export const isRfc = (id: string): id is RfcId => id in RFC_SERIES;

/** The last patch of the series that the variant models and that changes or adds `fn`. */
export function patchOf(id: RfcId, fn: string): RfcPatch | null {
  const hits = RFC_SERIES[id].patches.filter((p) => p.modelled && (p.changes.includes(fn) || p.adds.includes(fn)));
  return hits[hits.length - 1] ?? null;
}
