/**
 * Lesson 5 (issue 14 item 5, kernel notes S5 and S1): the student picks the fix for RFC v1's
 * altmap test. gpu0's device-private memory under each fix the 2018 review weighed (the
 * is_device flag, Jerome's refcount, RFC v2's SYSRAM check, RFC v3) and upstream's v5.5, then
 * the cover letter's add-never-online-remove under the same kernel, then the review matrix.
 */
import { CONFIG, M, QEMU_MACHINE } from './machines';
import { bugged, findingMessage, hasFinding, iomemLines, retOf, retPhrase } from './grade';
import { fnLink, THREAD, threadSource } from './refs';
import type { Lesson } from './types';

const B = 128 * M;
const FIXES = [
  { kernel: 'idea-is-device', label: 'The is_device flag (David, Oscar)' },
  { kernel: 'idea-refcount', label: 'Refcounted resources (Jerome; never implemented)' },
  { kernel: 'rfc-v2', label: 'RFC v2: the IORESOURCE_SYSRAM check' },
  { kernel: 'rfc-v3', label: 'RFC v3: add/del_device_memory' },
  { kernel: 'v5.5', label: 'v5.5 (upstream)' },
  { kernel: 'rfc-v1', label: 'RFC v1 (the flaw)' },
] as const;

export const LESSON_PICK_THE_FIX: Lesson = {
  id: 'pick-the-fix',
  number: 5,
  title: 'Pick the fix: which proposal keeps gpu0\u2019s resource alive?',
  summary:
    'RFC v1 frees the iomem resource of HMM device-private memory because it has no altmap. Run each fix the 2018 review weighed (the is_device flag, Jerome\u2019s refcount, RFC v2\u2019s SYSRAM check, RFC v3) and upstream\u2019s v5.5 on gpu0, then on the cover letter\u2019s bug, side by side, and read the review matrix.',
  scenario: {
    title: 'Lesson 5: gpu0 and a never-onlined block under each fix',
    kernel: 'idea-is-device',
    arch: 'x86_64',
    config: CONFIG,
    machine: QEMU_MACHINE,
    steps: [
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * M, type: 'private' },
      { op: 'hmm_devmem_remove', dev: 'gpu0' },
      { op: 'add_memory', nid: 0, start: 0x100000000, size: B },
      { op: 'remove_memory', nid: 0, start: 0x100000000, size: B },
    ],
    cursor: 0,
  },
  kernels: ['idea-is-device', 'rfc-v1', 'idea-refcount', 'rfc-v2', 'rfc-v3', 'v5.5'],
  key: { step: 2, kernel: 'idea-is-device', label: 'under the is_device flag, gpu0\u2019s resource outlives the hot-remove of its pages and gpu0\u2019s own release takes it out' },
  steps: [
    {
      step: 0,
      title: 'The flaw, and the fixes the review weighed',
      body: [
        'The lesson **Why ZONE_DEVICE removal must not release a resource the core did not request** showed the flaw: in [RFC v1, patch 2/3](' +
          THREAD.rfcV1Patch2 +
          '), {~__remove_pages@rfc-v1} decides whether a range is device memory, whose resource it must leave alone, by testing the [[altmap]]. [[HMM]] device-private memory lives in [[ZONE_DEVICE]] without an altmap, so RFC v1 frees gpu0\u2019s [[iomem resource]] while gpu0\u2019s driver still owns it. Jerome Glisse [replied](' +
          THREAD.jeromeReply +
          '): "ZONE_DEVICE does not necessarily imply altmap".',
        'The review weighed several fixes, and this simulator runs each as a kernel:',
        '**The is_device flag** (`idea-is-device`). [David Hildenbrand suggested](' +
          THREAD.davidIsDevice +
          ') to "forward from the callers whether we are dealing with ZONE_DEVICE memory", and [Oscar Salvador proposed](' +
          THREAD.oscarFlag +
          ') to "pass a parameter from those paths to arch_remove_memory()->__remove_pages()". It was proposed in the thread and never posted as a patch.',
        '**Refcounted resources** (`idea-refcount`). [Jerome wrote](' +
          THREAD.jeromeRefcount +
          '): "use a refcount on the resources instead of the IORESOURCE_BUSY flags. So when you release resource as part of hotremove you would only dec the refcount". **Nobody implemented it**: Oscar found it "too intrusive", and every rule this simulator runs for it beyond those two sentences is this project\u2019s own (docs/proposals.md).',
        '**The [[IORESOURCE_SYSRAM]] check** (`rfc-v2`): {~release_mem_region_adjustable@rfc-v2} backs off from any entry without the System RAM flag. It was merged as 65c78784135f. **RFC v3** (`rfc-v3`, [RFC v3 cover letter](' +
          THREAD.rfcV3Cover +
          ')) adds `add_device_memory()` and `del_device_memory()`, the same check, and a rework of the node unregistering; it was not merged as a whole. **v5.5** is where upstream went: the release moved out of {~__remove_pages@v5.5} into {~try_remove_memory@v5.5}, after the sections are gone (d9eb1417c77d, v5.2).',
        'The lesson opens under **the is_device proposal**. Press **Next ▶** to add gpu0\u2019s memory.',
      ],
    },
    {
      step: 1,
      title: 'gpu0 adds its memory: pick the fix to run',
      body: [
        {
          kernels: ['idea-is-device', 'rfc-v1', 'rfc-v2', 'rfc-v3'],
          text: '{hmm_devmem_add} claimed {{iomem:gpu0}} on gpu0\u2019s behalf with {__devm_request_region}, busy and without the IORESOURCE_SYSRAM bit, and {hmm_devmem_pages_create} added its [[section]]s to ZONE_DEVICE with no altmap: the Device zone spans {{spanned:Device}} pages. This step is the same in every 2018 kernel.',
        },
        {
          kernels: ['idea-refcount'],
          text: '{hmm_devmem_add} claimed {{iomem:gpu0}} with {__devm_request_region}, and {hmm_devmem_pages_create} added its sections to ZONE_DEVICE with no altmap: the Device zone spans {{spanned:Device}} pages. Then {get_resource_ref@idea-refcount} took a second reference on gpu0\u2019s entry for the hot-added pages. That call is not kernel code: it is this project\u2019s reading of Jerome\u2019s idea (docs/proposals.md, RC-3), and its trace note says so.',
        },
        {
          kernels: ['v5.5'],
          text: 'v5.5 no longer has the hmm_devmem API. The engine runs what a v5.5 driver does instead: {devm_request_free_mem_region} claims {{iomem:gpu0}}, then {memremap_pages} adds the pages with MEMORY_DEVICE_PRIVATE, with no altmap. The Device zone spans {{spanned:Device}} pages.',
        },
        'Now pick the fix to run, with the buttons below or the Kernel menu, before you predict what gpu0\u2019s removal does to its resource. You can come back and run the others.',
      ],
      switchTo: FIXES,
    },
    {
      step: 2,
      title: 'gpu0 removes its memory: whose release takes the line out?',
      body: [
        {
          kernels: ['idea-is-device'],
          text: '{hmm_devmem_release@idea-is-device} calls {__remove_pages@idea-is-device} with the caller\u2019s flag set, and the trace marks the decision: `is_device` true, so {~release_mem_region_adjustable} is not called. gpu0\u2019s entry outlives the hot-remove, and gpu0\u2019s own release, {__devm_release_region}, takes it out. The flag changes nothing else of RFC v1: HMM\u2019s removal still shrinks no [[span]], so the Device zone still spans {{spanned:Device}} pages of memory that is gone (see Findings).',
        },
        {
          kernels: ['idea-refcount'],
          text: '{__remove_pages@idea-refcount} calls {release_mem_region_adjustable@idea-refcount} as RFC v1 does, but it only drops the hot-add\u2019s reference: gpu0 still holds one, so the entry stays, busy. gpu0\u2019s own release, {__devm_release_region}, drops the last reference and frees it (the trace shows the count). The rest is RFC v1\u2019s: the Device zone still spans {{spanned:Device}} pages of memory that is gone (see Findings).',
        },
        {
          kernels: ['rfc-v2'],
          text: '{del_device_memory@rfc-v2} shrinks the Device zone first (now {{spanned:Device}} pages), then {__remove_pages@rfc-v2} calls {release_mem_region_adjustable@rfc-v2} for the range. gpu0\u2019s entry has no IORESOURCE_SYSRAM, so the function backs off with 0, and gpu0\u2019s own release, {__devm_release_region}, takes the line out.',
        },
        {
          kernels: ['rfc-v3'],
          text: '{del_device_memory@rfc-v3} shrinks the Device zone with {shrink_zone_pgdat_pages@rfc-v3} (now {{spanned:Device}} pages), then {release_mem_region_adjustable@rfc-v3} backs off from gpu0\u2019s entry, which has no IORESOURCE_SYSRAM: the same check as RFC v2. gpu0\u2019s own release, {__devm_release_region}, takes the line out.',
        },
        {
          kernels: ['v5.5'],
          text: '{memunmap_pages@v5.5} tears down the sections, and {__remove_pages@v5.5} touches no resource at all. The driver releases its own region ({__devm_release_region}). The Device zone keeps its span of {{spanned:Device}} pages: v5.5 never shrinks ZONE_DEVICE spans (kernel notes \u00a78), and the engine reports nothing for it.',
        },
        {
          kernels: ['rfc-v1'],
          text: 'RFC v1, for comparison: {__remove_pages@rfc-v1} sees no altmap and calls {release_mem_region_adjustable@rfc-v1}, which frees gpu0\u2019s entry while gpu0 still owns it. {hmm_devmem_radix_release} then reads the freed `struct resource`, and gpu0\u2019s own release finds nothing: {{log:Trying to free}}.',
        },
        'Run the others from here: each button replays the scenario under that kernel at this step.',
      ],
      findings: {
        'rfc-v1': ['resource-released-while-owned', 'use-after-free', 'nonexistent-resource-release', 'stale-zone-span'],
        'idea-is-device': ['stale-zone-span'],
        'idea-refcount': ['stale-zone-span'],
      },
      switchTo: FIXES,
    },
    {
      step: 3,
      title: 'The cover letter\u2019s case: a block added and never onlined',
      body: [
        'A fix for gpu0 must not break the case Oscar\u2019s RFC was written for ([cover letter](' +
          THREAD.rfcV1Cover +
          ')). {add_memory} registered {{iomem-at:100000000}} for block 32 with {register_memory_resource}, and nobody onlines it, so its [[memmap]] stays [[poisoned]] (the `debug_vm` setting is on).',
      ],
    },
    {
      step: 4,
      title: 'remove_memory() of the never-onlined block',
      body: [
        {
          kernels: ['idea-is-device', 'idea-refcount', 'rfc-v1', 'rfc-v2'],
          text: 'The resource is not the problem here: {release_mem_region_adjustable} frees block 32\u2019s `System RAM` entry. But {__remove_section} still unregisters the section through {unregister_mem_sect_under_nodes}, which reads the poisoned struct pages, and the kernel BUGs: {{bug}}. The is_device flag, the refcount and RFC v2\u2019s check all fix gpu0\u2019s resource and leave this read where RFC v1 had it.',
        },
        {
          kernels: ['rfc-v3'],
          text: 'RFC v3\u2019s patch 5/5 reworked {unregister_mem_sect_under_nodes@rfc-v3}: it takes the nid the caller was given and reads no struct page. {release_mem_region_adjustable@rfc-v3} frees block 32\u2019s `System RAM` entry, and remove_memory() returns {{ret}}.',
        },
        {
          kernels: ['v5.5'],
          text: 'v5.5 passes the nid down and reads no struct page of block 32: {try_remove_memory@v5.5} removes the memory block, {arch_remove_memory@v5.5} the section, and only then {release_mem_region_adjustable@v5.5} the `System RAM` entry. remove_memory() returns {{ret}}.',
        },
        'One scenario is not a review. The review matrix runs every built-in scenario (S1\u2013S8 and the lessons\u2019) under every kernel, and each cell says BUG, the findings by code, or clean. Open it with the button below, or **Review matrix** in the control bar. Compare the proposals\u2019 columns on the S5 rows (HMM) and the S6 rows (pmem, with and without an altmap), and click a cell to open that scenario at its first step that went wrong.',
      ],
      findings: {
        'idea-is-device': ['uninitialized-memmap-read', 'kernel-bug'],
        'idea-refcount': ['uninitialized-memmap-read', 'kernel-bug'],
        'rfc-v1': ['uninitialized-memmap-read', 'kernel-bug'],
        'rfc-v2': ['uninitialized-memmap-read', 'kernel-bug'],
      },
      switchTo: FIXES,
      openMatrix: true,
    },
  ],
  predictions: [
    {
      step: 2,
      question: 'gpu0\u2019s driver calls hmm_devmem_remove() under the fix shown. What becomes of gpu0\u2019s line in /proc/iomem? (Afterwards, compare it side by side with RFC v1.)',
      choices: [
        { id: 'kept', label: 'It outlives the hot-remove of the pages, and gpu0\u2019s own release takes it out', holds: (c) => !hasFinding(c, 'resource-released-while-owned') && iomemLines(c.after, 'gpu0').length === 0 },
        { id: 'freed', label: 'The core hotplug code frees it while gpu0 still owns it, as under RFC v1', holds: (c) => hasFinding(c, 'resource-released-while-owned') },
        { id: 'stays', label: 'It is still in /proc/iomem after hmm_devmem_remove() returns', holds: (c) => iomemLines(c.after, 'gpu0').length > 0 },
      ],
      observe: (c) => {
        const freed = findingMessage(c, 'resource-released-while-owned');
        if (freed) return `Under ${c.run.kernel}: ${freed}`;
        const left = iomemLines(c.after, 'gpu0');
        if (left.length) return `Under ${c.run.kernel}, /proc/iomem still lists ${left.join(', ')}.`;
        return `Under ${c.run.kernel}, the core hotplug code left gpu0\u2019s entry alone and gpu0\u2019s own release took it out.${c.stepView.findings.length ? ` The engine still reports: ${c.stepView.findings.map((f) => f.code).join(', ')}.` : ' The engine raised no finding.'}`;
      },
      expect: { 'idea-is-device': 'kept', 'rfc-v1': 'freed', 'idea-refcount': 'kept', 'rfc-v2': 'kept', 'rfc-v3': 'kept', 'v5.5': 'kept' },
      contrast: 'rfc-v1',
    },
    {
      step: 4,
      question: 'Block 32 was added and never onlined; its struct pages are poisoned. Does the fix shown also survive remove_memory() of it, the cover letter\u2019s bug? (Afterwards, compare it with RFC v3.)',
      choices: [
        { id: 'ok', label: 'Yes: it returns 0, and nothing reads block 32\u2019s struct pages', holds: (c) => !bugged(c) && retOf(c) === 0 && !hasFinding(c, 'uninitialized-memmap-read') },
        { id: 'bug', label: 'No: removal still reads the poisoned struct pages, and the kernel BUGs', holds: (c) => bugged(c) && hasFinding(c, 'uninitialized-memmap-read') },
      ],
      observe: (c) => {
        const read = findingMessage(c, 'uninitialized-memmap-read');
        return `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)}.${read ? ` ${read}` : ' No struct page of block 32 was read.'}`;
      },
      expect: { 'idea-is-device': 'bug', 'rfc-v1': 'bug', 'idea-refcount': 'bug', 'rfc-v2': 'bug', 'rfc-v3': 'ok', 'v5.5': 'ok' },
      contrast: 'rfc-v3',
    },
  ],
  sources: [
    threadSource('rfcV1Patch2'),
    threadSource('jeromeReply', '"ZONE_DEVICE does not necessarily imply altmap"'),
    threadSource('davidIsDevice', 'the is_device flag'),
    threadSource('oscarFlag', 'a parameter from the device paths'),
    threadSource('jeromeRefcount', 'refcounted resources, never implemented'),
    threadSource('rfcV2Cover', 'cover letter: the IORESOURCE_SYSRAM check'),
    threadSource('rfcV3Cover', 'cover letter'),
    { label: 'try_remove_memory() in v5.5-rc5 (mm/memory_hotplug.c)', url: fnLink('v5.5', 'try_remove_memory').url },
  ],
};
