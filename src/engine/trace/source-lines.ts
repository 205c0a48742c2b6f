/*
 * Kernel source line anchors for the trace view. For each tree, a function's name maps to the
 * line that carries its identifier in its definition, which is the line Elixir's #L anchors
 * use; `file` is relative to the tree root. Pure data module: no imports.
 *
 * Every number was read from a copy of the tree (tag on each entry):
 *  [S] v4.18.20: ememos/GiantVM@cfa54774b3564824dbfdb4be3b0f8d87bf33a9aa, under Linux-DSM-4.18/
 *  [R] v5.5-rc5: lnykww/linux5.5-rc5@3e83d3520615dd2720ee3896c25c619071cf205a (the same blobs as
 *      grandleaf/Linux5.5-rc5@c8cde153a0fc658d9e8248220f298d6eff5fe287, under Linux5.5-rc5/)
 *  [L] v6.1.192: Debian's linux-source-6.1 6.1.192-3 (the kernel the fixtures were recorded on)
 *  [D] v6.12.118: Debian's linux-source-6.12 6.12.118-1~deb12u1 (the kernel of fixtures/qemu-6.12)
 * How each copy was checked against the release, what an earlier table got wrong (its
 * v4.18.20 numbers came from an Ubuntu tree), and which names exist in which tree:
 * docs/source-lines.md, whose table `npm run docs:source-lines` generates from this file.
 */

export interface SourceLine {
  file: string;
  line: number;
}

export type SourceTree = 'v4.18.20' | 'v5.5-rc5' | 'v6.12.118';

const MH = 'mm/memory_hotplug.c';
const RES = 'kernel/resource.c';
const X86 = 'arch/x86/mm/init_64.c';
const SPARSE = 'mm/sparse.c';
const PA = 'mm/page_alloc.c';
const MEMDEV = 'drivers/base/memory.c';

export const SOURCE_LINES: Record<SourceTree, Record<string, SourceLine>> = {
  'v4.18.20': {
    // mm/memory_hotplug.c
    register_memory_resource: { file: MH, line: 100 }, // [S]
    release_memory_resource: { file: MH, line: 125 }, // [S]
    __add_section: { file: MH, line: 249 }, // [S]
    __add_pages: { file: MH, line: 273 }, // [S]
    find_smallest_section_pfn: { file: MH, line: 319 }, // [S]
    find_biggest_section_pfn: { file: MH, line: 344 }, // [S]
    shrink_zone_span: { file: MH, line: 371 }, // [S]
    shrink_pgdat_span: { file: MH, line: 439 }, // [S]
    __remove_zone: { file: MH, line: 505 }, // [S]
    __remove_section: { file: MH, line: 517 }, // [S]
    __remove_pages: { file: MH, line: 551 }, // [S]
    online_pages_range: { file: MH, line: 666 }, // [S]
    resize_zone_range: { file: MH, line: 760 }, // [S]
    resize_pgdat_range: { file: MH, line: 771 }, // [S]
    move_pfn_range_to_zone: { file: MH, line: 782 }, // [S]
    default_kernel_zone_for_pfn: { file: MH, line: 819 }, // [S]
    default_zone_for_pfn: { file: MH, line: 835 }, // [S]
    zone_for_pfn_range: { file: MH, line: 859 }, // [S]
    online_pages: { file: MH, line: 886 }, // [S]
    hotadd_new_pgdat: { file: MH, line: 983 }, // [S]
    check_hotplug_memory_range: { file: MH, line: 1076 }, // [S]
    add_memory_resource: { file: MH, line: 1100 }, // [S]
    add_memory: { file: MH, line: 1194 }, // [S]
    test_pages_in_a_zone: { file: MH, line: 1285 }, // [S]
    offline_isolated_pages_cb: { file: MH, line: 1457 }, // [S]
    offline_isolated_pages: { file: MH, line: 1465 }, // [S]
    __offline_pages: { file: MH, line: 1602 }, // [S]
    offline_pages: { file: MH, line: 1715 }, // [S]
    check_memblock_offlined_cb: { file: MH, line: 1771 }, // [S]
    try_offline_node: { file: MH, line: 1840 }, // [S]
    remove_memory: { file: MH, line: 1885 }, // [S]

    // kernel/resource.c
    r_show: { file: RES, line: 104 }, // [S]
    request_resource_conflict: { file: RES, line: 278 }, // [S]
    find_next_iomem_res: { file: RES, line: 328 }, // [S]
    walk_system_ram_range: { file: RES, line: 464 }, // [S]
    region_intersects: { file: RES, line: 527 }, // [S]
    remove_resource: { file: RES, line: 916 }, // [S]
    __adjust_resource: { file: RES, line: 927 }, // [S]
    __request_region: { file: RES, line: 1115 }, // [S]
    __release_region: { file: RES, line: 1174 }, // [S]
    release_mem_region_adjustable: { file: RES, line: 1236 }, // [S]
    __devm_request_region: { file: RES, line: 1413 }, // [S]
    __devm_release_region: { file: RES, line: 1439 }, // [S]

    // arch/x86/mm/init_64.c
    add_pages: { file: X86, line: 786 }, // [S]
    arch_add_memory: { file: X86, line: 801 }, // [S]
    kernel_physical_mapping_remove: { file: X86, line: 1143 }, // [S]
    arch_remove_memory: { file: X86, line: 1151 }, // [S]
    probe_memory_block_size: { file: X86, line: 1362 }, // [S]

    // arch/x86/mm/init.c
    init_memory_mapping: { file: 'arch/x86/mm/init.c', line: 460 }, // [S]

    // mm/sparse.c
    online_mem_sections: { file: SPARSE, line: 606 }, // [S]
    offline_mem_sections: { file: SPARSE, line: 625 }, // [S]
    sparse_add_one_section: { file: SPARSE, line: 746 }, // [S]
    sparse_remove_one_section: { file: SPARSE, line: 851 }, // [S]

    // mm/page_alloc.c
    set_zone_contiguous: { file: PA, line: 1382 }, // [S]
    clear_zone_contiguous: { file: PA, line: 1403 }, // [S]
    memmap_init_zone: { file: PA, line: 5460 }, // [S]
    init_currently_empty_zone: { file: PA, line: 5737 }, // [S]
    adjust_managed_page_count: { file: PA, line: 6921 }, // [S]
    __offline_isolated_pages: { file: PA, line: 7974 }, // [S]

    // mm/page_isolation.c
    start_isolate_page_range: { file: 'mm/page_isolation.c', line: 187 }, // [S]

    // mm/memblock.c
    memblock_add_node: { file: 'mm/memblock.c', line: 593 }, // [S]
    memblock_remove: { file: 'mm/memblock.c', line: 700 }, // [S]

    // drivers/base/memory.c
    pages_correctly_probed: { file: MEMDEV, line: 194 }, // [S]
    memory_block_action: { file: MEMDEV, line: 234 }, // [S]
    store_mem_state: { file: MEMDEV, line: 321 }, // [S]
    show_valid_zones: { file: MEMDEV, line: 409 }, // [S]
    hotplug_memory_register: { file: MEMDEV, line: 719 }, // [S]
    unregister_memory_section: { file: MEMDEV, line: 783 }, // [S]

    // drivers/base/node.c
    unregister_mem_sect_under_nodes: { file: 'drivers/base/node.c', line: 458 }, // [S]

    // drivers/base/core.c
    device_online: { file: 'drivers/base/core.c', line: 2318 }, // [S]

    // drivers/firmware/memmap.c
    firmware_map_add_hotplug: { file: 'drivers/firmware/memmap.c', line: 290 }, // [S]
    firmware_map_remove: { file: 'drivers/firmware/memmap.c', line: 353 }, // [S]

    // include/linux/mm.h
    page_to_nid: { file: 'include/linux/mm.h', line: 974 }, // [S]
    page_zone: { file: 'include/linux/mm.h', line: 1092 }, // [S]

    // include/linux/mmzone.h
    is_dev_zone: { file: 'include/linux/mmzone.h', line: 766 }, // [S] (the CONFIG_ZONE_DEVICE one; the stub follows)

    // kernel/memremap.c
    devm_memremap_pages_release: { file: 'kernel/memremap.c', line: 116 }, // [S]
    devm_memremap_pages: { file: 'kernel/memremap.c', line: 170 }, // [S]
    vmem_altmap_offset: { file: 'kernel/memremap.c', line: 278 }, // [S]

    // mm/hmm.c
    hmm_devmem_radix_release: { file: 'mm/hmm.c', line: 980 }, // [S]
    hmm_devmem_release: { file: 'mm/hmm.c', line: 995 }, // [S]
    hmm_devmem_pages_create: { file: 'mm/hmm.c', line: 1026 }, // [S]
    hmm_devmem_add: { file: 'mm/hmm.c', line: 1161 }, // [S]
    hmm_devmem_add_resource: { file: 'mm/hmm.c', line: 1253 }, // [S]
    hmm_devmem_remove: { file: 'mm/hmm.c', line: 1323 }, // [S]

    // mm/debug.c
    __dump_page: { file: 'mm/debug.c', line: 44 }, // [S]
    dump_page: { file: 'mm/debug.c', line: 90 }, // [S]

    // mm/vmstat.c
    zoneinfo_show_print: { file: 'mm/vmstat.c', line: 1542 }, // [S]
  },

  'v5.5-rc5': {
    // mm/memory_hotplug.c
    register_memory_resource: { file: MH, line: 102 }, // [R]
    release_memory_resource: { file: MH, line: 127 }, // [R]
    __add_pages: { file: MH, line: 301 }, // [R]
    find_smallest_section_pfn: { file: MH, line: 347 }, // [R]
    find_biggest_section_pfn: { file: MH, line: 368 }, // [R]
    shrink_zone_span: { file: MH, line: 392 }, // [R]
    update_pgdat_span: { file: MH, line: 457 }, // [R]
    remove_pfn_range_from_zone: { file: MH, line: 486 }, // [R]
    __remove_section: { file: MH, line: 513 }, // [R]
    __remove_pages: { file: MH, line: 536 }, // [R]
    online_pages_range: { file: MH, line: 612 }, // [R]
    resize_zone_range: { file: MH, line: 671 }, // [R]
    resize_pgdat_range: { file: MH, line: 682 }, // [R]
    move_pfn_range_to_zone: { file: MH, line: 698 }, // [R]
    default_kernel_zone_for_pfn: { file: MH, line: 734 }, // [R]
    default_zone_for_pfn: { file: MH, line: 750 }, // [R]
    zone_for_pfn_range: { file: MH, line: 774 }, // [R]
    online_pages: { file: MH, line: 786 }, // [R]
    hotadd_new_pgdat: { file: MH, line: 888 }, // [R]
    check_hotplug_memory_range: { file: MH, line: 1004 }, // [R]
    add_memory_resource: { file: MH, line: 1028 }, // [R]
    __add_memory: { file: MH, line: 1105 }, // [R]
    add_memory: { file: MH, line: 1120 }, // [R]
    test_pages_in_a_zone: { file: MH, line: 1212 }, // [R]
    offline_isolated_pages_cb: { file: MH, line: 1385 }, // [R]
    __offline_pages: { file: MH, line: 1492 }, // [R]
    offline_pages: { file: MH, line: 1648 }, // [R]
    check_memblock_offlined_cb: { file: MH, line: 1653 }, // [R]
    try_offline_node: { file: MH, line: 1707 }, // [R]
    __release_memory_resource: { file: MH, line: 1741 }, // [R]
    try_remove_memory: { file: MH, line: 1761 }, // [R]
    __remove_memory: { file: MH, line: 1806 }, // [R]
    remove_memory: { file: MH, line: 1821 }, // [R]

    // kernel/resource.c
    r_show: { file: RES, line: 105 }, // [R]
    request_resource_conflict: { file: RES, line: 279 }, // [R]
    find_next_iomem_res: { file: RES, line: 341 }, // [R]
    walk_system_ram_range: { file: RES, line: 475 }, // [R]
    region_intersects: { file: RES, line: 536 }, // [R]
    remove_resource: { file: RES, line: 924 }, // [R]
    __adjust_resource: { file: RES, line: 935 }, // [R]
    __request_region: { file: RES, line: 1123 }, // [R]
    __release_region: { file: RES, line: 1191 }, // [R]
    release_mem_region_adjustable: { file: RES, line: 1253 }, // [R]
    __devm_request_region: { file: RES, line: 1446 }, // [R]
    __devm_release_region: { file: RES, line: 1471 }, // [R]
    devm_request_free_mem_region: { file: RES, line: 1686 }, // [R]

    // arch/x86/mm/init_64.c
    add_pages: { file: X86, line: 846 }, // [R]
    arch_add_memory: { file: X86, line: 861 }, // [R]
    kernel_physical_mapping_remove: { file: X86, line: 1202 }, // [R]
    arch_remove_memory: { file: X86, line: 1210 }, // [R]
    probe_memory_block_size: { file: X86, line: 1407 }, // [R]

    // arch/x86/mm/init.c
    init_memory_mapping: { file: 'arch/x86/mm/init.c', line: 469 }, // [R]

    // mm/sparse.c
    online_mem_sections: { file: SPARSE, line: 611 }, // [R]
    offline_mem_sections: { file: SPARSE, line: 630 }, // [R]
    sparse_add_section: { file: SPARSE, line: 862 }, // [R]
    sparse_remove_section: { file: SPARSE, line: 923 }, // [R]

    // mm/page_alloc.c
    set_zone_contiguous: { file: PA, line: 1550 }, // [R]
    clear_zone_contiguous: { file: PA, line: 1571 }, // [R]
    memmap_init_zone: { file: PA, line: 5881 }, // [R]
    memmap_init_zone_device: { file: PA, line: 5950 }, // [R]
    init_currently_empty_zone: { file: PA, line: 6211 }, // [R]
    adjust_managed_page_count: { file: PA, line: 7476 }, // [R]
    __offline_isolated_pages: { file: PA, line: 8663 }, // [R]

    // mm/page_isolation.c
    start_isolate_page_range: { file: 'mm/page_isolation.c', line: 194 }, // [R]

    // mm/memblock.c
    memblock_add_node: { file: 'mm/memblock.c', line: 676 }, // [R]
    memblock_remove: { file: 'mm/memblock.c', line: 794 }, // [R]

    // drivers/base/memory.c
    pages_correctly_probed: { file: MEMDEV, line: 188 }, // [R]
    memory_block_action: { file: MEMDEV, line: 227 }, // [R]
    state_store: { file: MEMDEV, line: 313 }, // [R]
    valid_zones_show: { file: MEMDEV, line: 392 }, // [R]
    create_memory_block_devices: { file: MEMDEV, line: 703 }, // [R]
    remove_memory_block_devices: { file: MEMDEV, line: 742 }, // [R]

    // drivers/base/core.c
    device_online: { file: 'drivers/base/core.c', line: 2981 }, // [R]

    // drivers/firmware/memmap.c
    firmware_map_add_hotplug: { file: 'drivers/firmware/memmap.c', line: 281 }, // [R]
    firmware_map_remove: { file: 'drivers/firmware/memmap.c', line: 345 }, // [R]

    // include/linux/mm.h
    page_to_nid: { file: 'include/linux/mm.h', line: 1083 }, // [R]
    page_zone: { file: 'include/linux/mm.h', line: 1227 }, // [R]

    // mm/memremap.c
    devm_memremap_pages_release: { file: 'mm/memremap.c', line: 139 }, // [R]
    memunmap_pages: { file: 'mm/memremap.c', line: 103 }, // [R]
    memremap_pages: { file: 'mm/memremap.c', line: 157 }, // [R]
    devm_memremap_pages: { file: 'mm/memremap.c', line: 343 }, // [R]
    vmem_altmap_offset: { file: 'mm/memremap.c', line: 366 }, // [R]

    // drivers/dax/kmem.c
    dev_dax_kmem_probe: { file: 'drivers/dax/kmem.c', line: 17 }, // [R]
    dev_dax_kmem_remove: { file: 'drivers/dax/kmem.c', line: 80 }, // [R] (the CONFIG_MEMORY_HOTREMOVE one; the stub follows)

    // mm/debug.c
    __dump_page: { file: 'mm/debug.c', line: 45 }, // [R]
    dump_page: { file: 'mm/debug.c', line: 109 }, // [R]

    // mm/vmstat.c
    zoneinfo_show_print: { file: 'mm/vmstat.c', line: 1560 }, // [R]
  },
  'v6.12.118': {
    // mm/memory_hotplug.c
    register_memory_resource: { file: MH, line: 273 }, // [D]
    __add_pages: { file: MH, line: 388 }, // [D]
    find_smallest_section_pfn: { file: MH, line: 433 }, // [D]
    find_biggest_section_pfn: { file: MH, line: 454 }, // [D]
    shrink_zone_span: { file: MH, line: 478 }, // [D]
    update_pgdat_span: { file: MH, line: 518 }, // [D]
    remove_pfn_range_from_zone: { file: MH, line: 546 }, // [D]
    __remove_pages: { file: MH, line: 593 }, // [D]
    online_pages_range: { file: MH, line: 658 }, // [D]
    resize_zone_range: { file: MH, line: 719 }, // [D]
    resize_pgdat_range: { file: MH, line: 730 }, // [D]
    move_pfn_range_to_zone: { file: MH, line: 764 }, // [D]
    auto_movable_can_online_movable: { file: MH, line: 857 }, // [D]
    auto_movable_zone_for_pfn: { file: MH, line: 978 }, // [D]
    zone_for_pfn_range: { file: MH, line: 1063 }, // [D]
    adjust_present_page_count: { file: MH, line: 1083 }, // [D]
    mhp_init_memmap_on_memory: { file: MH, line: 1104 }, // [D]
    mhp_deinit_memmap_on_memory: { file: MH, line: 1143 }, // [D]
    online_pages: { file: MH, line: 1166 }, // [D]
    hotadd_init_pgdat: { file: MH, line: 1256 }, // [D]
    check_hotplug_memory_range: { file: MH, line: 1329 }, // [D]
    mhp_supports_memmap_on_memory: { file: MH, line: 1360 }, // [D]
    remove_memory_blocks_and_altmaps: { file: MH, line: 1410 }, // [D]
    create_altmaps_and_memory_blocks: { file: MH, line: 1443 }, // [D]
    add_memory_resource: { file: MH, line: 1499 }, // [D]
    __add_memory: { file: MH, line: 1606 }, // [D]
    add_memory: { file: MH, line: 1621 }, // [D]
    add_memory_driver_managed: { file: MH, line: 1654 }, // [D]
    offline_pages: { file: MH, line: 1961 }, // [D]
    check_memblock_offlined_cb: { file: MH, line: 2144 }, // [D]
    try_offline_node: { file: MH, line: 2209 }, // [D]
    memory_blocks_have_altmaps: { file: MH, line: 2242 }, // [D]
    try_remove_memory: { file: MH, line: 2262 }, // [D]
    __remove_memory: { file: MH, line: 2324 }, // [D]
    remove_memory: { file: MH, line: 2339 }, // [D]

    // kernel/resource.c
    r_show: { file: RES, line: 100 }, // [D]
    request_resource_conflict: { file: RES, line: 257 }, // [D]
    find_next_iomem_res: { file: RES, line: 322 }, // [D]
    walk_system_ram_range: { file: RES, line: 505 }, // [D]
    region_intersects: { file: RES, line: 629 }, // [D]
    remove_resource: { file: RES, line: 1008 }, // [D]
    __adjust_resource: { file: RES, line: 1019 }, // [D]
    __request_region: { file: RES, line: 1308 }, // [D]
    __release_region: { file: RES, line: 1342 }, // [D]
    release_mem_region_adjustable: { file: RES, line: 1401 }, // [D]
    __devm_request_region: { file: RES, line: 1652 }, // [D]
    __devm_release_region: { file: RES, line: 1677 }, // [D]
    devm_request_free_mem_region: { file: RES, line: 2015 }, // [D]

    // arch/x86/mm/init_64.c
    add_pages: { file: X86, line: 976 }, // [D]
    arch_add_memory: { file: X86, line: 1004 }, // [D]
    kernel_physical_mapping_remove: { file: X86, line: 1288 }, // [D]
    arch_remove_memory: { file: X86, line: 1296 }, // [D]
    probe_memory_block_size: { file: X86, line: 1466 }, // [D]

    // arch/x86/mm/init.c
    init_memory_mapping: { file: 'arch/x86/mm/init.c', line: 537 }, // [D]

    // mm/sparse-vmemmap.c: 6.12.y keeps the SPARSEMEM_VMEMMAP hotplug code here (mm/sparse.c has the other one)
    online_mem_sections: { file: 'mm/sparse-vmemmap.c', line: 517 }, // [D]
    offline_mem_sections: { file: 'mm/sparse-vmemmap.c', line: 530 }, // [D]
    sparse_add_section: { file: 'mm/sparse-vmemmap.c', line: 770 }, // [D]
    sparse_remove_section: { file: 'mm/sparse-vmemmap.c', line: 804 }, // [D]

    // mm/mm_init.c, mm/internal.h, mm/page_alloc.c
    memmap_init_range: { file: 'mm/mm_init.c', line: 864 }, // [D]
    memmap_init_zone_device: { file: 'mm/mm_init.c', line: 1077 }, // [D]
    init_currently_empty_zone: { file: 'mm/mm_init.c', line: 1419 }, // [D]
    set_zone_contiguous: { file: 'mm/mm_init.c', line: 2276 }, // [D]
    clear_zone_contiguous: { file: 'mm/internal.h', line: 655 }, // [D]
    adjust_managed_page_count: { file: PA, line: 5938 }, // [D]
    __offline_isolated_pages: { file: PA, line: 6999 }, // [D]

    // mm/page_isolation.c
    start_isolate_page_range: { file: 'mm/page_isolation.c', line: 504 }, // [D]

    // drivers/base/memory.c
    memory_block_online: { file: MEMDEV, line: 186 }, // [D]
    memory_block_offline: { file: MEMDEV, line: 257 }, // [D]
    state_store: { file: MEMDEV, line: 378 }, // [D]
    valid_zones_show: { file: MEMDEV, line: 449 }, // [D]
    create_memory_block_devices: { file: MEMDEV, line: 871 }, // [D]
    remove_memory_block_devices: { file: MEMDEV, line: 910 }, // [D]
    memory_group_register_static: { file: MEMDEV, line: 1116 }, // [D]
    memory_group_unregister: { file: MEMDEV, line: 1174 }, // [D]

    // drivers/firmware/memmap.c
    firmware_map_add_hotplug: { file: 'drivers/firmware/memmap.c', line: 282 }, // [D]
    firmware_map_remove: { file: 'drivers/firmware/memmap.c', line: 346 }, // [D]

    // include/linux/mm.h
    page_to_nid: { file: 'include/linux/mm.h', line: 1635 }, // [D]
    page_zone: { file: 'include/linux/mm.h', line: 1856 }, // [D]

    // mm/memremap.c
    memunmap_pages: { file: 'mm/memremap.c', line: 137 }, // [D]
    devm_memremap_pages_release: { file: 'mm/memremap.c', line: 158 }, // [D]
    memremap_pages: { file: 'mm/memremap.c', line: 292 }, // [D]
    devm_memremap_pages: { file: 'mm/memremap.c', line: 403 }, // [D]

    // drivers/dax/kmem.c
    dev_dax_kmem_probe: { file: 'drivers/dax/kmem.c', line: 68 }, // [D]
    dev_dax_kmem_remove: { file: 'drivers/dax/kmem.c', line: 202 }, // [D] (the CONFIG_MEMORY_HOTREMOVE one; the stub follows)

    // mm/debug.c
    __dump_page: { file: 'mm/debug.c', line: 123 }, // [D]
    dump_page: { file: 'mm/debug.c', line: 165 }, // [D]

    // mm/vmstat.c
    zoneinfo_show_print: { file: 'mm/vmstat.c', line: 1729 }, // [D]
  },
};

/**
 * The engine runs the kmem driver as the fixtures' kernel has it (src/engine/drivers/kmem.ts)
 * under every variant, so these names are traced under trees that lack them; they link here
 * when the variant's tree has no line for them.
 */
export const LATER_TREE = 'v6.1.192';

export const LATER_LINES: Record<string, SourceLine> = {
  dev_dax_kmem_probe: { file: 'drivers/dax/kmem.c', line: 53 }, // [L]
  dev_dax_kmem_remove: { file: 'drivers/dax/kmem.c', line: 175 }, // [L] (the CONFIG_MEMORY_HOTREMOVE one; the stub follows)
  add_memory_driver_managed: { file: MH, line: 1481 }, // [L]
};
