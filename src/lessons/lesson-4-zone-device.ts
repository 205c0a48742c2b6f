/**
 * Lesson 4 (kernel notes S5): why ZONE_DEVICE removal must skip
 * release_mem_region_adjustable. HMM device-private and coherent memory under all four
 * kernels; RFC v1 frees a resource its driver still owns.
 */
import { CONFIG, M, QEMU_MACHINE } from './machines';
import { findingMessage, hasFinding, iomemLines, retOf, retPhrase, spanText, zoneOf } from './grade';
import { THREAD, threadSource } from './refs';
import type { Lesson } from './types';

/** the platform's coherent range, as the engine names it in /proc/iomem */
const CDM = 'gpu1 CDM';

export const LESSON_ZONE_DEVICE: Lesson = {
  id: 'zone-device-resource',
  number: 4,
  title: 'Why ZONE_DEVICE removal must not release a resource the core did not request',
  summary:
    'A GPU driver adds device-private memory with HMM, then removes it. Under RFC v1 the core hotplug code frees the iomem resource the driver still owns; see how v4.18, RFC v2 and v5.5 avoid it, and what happens to the platform\u2019s coherent memory and the next driver.',
  scenario: {
    title: 'Lesson 4: HMM device memory and its iomem resource',
    kernel: 'rfc-v1',
    arch: 'x86_64',
    config: CONFIG,
    machine: QEMU_MACHINE,
    steps: [
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * M, type: 'private' },
      { op: 'hmm_devmem_remove', dev: 'gpu0' },
      { op: 'hmm_devmem_add', dev: 'gpu1', nid: 0, size: 256 * M, type: 'public' },
      { op: 'hmm_devmem_remove', dev: 'gpu1' },
      { op: 'request_mem_region', dev: 'nic1', start: 0x3ffff0000000, size: 256 * M, name: 'nic1-bar' },
    ],
    cursor: 0,
  },
  kernels: ['rfc-v1', 'v4.18', 'rfc-v2', 'v5.5'],
  key: { step: 2, kernel: 'rfc-v1', finding: 'resource-released-while-owned', label: 'RFC v1 frees gpu0\u2019s resource while gpu0 still owns it' },
  steps: [
    {
      step: 0,
      title: 'A GPU driver and memory that is not RAM',
      body: [
        'A GPU driver uses [[HMM]] (heterogeneous memory management) to give its on-board memory [[struct page]]s. The memory is **device-private**: the CPU cannot address it, so it goes into [[ZONE_DEVICE]] and never becomes System RAM. HMM core code (mm/hmm.c) claims the physical range on the driver\u2019s behalf, as a [[devres]] of the driver\u2019s device, so the [[iomem resource]] is the driver\u2019s, not the hotplug core\u2019s.',
        'In August 2018 Oscar Salvador proposed moving zone handling out of the memory-removal path ([RFC v1, patch 2/3](' +
          THREAD.rfcV1Patch2 +
          ')). In that patch, {~__remove_pages@rfc-v1} decides whether to release the iomem resource by looking at the [[altmap]]: no altmap, release it. Jerome Glisse [replied](' +
          THREAD.jeromeReply +
          ') to that test with an objection; step 2 shows what it was.',
        'The scenario runs under **RFC v1**. Press **Next ▶** (or →) to add the GPU\u2019s memory, or **Jump to the key moment** where it goes wrong.',
      ],
    },
    {
      step: 1,
      title: 'hmm_devmem_add(): a resource the driver owns',
      body: [
        {
          kernels: ['v4.18', 'rfc-v1', 'rfc-v2'],
          text: '{hmm_devmem_add} found the highest free 256 MiB window below 2^46 and claimed it with {__devm_request_region}: {{iomem:gpu0}} is now a top-level line of /proc/iomem, busy, **without** the [[IORESOURCE_SYSRAM]] bit, with desc IORES_DESC_DEVICE_PRIVATE_MEMORY.',
        },
        {
          kernels: ['v4.18', 'rfc-v1', 'rfc-v2'],
          text: '{hmm_devmem_pages_create} then added [[section]]s for the range and moved them into ZONE_DEVICE with {move_pfn_range_to_zone}: the Device zone spans {{spanned:Device}} pages. No `memoryN` directory appears: HMM adds the sections with `want_memblock = false`, so no [[memory block]] is created.',
        },
        {
          kernels: ['v5.5'],
          text: 'v5.5 no longer has the hmm_devmem API. The engine runs what a v5.5 driver does instead: {devm_request_free_mem_region} claims {{iomem:gpu0}}, then {memremap_pages} adds the pages with MEMORY_DEVICE_PRIVATE (the trace says so). The Device zone spans {{spanned:Device}} pages, and no [[memory block]] is created.',
        },
      ],
    },
    {
      step: 2,
      title: 'hmm_devmem_remove(): who releases the resource?',
      body: [
        {
          kernels: ['rfc-v1'],
          text: '{hmm_devmem_release@rfc-v1} calls {__remove_pages@rfc-v1} with a NULL altmap. RFC v1 reads "no altmap" as "ordinary hot-added RAM" and calls {release_mem_region_adjustable@rfc-v1}. That function finds gpu0\u2019s entry as an exact match and **frees it, without a word, while the driver still owns it**.',
        },
        {
          kernels: ['rfc-v1'],
          text: 'Next, HMM passes the freed `struct resource` to {hmm_devmem_radix_release}: a use-after-free. Then HMM\u2019s release of the driver\u2019s region, {__devm_release_region}, finds nothing and the log says {{log:Trying to free}}. RFC v1 also moved [[span]] shrinking to offline time, which device memory never goes through, so the Device zone still spans {{spanned:Device}} pages of memory that is gone.',
        },
        {
          kernels: ['rfc-v1'],
          text: 'That is what Jerome Glisse [replied](' +
            THREAD.jeromeReply +
            ') to: "ZONE_DEVICE does not necessarily imply altmap". HMM never passes one (kernel notes \u00a74.4). Later in the thread Jerome gave the root issue: "The device driver still wants to keep owning the resource after hotremove of memory." Switch to v4.18 to see how the unpatched kernel handled it.',
        },
        {
          kernels: ['v4.18'],
          text: 'In v4.18, {__remove_pages@v4.18} asks `is_dev_zone()` first: for ZONE_DEVICE it leaves resources alone, and {__remove_zone@v4.18} shrinks the Device zone to {{spanned:Device}} pages. HMM then releases the driver\u2019s region with {__devm_release_region}. No log line, no finding.',
        },
        {
          kernels: ['rfc-v2'],
          text: 'RFC v2 ([cover letter](' +
            THREAD.rfcV2Cover +
            ')) is the first to call {release_mem_region_adjustable@rfc-v2} for every range: RFC v1 still skipped ranges with an altmap. The difference is that the function now backs off (returns 0) when the entry that contains the range lacks `IORESOURCE_SYSRAM`. gpu0\u2019s entry lacks it, so the core leaves it to HMM\u2019s release, and {del_device_memory@rfc-v2} shrinks the Device zone to {{spanned:Device}} pages. This check was merged upstream as 65c78784135f.',
        },
        {
          kernels: ['v5.5'],
          text: 'In v5.5, {__remove_pages@v5.5} takes no zone and touches no resource. {memunmap_pages@v5.5} tears down the sections and the driver releases its own region ({__devm_release_region}). Only {~try_remove_memory@v5.5} releases resources, and only those of hot-added RAM. The Device zone keeps its span of {{spanned:Device}} pages: v5.5 never shrinks ZONE_DEVICE spans (kernel notes \u00a78).',
        },
      ],
      findings: { 'rfc-v1': ['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release', 'stale-zone-span'] },
      switchTo: [
        { kernel: 'v4.18', label: 'Now switch to v4.18 (before the patch)' },
        { kernel: 'rfc-v1', label: 'Back to RFC v1' },
        { kernel: 'rfc-v2', label: 'Try RFC v2 (the SYSRAM check)' },
        { kernel: 'v5.5', label: 'Try v5.5 (upstream)' },
      ],
    },
    {
      step: 3,
      title: 'Coherent device memory: the platform owns the range',
      body: [
        {
          kernels: ['v4.18', 'rfc-v1', 'rfc-v2'],
          text: 'gpu1 is [[coherent device memory]] (`MEMORY_DEVICE_PUBLIC`, "CDM"): the CPU can address it, and the **platform** describes and registers the range, {{iomem:gpu1 CDM}}, with desc `IORES_DESC_DEVICE_PUBLIC_MEMORY`. The driver hands that resource to {hmm_devmem_add_resource}, which checks the descriptor and requests nothing. The simulator stands in for the platform here; the flags of a real CDM resource are unverified (no in-tree 4.18 user), so a busy MEM entry is assumed.',
        },
        {
          kernels: ['v4.18', 'rfc-v1', 'rfc-v2'],
          text: '{hmm_devmem_pages_create} adds it with a linear map ({arch_add_memory}), and the Device zone spans {{spanned:Device}} pages again.',
        },
        { kernels: ['rfc-v1'], text: 'Under RFC v1 the Device zone never gave up gpu0\u2019s span, so its numbers do not change here: the span was stale, and now happens to be right again.' },
        {
          kernels: ['v5.5'],
          text: 'v5.5 has neither `MEMORY_DEVICE_PUBLIC` nor hmm_devmem_add_resource(), and its descriptor 7 is `IORES_DESC_RESERVED`. The engine runs the closest v5.5 equivalent: the platform registers {{iomem:gpu1 CDM}} with no descriptor, and {memremap_pages} maps it with a linear map, as for MEMORY_DEVICE_DEVDAX. The trace says so; the outcomes below are the simulator\u2019s stand-in, not a v5.5 driver.',
        },
      ],
    },
    {
      step: 4,
      title: 'Removing coherent memory: the platform keeps its resource',
      body: [
        {
          kernels: ['v4.18', 'rfc-v1', 'rfc-v2'],
          text: '{hmm_devmem_remove} hot-removes the pages but releases the resource only when it is not `IORES_DESC_DEVICE_PUBLIC_MEMORY`: the range belongs to the platform, and stays claimed after the pages go. Oscar pointed out this test in the thread (8 Aug 2018).',
        },
        { kernels: ['v4.18', 'rfc-v2'], text: 'So {{iomem:gpu1 CDM}} stays in /proc/iomem, still the platform\u2019s.' },
        { kernels: ['v5.5'], text: 'In the engine\u2019s v5.5 stand-in, {memunmap_pages} removes the pages and nobody releases the platform\u2019s range: {{iomem:gpu1 CDM}} stays.' },
        {
          kernels: ['rfc-v1'],
          text: 'Under RFC v1, {__remove_pages@rfc-v1} frees it anyway, and {hmm_devmem_radix_release} again reads the freed `struct resource`. The platform makes no release call that could complain, so nothing reaches the log: the resource the platform meant to keep is simply gone, and the Device span is stale again.',
        },
      ],
      findings: { 'rfc-v1': ['resource-released-while-owned', 'use-after-free', 'stale-zone-span'] },
      switchTo: [
        { kernel: 'v4.18', label: 'Compare with v4.18' },
        { kernel: 'rfc-v1', label: 'Back to RFC v1' },
      ],
    },
    {
      step: 5,
      title: 'Another driver asks for the same range',
      body: [
        'A network card driver, nic1, calls `devm_request_mem_region()` ({__devm_request_region}) for `0x3ffff0000000`, 256 MiB: the platform\u2019s coherent range.',
        {
          kernels: ['v4.18', 'rfc-v2', 'v5.5'],
          text: 'The request fails: {__request_region} returns NULL because the platform\u2019s {{iomem:gpu1 CDM}} is still claimed. The engine reports the NULL as {{ret}}, its convention for a refused request. That is the answer the platform needs.',
        },
        {
          kernels: ['rfc-v1'],
          text: 'Under RFC v1 the range looks free, so nic1 gets {{iomem:nic1-bar}} while the platform still believes the range is its own: two owners of the same physical addresses. RFC v2 replaced the altmap test with the `IORESOURCE_SYSRAM` check in {~release_mem_region_adjustable@rfc-v2}.',
        },
        'Hot-removing the pages and releasing the resource have **different owners and different lifetimes**. The core may release only what the core requested, which is System RAM.',
        'Not everyone in the thread saw it as settled. Michal Hocko [objected](' +
          THREAD.michalProperty +
          ') to keying it on the zone: "But then it seems to be a property of a device rather than zone_device, no?" Jerome agreed ("I am fine with changing that"), and RFC v2\u2019s SYSRAM check keys it on the resource instead.',
      ],
      findings: { 'rfc-v1': ['double-ownership'] },
      switchTo: [
        { kernel: 'rfc-v1', label: 'RFC v1' },
        { kernel: 'rfc-v2', label: 'RFC v2' },
      ],
    },
  ],
  predictions: [
    {
      step: 2,
      question: 'gpu0\u2019s memory is ZONE_DEVICE memory from HMM. v4.18 leaves ZONE_DEVICE resources to their owner; RFC v1 releases the resource whenever __remove_pages() gets no altmap. gpu0\u2019s driver calls hmm_devmem_remove(). Who takes gpu0\u2019s line out of /proc/iomem?',
      choices: [
        { id: 'driver', label: 'The release of the driver\u2019s devres region, devm_release_mem_region(), after the pages are gone', holds: (c) => iomemLines(c.after, 'gpu0').length === 0 && !hasFinding(c, 'resource-released-while-owned') },
        { id: 'core', label: 'The core hotplug code (__remove_pages), while the driver still owns it', holds: (c) => hasFinding(c, 'resource-released-while-owned') },
        { id: 'nobody', label: 'Nobody: the line stays in /proc/iomem', holds: (c) => iomemLines(c.after, 'gpu0').length > 0 },
      ],
      observe: (c) => {
        const freed = findingMessage(c, 'resource-released-while-owned');
        if (freed) return `Under ${c.run.kernel}: ${freed}`;
        if (iomemLines(c.after, 'gpu0').length) return `Under ${c.run.kernel}, /proc/iomem still lists ${iomemLines(c.after, 'gpu0').join(', ')}.`;
        return `Under ${c.run.kernel}, the core hotplug code left gpu0\u2019s resource alone, and the line went when gpu0\u2019s devres region was released with devm_release_mem_region(). The engine raised no finding.`;
      },
      expect: { 'v4.18': 'driver', 'rfc-v1': 'core', 'rfc-v2': 'driver', 'v5.5': 'driver' },
      contrast: 'v4.18',
    },
    {
      step: 4,
      question: 'gpu1\u2019s coherent range was registered by the platform, which never releases it. After hmm_devmem_remove() takes gpu1\u2019s pages away, HMM (before v5.5) still hands the platform\u2019s struct resource to hmm_devmem_radix_release(). What does that read?',
      choices: [
        { id: 'live', label: 'The platform\u2019s resource, still in /proc/iomem', holds: (c) => iomemLines(c.after, CDM).length > 0 && !hasFinding(c, 'use-after-free') },
        { id: 'freed', label: 'Freed memory: the core released the platform\u2019s resource first (a use-after-free)', holds: (c) => iomemLines(c.after, CDM).length === 0 && hasFinding(c, 'use-after-free') },
        { id: 'nothing', label: 'Nothing: the range is gone and HMM knows it', holds: (c) => iomemLines(c.after, CDM).length === 0 && !hasFinding(c, 'use-after-free') },
      ],
      observe: (c) => {
        const lines = iomemLines(c.after, CDM);
        const uaf = findingMessage(c, 'use-after-free');
        const zone = spanText(zoneOf(c.after, 'Device'));
        return lines.length
          ? `Under ${c.run.kernel}, /proc/iomem still has "${lines[0]}": the pages went, the platform\u2019s resource stays. The Device zone is now ${zone}.`
          : `Under ${c.run.kernel}, the platform\u2019s line is gone from /proc/iomem.${uaf ? ` ${uaf}` : ''} The Device zone is ${zone}.`;
      },
      expect: { 'v4.18': 'live', 'rfc-v1': 'freed', 'rfc-v2': 'live', 'v5.5': 'live' },
    },
    {
      step: 5,
      question: 'nic1 asks for the platform\u2019s coherent range with devm_request_mem_region(). What happens?',
      choices: [
        { id: 'busy', label: 'Refused (NULL, reported as -EBUSY): the range is still claimed', holds: (c) => retOf(c) === -16 },
        { id: 'granted', label: 'Granted: the range is free and nobody else uses it', holds: (c) => retOf(c) === 0 && !hasFinding(c, 'double-ownership') },
        { id: 'double', label: 'Granted, while the platform still believes it owns the range', holds: (c) => retOf(c) === 0 && hasFinding(c, 'double-ownership') },
      ],
      observe: (c) => {
        const double = findingMessage(c, 'double-ownership');
        return `Under ${c.run.kernel}, devm_request_mem_region() ${retPhrase(c)}.${double ? ` ${double}` : ''}`;
      },
      expect: { 'v4.18': 'busy', 'rfc-v1': 'double', 'rfc-v2': 'busy', 'v5.5': 'busy' },
    },
  ],
  sources: [
    threadSource('rfcV1Cover', 'cover letter'),
    threadSource('rfcV1Patch2'),
    threadSource('jeromeReply', '"ZONE_DEVICE does not necessarily imply altmap"'),
    threadSource('michalProperty', '"a property of a device rather than zone_device"'),
    threadSource('rfcV2Cover', 'cover letter: the IORESOURCE_SYSRAM check'),
  ],
};
