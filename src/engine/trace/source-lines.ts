/*
 * Kernel source line anchors for the Hotplug Explorer trace view.
 *
 * For each kernel version this maps a function (or macro) name to the line
 * where its definition starts, i.e. the line that carries the identifier, which
 * is the line Elixir's #L anchors use. `file` is relative to the kernel tree root.
 * Pure data module: no imports.
 *
 * ---------------------------------------------------------------------------
 * PROVENANCE. Read this before relying on any number.
 * ---------------------------------------------------------------------------
 * I could not re-read the exact v4.18.20 or v5.5-rc5 files. The snapshots the
 * brief names are in the search index, but they do not hold the kernel source:
 *  - Keitokuch/linux-source-4.18.0 (an Ubuntu 4.18 tree: Makefile SUBLEVEL=20,
 *    EXTRAVERSION=jc1202-18) lists only *.o.ur-safe objects and a few
 *    kernel/sched files.
 *  - grandleaf/Linux5.5-rc5 holds only a RAID driver directory and a few
 *    certificate files.
 * I also found no v4.18.x or v5.5-rc copy of mm/memory_hotplug.c anywhere else
 * in the index. Details: docs/research/kernel-verification.md, section 0.
 *
 * Each entry carries one of these tags:
 *  [N]     Copied from docs/sources/kernel-notes.md section 10. NOT re-counted here:
 *          the file it refers to could not be read.
 *  [D]     Copied from kernel-notes section 10 AND matches the DWARF decl_line
 *          that DepSurf (DepSurf/function, Ubuntu 4.18.0-10-generic build)
 *          reports for "4.18". That is independent corroboration, though the
 *          Ubuntu build is not byte-identical to v4.18.20.
 *  [Dn]    Not in kernel-notes. The number is DepSurf's DWARF decl_line for the
 *          Ubuntu 4.18.0-10 build, used as-is for v4.18.20. UNVERIFIED against
 *          v4.18.20.
 *  [D5.4]  Not in kernel-notes. The number is DepSurf's decl_line for the
 *          Ubuntu 5.4.0-26 build, used for v5.5-rc5 on the assumption that
 *          kernel/resource.c did not change between 5.4 and 5.5-rc5. That
 *          assumption is supported by release_mem_region_adjustable, which is
 *          1253 in both DepSurf 5.4 and kernel-notes 5.5-rc5. UNVERIFIED.
 *
 * Corroboration found (DepSurf "4.18" vs kernel-notes v4.18.20):
 *   shrink_zone_span            373 = 373
 *   release_mem_region_adjustable 1236 = 1236
 *   page_to_nid (include/linux/mm.h) 974 = 974
 *   online_pages                898 vs 899
 * The online_pages gap is the 1-line offset kernel-notes section 0 predicts:
 * v4.18.20 carries the stable backport of the cond_resched() in __remove_pages,
 * the Ubuntu GA build does not. As a result, memory_hotplug.c lines after
 * __remove_pages may differ by 1 between v4.18 and v4.18.20.
 *
 * Discrepancies with kernel-notes: none proven.
 *  - Upstream diff hunks bracket a few v5.5-rc5 memory_hotplug.c lines, but they
 *    could not be tied to the exact v5.5-rc5 blob, so they neither confirm nor
 *    refute the notes. See the research doc, section 0.3.
 *  - v4.18.20 register_memory_resource: kernel-notes says L102. A v4.19.y
 *    memory_hotplug.c read by id (1672732) has it at L101 (hand count). The
 *    4.18.20 header/includes may differ by a line, so 102 is kept, UNVERIFIED.
 *
 * ---------------------------------------------------------------------------
 * OMITTED: the name does not exist in that version
 * ---------------------------------------------------------------------------
 * v4.18.20: __add_memory (arrived with "make add_memory() take the
 *   device_hotplug_lock", after 4.18), sparse_add_section, create_memory_block_devices,
 *   memmap_init_zone_device, __remove_memory, try_remove_memory,
 *   update_pgdat_span, remove_pfn_range_from_zone, sparse_remove_section,
 *   remove_memory_block_devices, __release_memory_resource, state_store
 *   (4.18 has store_mem_state), valid_zones_show (4.18 has show_valid_zones),
 *   memremap_pages, memunmap_pages, devm_request_free_mem_region,
 *   dev_dax_kmem_probe, dev_dax_kmem_remove (drivers/dax/kmem.c is 5.1+).
 * v5.5-rc5: __add_section, sparse_add_one_section, hotplug_memory_register,
 *   __remove_zone (became remove_pfn_range_from_zone), shrink_pgdat_span
 *   (became update_pgdat_span), sparse_remove_one_section,
 *   unregister_memory_section, store_mem_state (now state_store),
 *   show_valid_zones (now valid_zones_show), and every hmm_devmem_* function
 *   (the HMM devmem API was removed before 5.5).
 *
 * ---------------------------------------------------------------------------
 * OMITTED: the name exists, but no verified line number was found
 * ---------------------------------------------------------------------------
 * No kernel-notes entry, no DepSurf look-up, and the file is not readable.
 * Fill these in only from a real tree.
 * v4.18.20: release_memory_resource (probably 127 = register_memory_resource+25,
 *   inferred from the v4.19.y layout, UNVERIFIED), start_isolate_page_range,
 *   offline_isolated_pages, clear_zone_contiguous, __devm_release_region,
 *   hmm_devmem_radix_release, memblock_add_node, firmware_map_add_hotplug,
 *   dump_page, __dump_page.
 * v5.5-rc5: release_memory_resource, init_currently_empty_zone, offline_pages,
 *   test_pages_in_a_zone, start_isolate_page_range, offline_isolated_pages
 *   (existence in 5.5 also unchecked), clear_zone_contiguous,
 *   set_zone_contiguous, request_resource_conflict, __devm_release_region,
 *   memory_block_action, state_store, device_online, pages_correctly_probed
 *   (existence in 5.5 also unchecked), page_zone, page_to_nid, is_dev_zone,
 *   devm_memremap_pages_release, devm_request_free_mem_region,
 *   dev_dax_kmem_probe, dev_dax_kmem_remove, memblock_add_node,
 *   firmware_map_add_hotplug, dump_page, __dump_page.
 */

export interface SourceLine {
  file: string;
  line: number;
}

const MH = 'mm/memory_hotplug.c';
const RES = 'kernel/resource.c';
const X86 = 'arch/x86/mm/init_64.c';
const SPARSE = 'mm/sparse.c';
const PA = 'mm/page_alloc.c';
const MEMDEV = 'drivers/base/memory.c';

export const SOURCE_LINES: {
  'v4.18.20': Record<string, SourceLine>;
  'v5.5-rc5': Record<string, SourceLine>;
} = {
  'v4.18.20': {
    // mm/memory_hotplug.c
    register_memory_resource: { file: MH, line: 102 }, // [N] (v4.19.y has it at 101, see header)
    __add_section: { file: MH, line: 251 }, // [N]
    __add_pages: { file: MH, line: 275 }, // [N]
    find_smallest_section_pfn: { file: MH, line: 321 }, // [N]
    find_biggest_section_pfn: { file: MH, line: 346 }, // [N]
    shrink_zone_span: { file: MH, line: 373 }, // [D]
    shrink_pgdat_span: { file: MH, line: 441 }, // [N]
    __remove_zone: { file: MH, line: 507 }, // [N]
    __remove_section: { file: MH, line: 519 }, // [N]
    __remove_pages: { file: MH, line: 553 }, // [N]
    online_pages_range: { file: MH, line: 668 }, // [N] (+1 vs the v4.18 tag, cond_resched backport)
    resize_zone_range: { file: MH, line: 762 }, // [N]
    resize_pgdat_range: { file: MH, line: 773 }, // [N]
    move_pfn_range_to_zone: { file: MH, line: 784 }, // [N]
    default_kernel_zone_for_pfn: { file: MH, line: 832 }, // [N]
    default_zone_for_pfn: { file: MH, line: 848 }, // [N]
    zone_for_pfn_range: { file: MH, line: 872 }, // [N]
    online_pages: { file: MH, line: 899 }, // [N] DepSurf 4.18.0-10 says 898 (+1 cond_resched)
    check_hotplug_memory_range: { file: MH, line: 1089 }, // [N]
    add_memory_resource: { file: MH, line: 1113 }, // [N]
    add_memory: { file: MH, line: 1207 }, // [N]
    test_pages_in_a_zone: { file: MH, line: 1298 }, // [N]
    __offline_pages: { file: MH, line: 1615 }, // [N]
    offline_pages: { file: MH, line: 1728 }, // [N]
    check_memblock_offlined_cb: { file: MH, line: 1784 }, // [N]
    try_offline_node: { file: MH, line: 1853 }, // [N]
    remove_memory: { file: MH, line: 1898 }, // [N]

    // kernel/resource.c
    r_show: { file: RES, line: 104 }, // [N]
    request_resource_conflict: { file: RES, line: 278 }, // [N]
    find_next_iomem_res: { file: RES, line: 328 }, // [N] (extra key, used by the walk_system_ram_range trace)
    walk_system_ram_range: { file: RES, line: 464 }, // [N]
    region_intersects: { file: RES, line: 527 }, // [Dn]
    __adjust_resource: { file: RES, line: 927 }, // [N]
    __request_region: { file: RES, line: 1115 }, // [N]
    __release_region: { file: RES, line: 1174 }, // [N]
    release_mem_region_adjustable: { file: RES, line: 1236 }, // [D]
    __devm_request_region: { file: RES, line: 1413 }, // [N]

    // arch/x86/mm/init_64.c
    add_pages: { file: X86, line: 786 }, // [N]
    arch_add_memory: { file: X86, line: 801 }, // [N]
    arch_remove_memory: { file: X86, line: 1151 }, // [N]
    probe_memory_block_size: { file: X86, line: 1362 }, // [N]

    // mm/sparse.c
    online_mem_sections: { file: SPARSE, line: 606 }, // [N]
    offline_mem_sections: { file: SPARSE, line: 625 }, // [N]
    sparse_add_one_section: { file: SPARSE, line: 746 }, // [N]
    sparse_remove_one_section: { file: SPARSE, line: 851 }, // [N]

    // mm/page_alloc.c
    set_zone_contiguous: { file: PA, line: 1382 }, // [N]
    memmap_init_zone: { file: PA, line: 5460 }, // [N]
    init_currently_empty_zone: { file: PA, line: 5737 }, // [N]
    __offline_isolated_pages: { file: PA, line: 7974 }, // [N]

    // drivers/base/memory.c
    pages_correctly_probed: { file: MEMDEV, line: 194 }, // [N]
    memory_block_action: { file: MEMDEV, line: 234 }, // [N]
    store_mem_state: { file: MEMDEV, line: 321 }, // [N]
    show_valid_zones: { file: MEMDEV, line: 409 }, // [N]
    hotplug_memory_register: { file: MEMDEV, line: 719 }, // [N]
    unregister_memory_section: { file: MEMDEV, line: 783 }, // [N]

    // drivers/base/core.c
    device_online: { file: 'drivers/base/core.c', line: 2327 }, // [Dn]

    // headers
    page_to_nid: { file: 'include/linux/mm.h', line: 974 }, // [D]
    page_zone: { file: 'include/linux/mm.h', line: 1092 }, // [N]
    is_dev_zone: { file: 'include/linux/mmzone.h', line: 766 }, // [N]

    // kernel/memremap.c (ZONE_DEVICE lived in kernel/ until 5.0)
    devm_memremap_pages_release: { file: 'kernel/memremap.c', line: 116 }, // [N]
    devm_memremap_pages: { file: 'kernel/memremap.c', line: 170 }, // [N]
    vmem_altmap_offset: { file: 'kernel/memremap.c', line: 278 }, // [N]

    // mm/hmm.c
    hmm_devmem_release: { file: 'mm/hmm.c', line: 997 }, // [N]
    hmm_devmem_pages_create: { file: 'mm/hmm.c', line: 1028 }, // [N]
    hmm_devmem_add: { file: 'mm/hmm.c', line: 1163 }, // [N]
    hmm_devmem_add_resource: { file: 'mm/hmm.c', line: 1255 }, // [N]
    hmm_devmem_remove: { file: 'mm/hmm.c', line: 1325 }, // [N]

    // mm/vmstat.c
    zoneinfo_show_print: { file: 'mm/vmstat.c', line: 1542 }, // [N]
  },

  'v5.5-rc5': {
    // mm/memory_hotplug.c: all [N]. The v5.5-rc5 file itself is not in the
    // index, and no DepSurf build exists for 5.5.
    register_memory_resource: { file: MH, line: 102 }, // [N]
    __add_pages: { file: MH, line: 301 }, // [N]
    find_smallest_section_pfn: { file: MH, line: 347 }, // [N]
    find_biggest_section_pfn: { file: MH, line: 368 }, // [N]
    shrink_zone_span: { file: MH, line: 392 }, // [N]
    update_pgdat_span: { file: MH, line: 457 }, // [N]
    remove_pfn_range_from_zone: { file: MH, line: 486 }, // [N]
    __remove_section: { file: MH, line: 513 }, // [N]
    __remove_pages: { file: MH, line: 536 }, // [N]
    online_pages_range: { file: MH, line: 612 }, // [N]
    resize_zone_range: { file: MH, line: 671 }, // [N]
    resize_pgdat_range: { file: MH, line: 682 }, // [N]
    move_pfn_range_to_zone: { file: MH, line: 698 }, // [N]
    default_kernel_zone_for_pfn: { file: MH, line: 734 }, // [N]
    default_zone_for_pfn: { file: MH, line: 750 }, // [N]
    zone_for_pfn_range: { file: MH, line: 774 }, // [N]
    online_pages: { file: MH, line: 786 }, // [N]
    check_hotplug_memory_range: { file: MH, line: 1004 }, // [N]
    add_memory_resource: { file: MH, line: 1028 }, // [N]
    __add_memory: { file: MH, line: 1105 }, // [N]
    add_memory: { file: MH, line: 1120 }, // [N]
    __offline_pages: { file: MH, line: 1492 }, // [N]
    check_memblock_offlined_cb: { file: MH, line: 1653 }, // [N]
    try_offline_node: { file: MH, line: 1707 }, // [N]
    __release_memory_resource: { file: MH, line: 1741 }, // [N]
    try_remove_memory: { file: MH, line: 1761 }, // [N]
    __remove_memory: { file: MH, line: 1806 }, // [N]
    remove_memory: { file: MH, line: 1821 }, // [N]

    // kernel/resource.c
    r_show: { file: RES, line: 105 }, // [N]
    find_next_iomem_res: { file: RES, line: 341 }, // [N] (extra key, used by the walk_system_ram_range trace)
    walk_system_ram_range: { file: RES, line: 475 }, // [N]
    region_intersects: { file: RES, line: 536 }, // [D5.4]
    __adjust_resource: { file: RES, line: 935 }, // [N]
    __request_region: { file: RES, line: 1123 }, // [N]
    __release_region: { file: RES, line: 1191 }, // [N]
    release_mem_region_adjustable: { file: RES, line: 1253 }, // [N] (= DepSurf 5.4 value)
    __devm_request_region: { file: RES, line: 1446 }, // [N]

    // arch/x86/mm/init_64.c
    add_pages: { file: X86, line: 846 }, // [N]
    arch_add_memory: { file: X86, line: 861 }, // [N]
    arch_remove_memory: { file: X86, line: 1210 }, // [N]
    probe_memory_block_size: { file: X86, line: 1407 }, // [N]

    // mm/sparse.c
    online_mem_sections: { file: SPARSE, line: 611 }, // [N]
    offline_mem_sections: { file: SPARSE, line: 630 }, // [N]
    sparse_add_section: { file: SPARSE, line: 862 }, // [N]
    sparse_remove_section: { file: SPARSE, line: 923 }, // [N]

    // mm/page_alloc.c
    memmap_init_zone: { file: PA, line: 5881 }, // [N]
    memmap_init_zone_device: { file: PA, line: 5950 }, // [N]
    __offline_isolated_pages: { file: PA, line: 8663 }, // [N]

    // drivers/base/memory.c
    valid_zones_show: { file: MEMDEV, line: 392 }, // [N]
    create_memory_block_devices: { file: MEMDEV, line: 703 }, // [N]
    remove_memory_block_devices: { file: MEMDEV, line: 742 }, // [N]

    // mm/memremap.c (moved from kernel/ in 5.0)
    memunmap_pages: { file: 'mm/memremap.c', line: 103 }, // [N]
    memremap_pages: { file: 'mm/memremap.c', line: 157 }, // [N]
    devm_memremap_pages: { file: 'mm/memremap.c', line: 343 }, // [N]
    vmem_altmap_offset: { file: 'mm/memremap.c', line: 366 }, // [N]

    // mm/vmstat.c
    zoneinfo_show_print: { file: 'mm/vmstat.c', line: 1560 }, // [N]
  },
};
