/**
 * The two RFC series, patch by patch: which functions each patch changes or adds, read from
 * the patch mails (docs/source-lines.md says which copy of each mail was read). A function an
 * RFC variant lists in `source.patched` links to the mail of the last patch the variant models
 * that touches it. Pure data module.
 */

const LORE = 'https://lore.kernel.org/linux-mm';

export interface RfcPatch {
  /** "2/3" */
  n: string;
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

export const RFC_SERIES: { 'rfc-v1': RfcSeries; 'rfc-v2': RfcSeries } = {
  'rfc-v1': {
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
  },
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
};

export type RfcId = keyof typeof RFC_SERIES;

export const isRfc = (id: string): id is RfcId => id in RFC_SERIES;

/** The last patch of the series that the variant models and that changes or adds `fn`. */
export function patchOf(id: RfcId, fn: string): RfcPatch | null {
  const hits = RFC_SERIES[id].patches.filter((p) => p.modelled && (p.changes.includes(fn) || p.adds.includes(fn)));
  return hits[hits.length - 1] ?? null;
}
