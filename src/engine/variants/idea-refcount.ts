/**
 * idea-refcount: RFC v1 plus Jerome Glisse's proposal of 9 Aug 2018, "use a refcount on the
 * resources instead of the IORESOURCE_BUSY flags. So when you release resource as part of
 * hotremove you would only dec the refcount and a resource is not busy only when refcount
 * is zero." Nobody implemented it: Oscar found it too intrusive (16 Aug) and wrote the SYSRAM
 * check of RFC v2. Every rule below beyond those two sentences is this project's
 * (docs/proposals.md, RC-1 to RC-9; resource/refcount.ts):
 *  - a busy entry starts with one holder, its requester (RC-2);
 *  - the device hot-add, devm_memremap_pages() and hmm_devmem_pages_create(), takes a
 *    reference on the entry that backs the range (RC-3);
 *  - __remove_pages() always calls release_mem_region_adjustable(): the altmap only sets
 *    map_offset (RC-4; keeping RFC v1's altmap test gives the same results on every
 *    scenario, as the notes say);
 *  - release_mem_region_adjustable() and __release_region() drop a reference, and free,
 *    shrink or split only at the last (RC-5, RC-6).
 * Everything else is RFC v1's, defects included (RC-9).
 */
import { SOURCES } from './sources';
import { hmmDevmemAdd, hmmDevmemRemove, type HmmHooks } from '../drivers/hmm';
import { devmMemremapPages, devmMemremapPagesRelease, type MemremapHooks } from '../drivers/memremap';
import type { Variant } from '../kernel/kernel';
import { type RemovalRules, remove_memory } from '../mm/remove-memory';
import { get_resource_ref } from '../resource/refcount';
import { REMOVE_RFC_V1, memremapRfcV1, rfc_v1 } from './rfc-v1';
import { hmmV4_18 } from './v4-18';

export const REMOVE_REFCOUNT: RemovalRules = {
  ...REMOVE_RFC_V1,
  releasesResource(k) {
    if (k.tr.enabled) k.tr.decision('(none: resources are refcounted)', 'always call release_mem_region_adjustable(); it drops the hot-add\'s reference', 'remove_pages.device-check');
    return true;
  },
  refcounted: true,
};

/** RC-3: a device hot-add that succeeded takes a reference on the entry backing its range. */
export const withHotAddRef = (hooks: MemremapHooks): MemremapHooks => ({
  ...hooks,
  add(k, pg) {
    const ret = hooks.add(k, pg);
    if (!ret) get_resource_ref(k, pg.alignStart, pg.alignSize);
    return ret;
  },
});

export const withHotAddRefHmm = (hooks: HmmHooks): HmmHooks => ({
  ...hooks,
  addPages(k, h, pg) {
    const ret = hooks.addPages(k, h, pg);
    if (!ret) get_resource_ref(k, pg.alignStart, pg.alignSize);
    return ret;
  },
});

const MEMREMAP_REFCOUNT = withHotAddRef(memremapRfcV1(REMOVE_REFCOUNT));
const HMM_REFCOUNT = withHotAddRefHmm(hmmV4_18(REMOVE_REFCOUNT));

export const idea_refcount: Variant = {
  ...rfc_v1,
  id: 'idea-refcount',
  source: SOURCES['idea-refcount'],
  remove_memory: (k, nid, start, size) => remove_memory(k, REMOVE_REFCOUNT, nid, start, size),
  devm_memremap_pages: (k, req) => devmMemremapPages(k, MEMREMAP_REFCOUNT, req),
  devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, MEMREMAP_REFCOUNT, dev),
  hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, HMM_REFCOUNT, dev, nid, size, type, start),
  hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, HMM_REFCOUNT, dev),
  refcountedResources: true,
};
