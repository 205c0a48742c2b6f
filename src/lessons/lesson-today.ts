/**
 * Lesson 6 (issue 13 item 7): the story brought forward. The seed's cases (a DIMM's
 * lifecycle, HMM device-private memory, add-never-online-remove) under v6.12, contrasted with
 * v4.18 and RFC v1: where the resource is released now, when spans shrink, what ZONE_DEVICE
 * runs, and what memmap_on_memory changed (a setting the student switches).
 */
import { CONFIG, G, M, QEMU_MACHINE } from './machines';
import { bugged, findingMessage, hasFinding, iomemLines, retOf, retPhrase, spanShrank, spanText, zoneOf } from './grade';
import { fnLink, THREAD, threadSource } from './refs';
import type { GradeContext, Lesson } from './types';

const B = 128 * M;
const DIMM = 0x100000000;
/** the uninitialised memmap was read by `fn` (the finding's message names the reader first) */
const readBy = (c: GradeContext, fn: string) => findingMessage(c, 'uninitialized-memmap-read')?.startsWith(`${fn}()`) ?? false;
const movable = (c: GradeContext) => zoneOf(c.after, 'Movable');

export const LESSON_TODAY: Lesson = {
  id: 'today',
  number: 6,
  title: 'The 2018 questions under today\u2019s kernel, v6.12',
  summary:
    'A DIMM\u2019s lifecycle, HMM device-private memory and the cover letter\u2019s never-onlined removal, under v6.12 beside v4.18 and RFC v1: where the resource is released now, when spans shrink, what ZONE_DEVICE runs, and what memmap_on_memory changes in the zone\u2019s counters.',
  scenario: {
    title: 'Lesson 6: the 2018 questions under v6.12',
    kernel: 'v6.12',
    arch: 'x86_64',
    config: CONFIG,
    machine: QEMU_MACHINE,
    steps: [
      { op: 'add_memory', nid: 0, start: DIMM, size: G },
      { op: 'online', start: DIMM, size: G, as: 'online_movable' },
      { op: 'offline', start: DIMM, size: G },
      { op: 'remove_memory', nid: 0, start: DIMM, size: G },
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * M, type: 'private' },
      { op: 'hmm_devmem_remove', dev: 'gpu0' },
      { op: 'add_memory', nid: 0, start: DIMM, size: B },
      { op: 'remove_memory', nid: 0, start: DIMM, size: B },
    ],
    cursor: 0,
  },
  kernels: ['v6.12', 'v4.18', 'rfc-v1'],
  key: { step: 4, kernel: 'v6.12', label: 'v6.12 releases the System RAM resource in try_remove_memory(), after the sections are gone, and never in __remove_pages()' },
  steps: [
    {
      step: 0,
      title: 'The 2018 questions, asked of v6.12',
      body: [
        'The other lessons run the kernels of the August 2018 review and v5.5. This one asks the same questions of **v6.12**: the engine\u2019s v6.12 is Debian\u2019s 6.12.118, written as what changed since v5.5 and checked against recordings of that kernel in QEMU (kernel notes 6.12, \u00a70 and \u00a72).',
        'The questions: who releases the [[iomem resource]] of memory that is removed ([RFC v1, patch 2/3](' +
          THREAD.rfcV1Patch2 +
          ') did it in {~__remove_pages@rfc-v1}); when a zone\u2019s [[span]] shrinks; what becomes of [[ZONE_DEVICE]] memory from [[HMM]]; and one the review did not have: where the [[memmap]] of hot-added memory lives.',
        'Steps 1 to 4 are those of the recorded 6.12 run A612: a 1 GiB DIMM at 4 GiB added, onlined movable, offlined and removed. The engine\u2019s v6.12 golden test (`src/engine/golden-6.12.test.ts`) replays them on the recorded machine and matches /proc/iomem, /proc/zoneinfo and the memory blocks of captures A612_01 to A612_04. This page runs them on the app\u2019s default QEMU machine, recorded under 6.1, whose boot listing differs from 6.12\u2019s only in the kernel image lines and a Local APIC line (kernel notes 6.12, \u00a71).',
        'The lesson opens under **v6.12**. Press **Next ▶** to add the DIMM.',
      ],
    },
    {
      step: 1,
      title: 'add_memory(): the DIMM, and where its memmap goes',
      body: [
        {
          kernels: ['v6.12'],
          text: '{__add_memory@v6.12} registered {{iomem-at:100000000}} with {register_memory_resource@v6.12} and created the [[memory block]]s memory32 to memory39, offline. It asks for `MHP_MEMMAP_ON_MEMORY`, as ACPI\u2019s hot-add does, and {mhp_supports_memmap_on_memory@v6.12} decides whether that applies (its decision is in the trace).',
        },
        {
          kernels: ['v6.12'],
          memmapOnMemory: false,
          text: 'The option is off, so each [[section]]\u2019s memmap is allocated from other memory, as in 2018.',
        },
        {
          kernels: ['v6.12'],
          memmapOnMemory: true,
          text: 'The option is on: {create_altmaps_and_memory_blocks@v6.12} adds the DIMM block by block, each 128 MiB block with its own memmap in its first pages (`mem->altmap`).',
        },
        { kernels: ['v4.18', 'rfc-v1'], text: '{add_memory} registered {{iomem-at:100000000}} with {register_memory_resource} and created the [[memory block]]s memory32 to memory39, offline; each [[section]]\u2019s memmap is allocated from other memory.' },
        {
          kernels: ['v4.18', 'rfc-v1'],
          memmapOnMemory: true,
          text: 'This kernel has no such option: the setting changes nothing under it.',
        },
        '[[memmap_on_memory]] (`memory_hotplug.memmap_on_memory`, a boot option v6.12 reads) is a setting you can switch here and at the next step. Switch it if you like, then predict what the onlining does to Movable\u2019s present and [[managed pages]].',
      ],
      setting: 'memmap_on_memory',
    },
    {
      step: 2,
      title: 'online_movable: present and managed pages',
      body: [
        {
          kernels: ['v6.12'],
          text: '{memory_block_online@v6.12} onlines each block into Movable with {online_pages@v6.12}. Movable now spans {{spanned:Movable}} pages from pfn {{start_pfn:Movable}}, present {{present:Movable}}, [[managed pages]] {{managed:Movable}}.',
        },
        { kernels: ['v6.12'], memmapOnMemory: false, text: 'These are the numbers of capture A612_02. Turn memmap_on_memory on to see what changes.' },
        {
          kernels: ['v6.12'],
          memmapOnMemory: true,
          text: 'Before the rest of each block, {mhp_init_memmap_on_memory@v6.12} moves the block\u2019s own memmap pages into Movable: they are present, but never given to the page allocator. So {{unmanaged:Movable}} pages of Movable, the eight blocks\u2019 struct pages, are present and not managed: the numbers of the recorded run M (capture M02; the golden test checks them).',
        },
        { kernels: ['v4.18', 'rfc-v1'], text: '{online_pages} moves the blocks into Movable: spanned {{spanned:Movable}}, present {{present:Movable}}, [[managed pages]] {{managed:Movable}}.' },
      ],
      setting: 'memmap_on_memory',
    },
    {
      step: 3,
      title: 'offline: when the span shrinks now',
      body: [
        {
          kernels: ['v6.12'],
          text: 'Movable is empty again: spanned {{spanned:Movable}}. {offline_pages@v6.12} calls {remove_pfn_range_from_zone@v6.12}, and {shrink_zone_span@v6.12} finds no online section left in the zone. This offline-time shrink is not Oscar\u2019s 2018 code: upstream merged its own as feee6b298916 (late 2019), and 6.12 still shrinks at offline, at a zone\u2019s edges only (kernel notes 6.12 \u00a72, run K612). Nothing reaches the log: 6.12 reports the offline with pr_debug.',
        },
        { kernels: ['v6.12'], memmapOnMemory: true, text: 'The memmap pages leave the zone last, in {mhp_deinit_memmap_on_memory@v6.12}.' },
        {
          kernels: ['rfc-v1'],
          text: 'RFC v1 shrinks at offline too: {__offline_pages@rfc-v1} calls {__shrink_pages@rfc-v1}, and Movable is spanned {{spanned:Movable}}. It logs {{log:Offlined Pages}} for each block.',
        },
        { kernels: ['v4.18'], text: 'v4.18 shrinks nothing at offline: Movable keeps spanned {{spanned:Movable}} with present {{present:Movable}}, until removal runs {~__remove_zone@v4.18}.' },
      ],
      switchTo: [
        { kernel: 'v4.18', label: 'Compare with v4.18' },
        { kernel: 'v6.12', label: 'Back to v6.12' },
      ],
    },
    {
      step: 4,
      title: 'remove_memory(): where the resource is released now',
      body: [
        {
          kernels: ['v6.12'],
          text: '{try_remove_memory@v6.12} removes the memory blocks ({remove_memory_block_devices}), then {arch_remove_memory@v6.12} tears down the sections with {__remove_pages@v6.12}, which touches no resource. Only then does {release_mem_region_adjustable@v6.12} release the `System RAM` line: the order d9eb1417c77d brought in v5.2, after the sections are gone.',
        },
        { kernels: ['v6.12'], memmapOnMemory: true, text: 'With memmap_on_memory, {remove_memory_blocks_and_altmaps@v6.12} does this block by block, each memmap going with its block.' },
        {
          kernels: ['v6.12'],
          text: 'And the [[IORESOURCE_SYSRAM]] back-off of RFC v2, merged in 2018 as 65c78784135f, is gone from 6.12\u2019s release_mem_region_adjustable(): e686c32590f4 ("dax/kmem: Fix leak of memory-hotplug resources", 2023) removed it (docs/engine-notes.md). Device memory does not need it, because no device path calls the function any more.',
        },
        { kernels: ['v4.18'], text: 'v4.18 releases the resource first, in {__remove_pages@v4.18} ({release_mem_region_adjustable}), and shrinks the span only now, in {__remove_zone@v4.18}.' },
        { kernels: ['rfc-v1'], text: 'RFC v1 releases it in {__remove_pages@rfc-v1} with {release_mem_region_adjustable@rfc-v1}, because this range has no [[altmap]]: the test the next two steps put to device memory.' },
      ],
    },
    {
      step: 5,
      title: 'HMM device-private memory in 6.12',
      body: [
        {
          kernels: ['v6.12'],
          text: '6.12 has no hmm_devmem API: it went before v5.5 (kernel notes \u00a78). The engine runs what a driver does instead, as for v5.5: {devm_request_free_mem_region} claims {{iomem:gpu0}} for gpu0, and {memremap_pages} adds the pages to ZONE_DEVICE as MEMORY_DEVICE_PRIVATE, with no altmap. The Device zone spans {{spanned:Device}} pages.',
        },
        { kernels: ['v4.18', 'rfc-v1'], text: '{hmm_devmem_add} claims {{iomem:gpu0}} for gpu0 with {__devm_request_region} and adds its sections to ZONE_DEVICE with no altmap: the Device zone spans {{spanned:Device}} pages.' },
      ],
    },
    {
      step: 6,
      title: 'gpu0 removes its memory',
      body: [
        {
          kernels: ['v6.12'],
          text: '{memunmap_pages@v6.12} tears down the sections with {__remove_pages@v6.12}, which touches no resource, and the driver releases its own region ({__devm_release_region}). The Device zone keeps its span of {{spanned:Device}} pages: 6.12 still never shrinks ZONE_DEVICE spans (kernel notes 6.12 \u00a72, run B612), and the engine reports nothing for it.',
        },
        {
          kernels: ['v4.18'],
          text: 'In v4.18, {__remove_pages@v4.18} asks `is_dev_zone()` and leaves the resource to its owner; the driver releases it ({__devm_release_region}), and {__remove_zone@v4.18} shrinks the Device zone to {{spanned:Device}} pages.',
        },
        {
          kernels: ['rfc-v1'],
          text: 'Under RFC v1, {__remove_pages@rfc-v1} sees no altmap and {release_mem_region_adjustable@rfc-v1} frees gpu0\u2019s entry while gpu0 still owns it; {hmm_devmem_radix_release} then reads the freed `struct resource`, and the driver\u2019s own release finds nothing: {{log:Trying to free}}.',
        },
      ],
      findings: { 'rfc-v1': ['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release', 'stale-zone-span'] },
      switchTo: [
        { kernel: 'rfc-v1', label: 'Compare with RFC v1' },
        { kernel: 'v6.12', label: 'Back to v6.12' },
      ],
    },
    {
      step: 7,
      title: 'The cover letter\u2019s case: a block added and never onlined',
      body: ['Block 32 is added again, on its own: {{iomem-at:100000000}}, offline. Nobody onlines it, so nothing ever initialises its struct pages, and with `debug_vm` on their memmap is [[poisoned]].'],
    },
    {
      step: 8,
      title: 'remove_memory() of the never-onlined block, and where the questions stand',
      body: [
        {
          kernels: ['v6.12'],
          text: 'v6.12, like v5.5, passes the nid down and reads no struct page of block 32: {try_remove_memory@v6.12} removes it and remove_memory() returns {{ret}}. The node links go by the memory block\u2019s own nid since d84f2f5a7552 (2019), not by Oscar\u2019s RFC v3 rework, which never landed (kernel notes proposals \u00a73).',
        },
        { kernels: ['v4.18'], text: 'v4.18 reads the zone from block 32\u2019s first struct page in {arch_remove_memory@v4.18} and BUGs: {{bug}}.' },
        { kernels: ['rfc-v1'], text: 'RFC v1 no longer reads the zone, but {unregister_mem_sect_under_nodes} still reads the poisoned struct pages, and the kernel BUGs: {{bug}}.' },
        'Where the 2018 questions stand in 6.12: the resource of hot-added RAM is released by try_remove_memory(), after the sections, and device memory\u2019s by its driver, never by __remove_pages(); spans shrink at offline; ZONE_DEVICE memory comes through memremap_pages() and its span only grows; and with memmap_on_memory a block can carry its own memmap, present but never managed.',
      ],
      findings: { 'v4.18': ['uninitialized-memmap-read', 'kernel-bug'], 'rfc-v1': ['uninitialized-memmap-read', 'kernel-bug'] },
      switchTo: [
        { kernel: 'v4.18', label: 'Compare with v4.18' },
        { kernel: 'rfc-v1', label: 'Compare with RFC v1' },
        { kernel: 'v6.12', label: 'Back to v6.12' },
      ],
    },
  ],
  predictions: [
    {
      step: 2,
      question: 'The eight blocks are onlined movable under the kernel shown, with memmap_on_memory as set. How do Movable\u2019s present and managed pages compare afterwards?',
      choices: [
        { id: 'equal', label: 'Equal: every present page is handed to the page allocator', holds: (c) => movable(c).presentPages > 0 && movable(c).managedPages === movable(c).presentPages },
        { id: 'less', label: 'Managed is lower: some present pages hold the blocks\u2019 own memmap and are never handed over', holds: (c) => movable(c).managedPages < movable(c).presentPages },
      ],
      observe: (c) => {
        const z = movable(c);
        const kept = z.presentPages - z.managedPages;
        return `Under ${c.run.kernel}, Movable is spanned ${z.spannedPages}, present ${z.presentPages}, managed ${z.managedPages}${kept ? `: ${kept} present pages were never handed to the page allocator` : ''}.`;
      },
      expect: { 'v6.12': 'equal', 'v4.18': 'equal', 'rfc-v1': 'equal' },
    },
    {
      step: 3,
      question: 'All eight blocks go offline. Will the Movable span shrink now? (Afterwards, compare it side by side with v4.18.)',
      choices: [
        { id: 'empty', label: 'Yes: the zone becomes empty (spanned 0)', holds: (c) => movable(c).spannedPages === 0 },
        { id: 'stays', label: 'No: it keeps its span until the memory is removed', holds: (c) => !spanShrank(c, 'Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable went from ${spanText(zoneOf(c.before, 'Movable'))} to ${spanText(movable(c))}.`,
      expect: { 'v6.12': 'empty', 'v4.18': 'stays', 'rfc-v1': 'empty' },
      contrast: 'v4.18',
    },
    {
      step: 6,
      question: 'gpu0\u2019s device-private memory has no altmap. Under the kernel shown, who takes gpu0\u2019s line out of /proc/iomem when it removes its memory? (Afterwards, compare it with RFC v1.)',
      choices: [
        { id: 'driver', label: 'The driver\u2019s own release, after its pages are gone', holds: (c) => iomemLines(c.after, 'gpu0').length === 0 && !hasFinding(c, 'resource-released-while-owned') },
        { id: 'core', label: 'The core hotplug code, while the driver still owns it', holds: (c) => hasFinding(c, 'resource-released-while-owned') },
        { id: 'nobody', label: 'Nobody: the line stays in /proc/iomem', holds: (c) => iomemLines(c.after, 'gpu0').length > 0 },
      ],
      observe: (c) => {
        const freed = findingMessage(c, 'resource-released-while-owned');
        if (freed) return `Under ${c.run.kernel}: ${freed}`;
        const left = iomemLines(c.after, 'gpu0');
        return left.length ? `Under ${c.run.kernel}, /proc/iomem still lists ${left.join(', ')}.` : `Under ${c.run.kernel}, the core hotplug code left gpu0\u2019s resource alone and the driver\u2019s release took the line out. The Device zone is ${spanText(zoneOf(c.after, 'Device'))}.`;
      },
      expect: { 'v6.12': 'driver', 'v4.18': 'driver', 'rfc-v1': 'core' },
      contrast: 'rfc-v1',
    },
    {
      step: 8,
      question: 'Block 32 was never onlined. What does remove_memory() do under the kernel shown? (Afterwards, compare it with v4.18.)',
      choices: [
        { id: 'ok', label: 'Removes it cleanly and returns 0', holds: (c) => !bugged(c) && retOf(c) === 0 && !hasFinding(c, 'uninitialized-memmap-read') },
        { id: 'zone', label: 'BUGs reading the zone from its first struct page in arch_remove_memory()', holds: (c) => bugged(c) && readBy(c, 'arch_remove_memory') },
        { id: 'deeper', label: 'BUGs in another part of removal that still reads the uninitialised struct pages', holds: (c) => bugged(c) && hasFinding(c, 'uninitialized-memmap-read') && !readBy(c, 'arch_remove_memory') },
      ],
      observe: (c) => {
        const read = findingMessage(c, 'uninitialized-memmap-read');
        return `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)}.${read ? ` ${read}` : ' No struct page of block 32 was read.'}`;
      },
      expect: { 'v6.12': 'ok', 'v4.18': 'zone', 'rfc-v1': 'deeper' },
      contrast: 'v4.18',
    },
  ],
  sources: [
    { label: 'Recorded Linux 6.12 QEMU runs A612 and M (fixtures/qemu-6.12/), reproduced by the v6.12 golden test' },
    threadSource('rfcV1Cover', 'cover letter'),
    threadSource('rfcV1Patch2'),
    { label: 'try_remove_memory() in v6.12.118 (mm/memory_hotplug.c)', url: fnLink('v6.12', 'try_remove_memory').url },
    { label: 'release_mem_region_adjustable() in v6.12.118 (kernel/resource.c)', url: fnLink('v6.12', 'release_mem_region_adjustable').url },
    { label: 'mhp_supports_memmap_on_memory() in v6.12.118 (mm/memory_hotplug.c)', url: fnLink('v6.12', 'mhp_supports_memmap_on_memory').url },
  ],
};
