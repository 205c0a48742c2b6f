/**
 * Lesson 3 (kernel notes S1 and S4): memory that was added but never onlined has an
 * uninitialised (poisoned) memmap, and every removal path that reads it trips over it.
 * Told in two parts because a kernel BUG halts the run: part 1 is the cover letter's bug,
 * part 2 a never-onlined block inside a zone span.
 */
import { block, CONFIG, M, NOTES_MACHINE } from './machines';
import { bugged, findingMessage, hasFinding, iomemHasLine, iomemLines, retOf, retPhrase, spanShrank, spanText, zoneOf, zonesThatGrew } from './grade';
import { Memmap, memmapAt, MEMMAP_WORDS } from './memmap';
import { THREAD, threadSource } from './refs';
import type { GradeContext, Lesson } from './types';

const B = 128 * M;
/** the uninitialised memmap was read by `fn` (the finding's message names the reader first) */
const readBy = (c: GradeContext, fn: string) => findingMessage(c, 'uninitialized-memmap-read')?.startsWith(`${fn}()`) ?? false;

export const LESSON_NEVER_ONLINED: Lesson = {
  id: 'never-onlined',
  number: 3,
  part: { index: 1, of: 2 },
  title: 'Never-onlined memory and the uninitialised memmap',
  summary:
    'The cover letter\u2019s bug: add a memory block, never online it, remove it. v4.18 reads a struct page nobody initialised and BUGs; see what the RFC fixed, what it missed, and how v5.5 avoids the read.',
  scenario: {
    title: 'Lesson 3, part 1: add, never online, remove',
    kernel: 'rfc-v1',
    arch: 'x86_64',
    config: CONFIG,
    machine: NOTES_MACHINE,
    steps: [
      { op: 'add_memory', nid: 0, start: block(40), size: B },
      { op: 'remove_memory', nid: 0, start: block(40), size: B },
    ],
    cursor: 0,
  },
  kernels: ['rfc-v1', 'v4.18', 'rfc-v2', 'v5.5'],
  key: { step: 2, kernel: 'v4.18', finding: 'uninitialized-memmap-read', label: 'v4.18 reads the poisoned struct page of a never-onlined block and BUGs' },
  steps: [
    {
      step: 0,
      title: 'Memory that is added but never onlined',
      body: [
        'Since Linux 4.13, hot-added memory belongs to no zone until it is [[onlined|online]] (f1dd2cd13c4b). Since Pavel Tatashin\u2019s "optimize memory hotplug" (d0dc12e86b31; in 4.17 according to the kernel notes, a release they mark unverified) its [[struct page]]s are not even initialised until then: it moved that work from add time to {~online_pages}. With `CONFIG_DEBUG_VM` the [[memmap]] of a hot-added [[section]] is [[poisoned]] (every byte 0xff) until {~memmap_init_zone} writes it.',
        'Reading a poisoned struct page BUGs only with `CONFIG_DEBUG_VM_PGFLAGS` as well: that option turns on the `PagePoisoned` check in `page_to_nid()` and `page_zone()`. With [[DEBUG_VM]] alone the page is poisoned but the read returns a garbage node or zone; without DEBUG_VM nothing is poisoned and the memmap holds whatever the allocator left there. The simulator\u2019s `debug_vm` setting (on here) models DEBUG_VM and DEBUG_VM_PGFLAGS together.',
        'That leaves a trap for the removal path, and it is the bug in the [cover letter](' +
          THREAD.rfcV1Cover +
          ') of Oscar Salvador\u2019s RFC: remove memory that was never onlined, and any code that reads its `struct page` reads garbage.',
        'In v4.18 the read is in {~arch_remove_memory@v4.18}, which asks the first struct page for its zone. Oscar\u2019s RFC removes that read: zones are handled at offline time, and removal is told the node instead.',
        'This machine has 1 GiB of boot RAM above 4 GiB, the kernel notes\u2019 common setup (\u00a711). We add [[memory block]] 40 (128 MiB at 0x140000000) and remove it again without onlining it. The lesson runs under **RFC v1**.',
      ],
    },
    {
      step: 1,
      title: 'add_memory(): a section, a memory block, a resource, and no zone',
      body: [
        '{add_memory} registered {{iomem-at:140000000}} with {register_memory_resource}, and {__add_pages} created section 40 with a memmap, poisoned by DEBUG_VM. sysfs shows `memory40`, offline, with valid_zones `Normal Movable`: either zone could still take it.',
        'No zone changed. Open the **Zones & nodes** tab: present and spanned pages are what they were at boot. Nothing has written zone or node into the new struct pages.',
      ],
    },
    {
      step: 2,
      title: 'remove_memory() of a block that was never onlined',
      body: [
        {
          kernels: ['v4.18'],
          debugVm: true,
          text: '{arch_remove_memory@v4.18} needs the zone to remove the pages from, and gets it with `page_zone(pfn_to_page(start_pfn))`. That reads the struct page of pfn 0x140000, which was never initialised. With DEBUG_VM_PGFLAGS it trips `VM_BUG_ON_PAGE(PagePoisoned(p))` and the kernel BUGs; the log ends with {{bug}}. The wording of the first two lines is quoted from a real log (the struct page address is this machine\u2019s); the line number is the engine\u2019s derivation from where `page_to_nid()` begins in v4.18\u2019s `include/linux/mm.h` (docs/engine-notes.md, departure 3), not a recording. With DEBUG_VM alone the zone read is garbage; without it, undefined.',
        },
        {
          kernels: ['v4.18'],
          debugVm: false,
          text: 'With `debug_vm` off nothing is poisoned and nothing checks the read: {arch_remove_memory@v4.18} still takes the zone from the uninitialised struct page of pfn 0x140000, gets a garbage pointer, and {~__remove_pages@v4.18} uses it. The engine models that as an oops (see Findings); what a real kernel does depends on the bytes the allocator left there.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          debugVm: true,
          text: 'The RFC removes that read: {arch_remove_memory@rfc-v1} now takes the nid, and {__remove_pages@rfc-v1} needs no zone because zones shrink at offline time. But {__remove_section@rfc-v1} still unregisters the section, and {unregister_memory_section} goes through {unregister_mem_sect_under_nodes} to `get_nid_for_pfn()`, which calls `page_to_nid()` on every pfn of the section. That reads the same poisoned struct page one level deeper, so the kernel still BUGs: {{bug}}.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          debugVm: false,
          text: 'With `debug_vm` off the same read happens, but nothing is poisoned and nothing checks it: {unregister_mem_sect_under_nodes} reads block 40\u2019s struct pages through `get_nid_for_pfn()`, gets whatever bytes the allocator left there, and carries on. remove_memory(), which returns void in this kernel, completes, and the engine reports the read as a finding instead of a BUG. The RFC did not remove the read; DEBUG_VM is what made it visible.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          debugVm: true,
          text: 'The kernel notes\u2019 table says the RFC succeeds here. The engine follows the source instead (docs/engine-notes.md, departure 1). Oscar\u2019s RFC v3 added "Rework unregister_mem_sect_under_nodes" for exactly this case.',
        },
        {
          kernels: ['v5.5'],
          text: 'v5.5 passes the nid down and never reads these struct pages. {try_remove_memory@v5.5} removes the memory block device ({remove_memory_block_devices@v5.5}), {arch_remove_memory@v5.5} tears down the section, and only then {release_mem_region_adjustable@v5.5} releases `System RAM`. remove_memory() returns {{ret}}, and /proc/iomem is as it was at boot.',
        },
      ],
      findings: {
        'v4.18': ['uninitialized-memmap-read', 'kernel-bug'],
        'rfc-v1': ['uninitialized-memmap-read', 'kernel-bug'],
        'rfc-v2': ['uninitialized-memmap-read', 'kernel-bug'],
      },
      switchTo: [
        { kernel: 'v4.18', label: 'Now switch to v4.18 (the cover letter\u2019s bug)' },
        { kernel: 'rfc-v1', label: 'Back to RFC v1' },
        { kernel: 'v5.5', label: 'Now switch to v5.5' },
      ],
      setting: 'debug_vm',
    },
  ],
  predictions: [
    {
      step: 1,
      question: 'add_memory() adds block 40. Which zone\u2019s present pages grow?',
      choices: [
        { id: 'normal', label: 'ZONE_NORMAL, next to the boot memory', holds: (c) => zonesThatGrew(c).includes('Normal') },
        { id: 'movable', label: 'ZONE_MOVABLE', holds: (c) => zonesThatGrew(c).includes('Movable') },
        { id: 'none', label: 'None: the memory gets a zone only when it is onlined', holds: (c) => zonesThatGrew(c).length === 0 },
      ],
      observe: (c) => {
        const grew = zonesThatGrew(c);
        return grew.length
          ? `Under ${c.run.kernel}, the present pages of ${grew.join(' and ')} grew.`
          : `Under ${c.run.kernel}, no zone\u2019s present pages changed. Block 40 is offline, and /sys/devices/system/memory/memory40/valid_zones offers "Normal Movable" for when it is onlined.`;
      },
      expect: { 'v4.18': 'none', 'rfc-v1': 'none', 'rfc-v2': 'none', 'v5.5': 'none' },
    },
    {
      step: 2,
      question: 'v4.18 BUGs here reading the zone from block 40\u2019s struct page. The RFC no longer reads the zone. Block 40 was never onlined: what does remove_memory() do under the kernel shown?',
      choices: [
        { id: 'ok', label: 'Removes it cleanly and returns 0', holds: (c) => !bugged(c) && retOf(c) === 0 && !hasFinding(c, 'uninitialized-memmap-read') },
        { id: 'zone', label: 'BUGs reading the zone in arch_remove_memory(), as v4.18 does', holds: (c) => bugged(c) && readBy(c, 'arch_remove_memory') },
        { id: 'deeper', label: 'BUGs anyway: another part of removal still reads the uninitialised struct pages', holds: (c) => bugged(c) && hasFinding(c, 'uninitialized-memmap-read') && !readBy(c, 'arch_remove_memory') },
        { id: 'unchecked', label: 'Completes, after reading the uninitialised struct pages unchecked', holds: (c) => !bugged(c) && retOf(c) === 0 && hasFinding(c, 'uninitialized-memmap-read') },
      ],
      observe: (c) => {
        const read = findingMessage(c, 'uninitialized-memmap-read');
        return `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)}.${read ? ` ${read}` : ' No struct page of block 40 was read.'}`;
      },
      expect: { 'v4.18': 'zone', 'rfc-v1': 'deeper', 'rfc-v2': 'deeper', 'v5.5': 'ok' },
      contrast: 'v4.18',
    },
  ],
  sources: [
    threadSource('rfcV1Cover', 'cover letter'),
    threadSource('rfcV1Patch2'),
    threadSource('rfcV2Cover', 'cover letter'),
  ],
};

export const LESSON_NEVER_ONLINED_IN_SPAN: Lesson = {
  id: 'never-onlined-in-span',
  number: 3,
  part: { index: 2, of: 2 },
  title: 'A never-onlined block inside a zone span',
  summary:
    'Blocks 40 and 42 are online and movable; block 41 between them never was. Removing block 42 makes v4.18 scan for the zone\u2019s new end, and the scan reads block 41\u2019s poisoned memmap.',
  scenario: {
    title: 'Lesson 3, part 2: a never-onlined block inside the Movable span',
    kernel: 'v4.18',
    arch: 'x86_64',
    config: CONFIG,
    machine: NOTES_MACHINE,
    steps: [
      { op: 'add_memory', nid: 0, start: block(40), size: B },
      { op: 'add_memory', nid: 0, start: block(41), size: B },
      { op: 'add_memory', nid: 0, start: block(42), size: B },
      { op: 'online', start: block(40), size: B, as: 'online_movable' },
      { op: 'online', start: block(42), size: B, as: 'online_movable' },
      { op: 'offline', start: block(42), size: B },
      { op: 'remove_memory', nid: 0, start: block(42), size: B },
    ],
    cursor: 0,
  },
  kernels: ['v4.18', 'rfc-v1', 'rfc-v2', 'v5.5'],
  key: { step: 7, kernel: 'v4.18', finding: 'uninitialized-memmap-read', label: 'v4.18\u2019s span scan reads block 41\u2019s poisoned struct page' },
  steps: [
    {
      step: 0,
      title: 'Three blocks, one never onlined',
      body: [
        'Part 1 showed a removal that reads the struct pages of the block being removed. This part shows a read of a **different** block: one that lies inside a zone\u2019s span without ever having been onlined.',
        'We add blocks 40, 41 and 42 (0x140000000 to 0x157ffffff), online 40 and 42 as movable, and leave 41 alone.',
      ],
    },
    { step: 1, title: 'Block 40 added', body: ['Section 40 has a poisoned memmap and no zone, as in part 1.'] },
    { step: 2, title: 'Block 41 added', body: ['Each add_memory() registers its own resource: {{iomem-at:148000000}} is a line of its own next to block 40\u2019s. Block 41 will never be onlined.'] },
    { step: 3, title: 'Block 42 added', body: ['Three offline blocks, {{count:System RAM}} `System RAM` lines in /proc/iomem (boot RAM included), and the zones as they were at boot.'] },
    {
      step: 4,
      title: 'Block 40 onlined movable',
      body: [
        '{online_pages} moves block 40 into ZONE_MOVABLE with {move_pfn_range_to_zone}, and {memmap_init_zone} initialises its struct pages. Movable now starts at pfn {{start_pfn:Movable}} and spans {{spanned:Movable}} pages.',
      ],
    },
    {
      step: 5,
      title: 'Block 42 onlined movable: a hole in the span',
      body: [
        'A zone [[span]] is one range, from zone_start_pfn for spanned_pages. To take in block 42, {resize_zone_range} stretches Movable over block 41 as well: spanned {{spanned:Movable}}, present {{present:Movable}}. Block 41 is a **hole** inside the span. Its section is *valid* (it has a memmap) but not *online*, and that memmap is still poisoned.',
      ],
    },
    {
      step: 6,
      title: 'Block 42 offlined',
      body: [
        {
          kernels: ['v4.18'],
          text: 'v4.18 leaves spans alone at offline time: Movable still spans {{spanned:Movable}} pages, and only present pages drop, to {{present:Movable}}. The span is fixed at removal, in {~__remove_zone@v4.18}.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2', 'v5.5'],
          text: 'This kernel shrinks spans at offline time. The scan for the zone\u2019s new end, {~find_biggest_section_pfn}, skips any section that is not **online** (it tests `online_section()` in the RFCs and `pfn_to_online_page()` in v5.5), so block 41 is passed over without being read. Movable ends after block 40: spanned {{spanned:Movable}}.',
        },
      ],
    },
    {
      step: 7,
      title: 'Block 42 removed: the scan meets block 41',
      body: [
        {
          kernels: ['v4.18'],
          text: 'Removing block 42 makes {shrink_zone_span@v4.18} look for the zone\u2019s new end. {find_biggest_section_pfn@v4.18} walks down from pfn 0x14ffff and accepts any `valid_section()`. Block 41\u2019s section is valid, so the scan calls `pfn_to_nid()` on its poisoned struct page, and the kernel BUGs in the middle of a removal that never touched block 41: {{bug}}.',
        },
        {
          kernels: ['v4.18'],
          text: 'With DEBUG_VM but without DEBUG_VM_PGFLAGS the page is poisoned but not checked: the nid read from it is garbage and happens not to match, so the scan skips the block by luck. Without DEBUG_VM the memmap is not poisoned at all and what the scan reads is undefined. Removal must not read memmaps that no one initialised, and that rule is what the RFC\u2019s move to offline time was for.',
        },
        {
          kernels: ['v5.5'],
          text: 'The span was already fixed at offline time, and v5.5 passes the nid down, so removal reads no struct page: remove_memory() returns {{ret}}.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          text: 'The span was already fixed at offline time, so no span scan reads block 41. But removal still reads block 42\u2019s own struct pages in {unregister_mem_sect_under_nodes}, the read that BUGged in part 1: it survives only because onlining block 42 initialised them. remove_memory() completes. (At step 6, RFC v2\u2019s node-span scan still used `valid_section()`, but the boot RAM matched first and block 41 was never reached: kernel notes S4.)',
        },
      ],
      findings: { 'v4.18': ['uninitialized-memmap-read', 'kernel-bug'] },
      switchTo: [
        { kernel: 'v4.18', label: 'v4.18 (the BUG)' },
        { kernel: 'rfc-v1', label: 'Now switch to RFC v1' },
        { kernel: 'v5.5', label: 'Now switch to v5.5' },
      ],
    },
  ],
  predictions: [
    {
      step: 2,
      question: 'Block 41 is added right after block 40, by a second add_memory(). What does /proc/iomem show for the two?',
      choices: [
        { id: 'two', label: 'Two System RAM lines, one per add_memory()', holds: (c) => iomemHasLine(c.after, '140000000-147ffffff : System RAM') && iomemHasLine(c.after, '148000000-14fffffff : System RAM') },
        { id: 'merged', label: 'One System RAM line, 140000000-14fffffff', holds: (c) => iomemHasLine(c.after, '140000000-14fffffff : System RAM') },
        { id: 'none', label: 'No line for block 41 until it is onlined', holds: (c) => iomemHasLine(c.after, '140000000-147ffffff : System RAM') && !iomemLines(c.after, 'System RAM').some((l) => l.startsWith('148000000')) },
      ],
      observe: (c) => `Under ${c.run.kernel}, the hot-added System RAM lines are ${iomemLines(c.after, 'System RAM').filter((l) => l.startsWith('14')).join('; ')}.`,
      expect: { 'v4.18': 'two', 'rfc-v1': 'two', 'rfc-v2': 'two', 'v5.5': 'two' },
    },
    {
      step: 4,
      question: 'Block 40 is onlined movable; block 41 is not. What do their struct pages hold afterwards?',
      choices: [
        { id: 'both-poisoned', label: 'Both are still poisoned: struct pages are written only at removal', holds: (c) => memmapAt(c.after, 40) === Memmap.Poisoned && memmapAt(c.after, 41) === Memmap.Poisoned },
        { id: 'forty', label: 'Block 40\u2019s are initialised, block 41\u2019s are still poisoned', holds: (c) => memmapAt(c.after, 40) === Memmap.Init && memmapAt(c.after, 41) === Memmap.Poisoned },
        { id: 'both-init', label: 'Both are initialised: onlining writes the whole zone', holds: (c) => memmapAt(c.after, 40) === Memmap.Init && memmapAt(c.after, 41) === Memmap.Init },
      ],
      observe: (c) => `Under ${c.run.kernel}, block 40\u2019s memmap is ${MEMMAP_WORDS[memmapAt(c.after, 40)]} and block 41\u2019s is ${MEMMAP_WORDS[memmapAt(c.after, 41)]}.`,
      expect: { 'v4.18': 'forty', 'rfc-v1': 'forty', 'rfc-v2': 'forty', 'v5.5': 'forty' },
    },
    {
      step: 5,
      question: 'Block 42 is onlined movable; block 41 between it and block 40 never was. What does /proc/zoneinfo say for Movable?',
      choices: [
        { id: 'hole', label: 'spanned 98304, present 65536: block 41 is a hole inside the span', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 98304 && zoneOf(c.after, 'Movable').presentPages === 65536 },
        { id: 'tight', label: 'spanned 65536, present 65536: the span skips block 41', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 65536 },
        { id: 'all', label: 'spanned 98304, present 98304: block 41 is counted too', holds: (c) => zoneOf(c.after, 'Movable').presentPages === 98304 },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable is ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v4.18': 'hole', 'rfc-v1': 'hole', 'rfc-v2': 'hole', 'v5.5': 'hole' },
    },
    {
      step: 6,
      question: 'Block 42, at the end of the Movable span, goes offline. Will the Movable span shrink now?',
      choices: [
        { id: 'yes', label: 'Yes, at offline time', holds: (c) => spanShrank(c, 'Movable') },
        { id: 'no', label: 'No, not until the block is removed', holds: (c) => !spanShrank(c, 'Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable went from ${spanText(zoneOf(c.before, 'Movable'))} to ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v4.18': 'no', 'rfc-v1': 'yes', 'rfc-v2': 'yes', 'v5.5': 'yes' },
    },
    {
      step: 7,
      question: 'remove_memory() of block 42. Will the kernel shown survive it? (Afterwards, compare it side by side with RFC v1.)',
      choices: [
        { id: 'ok', label: 'Yes: the removal completes', holds: (c) => !bugged(c) && retOf(c) === 0 },
        { id: 'bug', label: 'No: a BUG on block 41\u2019s uninitialised memmap', holds: (c) => bugged(c) && hasFinding(c, 'uninitialized-memmap-read') },
      ],
      observe: (c) => {
        const read = findingMessage(c, 'uninitialized-memmap-read');
        return `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)}.${read ? ` ${read}` : ` Movable is ${spanText(zoneOf(c.after, 'Movable'))}.`}`;
      },
      expect: { 'v4.18': 'bug', 'rfc-v1': 'ok', 'rfc-v2': 'ok', 'v5.5': 'ok' },
      contrast: 'rfc-v1',
    },
  ],
  sources: [
    threadSource('rfcV1Cover', 'cover letter'),
    threadSource('rfcV2Cover', 'cover letter'),
  ],
};
