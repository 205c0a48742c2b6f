/** The linux-mm thread and the kernel source the lessons cite. */
import type { KernelId } from '../engine/ops';
import { sourceLink, type SourceLink } from '../engine/trace/source-links';
import { VARIANTS } from '../engine/variants';

const LORE = 'https://lore.kernel.org/linux-mm';

export const THREAD = {
  /** [RFC PATCH 0/3] Do not touch pages in remove_memory path (Oscar Salvador, 7 Aug 2018) */
  rfcV1Cover: `${LORE}/20180807133757.18352-1-osalvador@techadventures.net/`,
  /** [RFC PATCH 2/3] mm/memory_hotplug: Create __shrink_pages and move it to offline_pages */
  rfcV1Patch2: `${LORE}/20180807133757.18352-3-osalvador@techadventures.net/`,
  /** Jerome Glisse's reply to patch 2/3: ZONE_DEVICE does not imply an altmap */
  jeromeReply: `${LORE}/20180807135221.GA3301@redhat.com/`,
  /** [RFC v2 0/2] Do not touch pages in remove_memory path (17 Aug 2018) */
  rfcV2Cover: `${LORE}/20180817154127.28602-1-osalvador@techadventures.net/`,
  /** [RFC v2 2/2] mm/memory_hotplug: Shrink spanned pages when offlining memory */
  rfcV2Patch2: `${LORE}/20180817154127.28602-3-osalvador@techadventures.net/`,
} as const;

/** Where to read a kernel function as the given kernel has it: an Elixir line, or the RFC patch. */
export function fnLink(kernel: KernelId, fn: string): SourceLink {
  return sourceLink(VARIANTS[kernel], fn);
}
