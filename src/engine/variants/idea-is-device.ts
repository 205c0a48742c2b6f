/**
 * idea-is-device: RFC v1 plus the flag the RFC v1 thread proposed instead of its altmap
 * test (David Hildenbrand, 7 Aug 2018; Oscar Salvador, 8 Aug 2018). It was never posted as
 * a patch; the spec and what is ours are in docs/proposals.md (IS-1 to IS-4).
 *  - arch_remove_memory() and __remove_pages() take `bool is_device`; __remove_pages()
 *    calls release_mem_region_adjustable() only when it is false, and the altmap only sets
 *    map_offset.
 *  - remove_memory() passes false; devm_memremap_pages_release() and hmm_devmem_release()
 *    pass true, with or without an altmap, for device-public memory as for private (ours).
 * Everything else is RFC v1's, defects included: no SYSRAM check, devm's shrink_pages(),
 * HMM's missing span shrink, unregister_mem_sect_under_nodes()' page reads.
 */
import { SOURCES } from './sources';
import { hmmDevmemAdd, hmmDevmemRemove } from '../drivers/hmm';
import { devmMemremapPages, devmMemremapPagesRelease } from '../drivers/memremap';
import type { Kernel, Variant } from '../kernel/kernel';
import { type RemovalRules, remove_memory } from '../mm/remove-memory';
import { REMOVE_RFC_V1, memremapRfcV1, rfc_v1 } from './rfc-v1';
import { hmmV4_18 } from './v4-18';

/** IS-1: the caller's flag decides; the decision carries the same key as the other kernels' device test. */
export const isDeviceRemoval = (base: RemovalRules, isDevice: boolean): RemovalRules => ({
  ...base,
  callerFlag: `is_device ${isDevice}`,
  releasesResource(k: Kernel) {
    if (k.tr.enabled) k.tr.decision('is_device', isDevice ? "true: release_mem_region_adjustable() skipped (caller's flag)" : 'false: release the iomem resource', 'remove_pages.device-check');
    return !isDevice;
  },
});

const REMOVE_MEMORY_PATH = isDeviceRemoval(REMOVE_RFC_V1, false);
const DEVICE_PATH = isDeviceRemoval(REMOVE_RFC_V1, true);
const MEMREMAP_IS_DEVICE = memremapRfcV1(DEVICE_PATH);
const HMM_IS_DEVICE = hmmV4_18(DEVICE_PATH);

export const idea_is_device: Variant = {
  ...rfc_v1,
  id: 'idea-is-device',
  source: SOURCES['idea-is-device'],
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_MEMORY_PATH, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_IS_DEVICE, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_IS_DEVICE, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_IS_DEVICE, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_IS_DEVICE, dev),
};
