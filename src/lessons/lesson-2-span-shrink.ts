/**
 * Lesson 2 (kernel notes S2, S3, and the recorded 6.1 run A): when do zone spans shrink?
 * Offline time or removal time, valid_section or online_section, holes, and the zone that
 * becomes empty. Steps 1-4 are the recorded QEMU run A, which the engine's v5.5 golden
 * test reproduces capture for capture.
 */
import { CONFIG, G, M, QEMU_MACHINE } from './machines';
import { iomemHasLine, iomemLines, spanShrank, spanText, zoneOf, zonesThatGrew } from './grade';
import { THREAD, threadSource } from './refs';
import type { Lesson } from './types';

const B = 128 * M;
const at = (n: number) => 0x100000000 + n * B;

export const LESSON_SPAN_SHRINK: Lesson = {
  id: 'span-shrink',
  number: 2,
  title: 'When do zone spans shrink?',
  summary:
    'A 1 GiB DIMM onlined movable, offlined and removed, as recorded on a real Linux 6.1 in QEMU. Then three blocks with a hole in the middle. The zone span shrinks at offline time in the RFCs and v5.5, at removal in v4.18, and only at the zone\u2019s edges.',
  scenario: {
    title: 'Lesson 2: when zone spans shrink',
    kernel: 'v5.5',
    arch: 'x86_64',
    config: CONFIG,
    machine: QEMU_MACHINE,
    steps: [
      { op: 'add_memory', nid: 0, start: at(0), size: G },
      { op: 'online', start: at(0), size: G, as: 'online_movable' },
      { op: 'offline', start: at(0), size: G },
      { op: 'remove_memory', nid: 0, start: at(0), size: G },
      { op: 'add_memory', nid: 0, start: at(0), size: B },
      { op: 'add_memory', nid: 0, start: at(1), size: B },
      { op: 'add_memory', nid: 0, start: at(2), size: B },
      { op: 'online', start: at(0), size: 3 * B, as: 'online_movable' },
      { op: 'offline', start: at(1), size: B },
      { op: 'remove_memory', nid: 0, start: at(1), size: B },
      { op: 'offline', start: at(2), size: B },
      { op: 'remove_memory', nid: 0, start: at(2), size: B },
      { op: 'offline', start: at(0), size: B },
      { op: 'remove_memory', nid: 0, start: at(0), size: B },
    ],
    cursor: 0,
  },
  kernels: ['v5.5', 'v4.18', 'rfc-v1', 'rfc-v2'],
  key: { step: 3, kernel: 'v5.5', label: 'the Movable span empties at offline time, as on the real 6.1 kernel' },
  steps: [
    {
      step: 0,
      title: 'A zone\u2019s span and its present pages',
      body: [
        'Each zone has a [[span]]: one range of pfns from `zone_start_pfn` for `spanned_pages`, and a count of **present** pages inside it. Memory can leave the zone (offline) and leave the machine (remove), and the span has to follow. The question is when, and how the kernel finds the zone\u2019s new edges.',
        'This is the QEMU `pc` machine with 2 GiB that the recorded runs used (the app\u2019s default). The first four steps replay **recorded run A** of a real Linux 6.1 in QEMU: a 1 GiB pc-dimm hot-added at 4 GiB, [[onlined|online]] movable, offlined, removed. The engine\u2019s v5.5 golden test (`src/engine/golden.test.ts`) checks /proc/iomem, /proc/zoneinfo and the memory blocks against captures A00 to A04.',
        'The lesson opens under **v5.5**, which behaves like the real kernel here.',
      ],
    },
    {
      step: 1,
      title: 'add_memory(): eight offline blocks (capture A01)',
      body: ['{add_memory} adds {{iomem-at:100000000}} and the [[memory block]]s memory32 to memory39, all offline. No zone changes yet.'],
    },
    {
      step: 2,
      title: 'online_movable: the Movable zone appears (capture A02)',
      body: [
        '{online_pages} moves each block into ZONE_MOVABLE ({move_pfn_range_to_zone}), and {resize_zone_range} grows the span. The engine\u2019s /proc/zoneinfo now reads {{zoneinfo:Movable}} / {{zoneinfo:Movable/spanned}} / {{zoneinfo:Movable/present}} / {{zoneinfo:Movable/start_pfn}}, and the golden test checks these lines against the real kernel\u2019s capture A02: 1 GiB of 4 KiB pages starting at pfn {{start_pfn:Movable}}.',
      ],
    },
    {
      step: 3,
      title: 'offline: does the span follow? (capture A03)',
      body: [
        {
          kernels: ['v5.5'],
          text: 'The zone is now **empty**: spanned {{spanned:Movable}}, present {{present:Movable}}, as in capture A03 of the real kernel. Offlining shrinks the span straight away: {__offline_pages@v5.5} calls {remove_pfn_range_from_zone@v5.5}, and {shrink_zone_span@v5.5} looks for the first and last pfns still in the zone with `pfn_to_online_page()`. Offline blocks no longer count, so none are left.',
        },
        {
          kernels: ['v5.5'],
          text: 'This offline-time shrink is not Oscar\u2019s 2018 code: his RFCs were not merged in that form. Upstream\u2019s came later, as feee6b298916 ("shrink zones when offlining memory"), queued in November 2019 and merged for v5.5-rc5, which v5.5 runs.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          text: 'The zone is now **empty**: spanned {{spanned:Movable}}, present {{present:Movable}}, the state capture A03 of the real kernel shows. Offlining shrinks the span straight away, in the offline path.',
        },
        {
          kernels: ['rfc-v1', 'rfc-v2'],
          text: 'That is what the RFCs proposed in 2018: the shrink moved into the offline path ({__offline_pages@rfc-v1}; RFC v2\u2019s patch 2/2 is titled "Shrink spanned pages when offlining memory"), and the scans test `online_section()` instead of `valid_section()`. They were not merged in this form; upstream shrinks at offline time since feee6b298916, merged for v5.5-rc5.',
        },
        {
          kernels: ['v4.18'],
          text: 'v4.18 shrinks nothing at offline time: spanned {{spanned:Movable}}, present {{present:Movable}}. /proc/zoneinfo has no `start_pfn` line because the zone is unpopulated. The span is fixed only at removal, by {~__remove_zone@v4.18}, and its scans accept any `valid_section()`, meaning any section that still has a [[memmap]], online or not. The real 6.1 kernel does not match this state (the golden test checks v4.18 against capture A03 and records the difference).',
        },
      ],
      switchTo: [
        { kernel: 'v4.18', label: 'Now switch to v4.18' },
        { kernel: 'v5.5', label: 'Back to v5.5 (the real kernel)' },
      ],
    },
    {
      step: 4,
      title: 'remove_memory() (capture A04)',
      body: [
        { kernels: ['v5.5'], text: 'Removal only tears down sections and releases the resource: the spans were fixed at offline time. The machine is back to its boot state, as in capture A04.' },
        { kernels: ['rfc-v1', 'rfc-v2'], text: 'Removal only tears down sections and releases the resource: the spans were fixed at offline time. /proc/iomem and /proc/zoneinfo are back as in capture A04; the node span (Zones & nodes tab) now ends at the last pfn of the boot memory\u2019s last section, where {~find_biggest_section_pfn} put it at offline time.' },
        { kernels: ['v4.18'], text: 'Now v4.18 shrinks: {__remove_zone@v4.18} runs once per section, and when the last one goes, Movable is empty and the node span shrinks back to the last pfn of the boot memory\u2019s last section. /proc/iomem and /proc/zoneinfo reach the real kernel\u2019s capture A04, one step later.' },
      ],
    },
    { step: 5, title: 'Three blocks, one at a time: block 32', body: ['Now three separate 128 MiB blocks, 32, 33 and 34, each added by its own add_memory() and so with its own `System RAM` line. This step adds block 32: {{iomem-at:100000000}}.'] },
    { step: 6, title: 'Block 33 added', body: ['{{iomem-at:108000000}}: still offline, with no zone.'] },
    { step: 7, title: 'Block 34 added', body: ['{{iomem-at:110000000}}: three offline blocks from 0x100000000 to 0x117ffffff.'] },
    {
      step: 8,
      title: 'All three onlined movable',
      body: ['Movable starts at pfn {{start_pfn:Movable}}: spanned {{spanned:Movable}}, present {{present:Movable}}.'],
    },
    {
      step: 9,
      title: 'The middle block goes offline: a hole',
      body: [
        'Block 33 is in the middle. A span is a single range, so a block in the middle cannot be cut out of it: spanned stays {{spanned:Movable}} in every kernel and present drops to {{present:Movable}}. {~shrink_zone_span} can only move the zone\u2019s start or its end, and block 33 is neither.',
      ],
    },
    {
      step: 10,
      title: 'The middle block is removed',
      body: [
        'Its section goes too, and the span still covers the hole.',
        { kernels: ['v4.18'], text: 'In v4.18 this is when {__remove_zone@v4.18} runs. The hole scan finds block 32, so the span stays as it is.' },
      ],
    },
    {
      step: 11,
      title: 'The last block goes offline',
      body: [
        {
          kernels: ['v5.5', 'rfc-v1', 'rfc-v2'],
          text: 'Block 34 was the zone\u2019s end. {find_biggest_section_pfn} walks down from 0x10ffff, skips block 33 (removed) and stops at block 32\u2019s last pfn 0x107fff: Movable spans {{spanned:Movable}} pages from the moment of the offline.',
        },
        { kernels: ['v4.18'], text: 'v4.18 keeps spanned {{spanned:Movable}} (present {{present:Movable}}) until block 34 is removed.' },
      ],
      switchTo: [
        { kernel: 'v4.18', label: 'Compare with v4.18' },
        { kernel: 'v5.5', label: 'Back to v5.5' },
      ],
    },
    {
      step: 12,
      title: 'The last block is removed',
      body: [{ kernels: ['v4.18'], text: 'Now v4.18 catches up: spanned {{spanned:Movable}}.' }, { kernels: ['v5.5', 'rfc-v1', 'rfc-v2'], text: 'Nothing left to shrink: the span was fixed at offline time.' }],
    },
    {
      step: 13,
      title: 'The zone becomes empty',
      body: [
        { kernels: ['v5.5', 'rfc-v1', 'rfc-v2'], text: 'Block 32 was the last online memory in Movable. The scan finds nothing, and the zone becomes 0/0 at once.' },
        { kernels: ['v4.18'], text: 'In v4.18 the zone keeps its span (present 0) until its last section is removed.' },
      ],
    },
    {
      step: 14,
      title: 'Everything removed',
      body: [
        'Every kernel ends with the same /proc/iomem and /proc/zoneinfo (the node span differs: v4.18 and the RFCs end it on a section boundary, v5.5 recomputes it from the zones). What differs is **when** the zone span was right: v4.18 fixes it at removal, while the RFCs and v5.5 fix it at offline time, as the recorded 6.1 kernel does. RFC v2\u2019s [cover letter](' +
          THREAD.rfcV2Cover +
          ') gives the reasons: removing memory that was never onlined can touch stale pages, and consistency with online time.',
      ],
    },
  ],
  predictions: [
    {
      step: 2,
      question: 'The eight blocks are onlined with online_movable. Which zone do they go to?',
      choices: [
        { id: 'DMA32', label: 'DMA32, next to the boot memory', holds: (c) => zonesThatGrew(c).includes('DMA32') },
        { id: 'Normal', label: 'Normal', holds: (c) => zonesThatGrew(c).includes('Normal') },
        { id: 'Movable', label: 'Movable', holds: (c) => zonesThatGrew(c).includes('Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, ${zonesThatGrew(c).join(' and ') || 'no zone'} grew: Movable is ${spanText(zoneOf(c.after, 'Movable'))}, the same as capture A02 of the real 6.1 kernel.`,
      expect: { 'v5.5': 'Movable', 'v4.18': 'Movable', 'rfc-v1': 'Movable', 'rfc-v2': 'Movable' },
    },
    {
      step: 3,
      question: 'All eight blocks go offline. Will the Movable span shrink now?',
      choices: [
        { id: 'empty', label: 'Yes: the zone becomes empty (spanned 0)', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 0 },
        { id: 'stays', label: 'No: it keeps spanning 262144 pages until the memory is removed', holds: (c) => !spanShrank(c, 'Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable went from ${spanText(zoneOf(c.before, 'Movable'))} to ${spanText(zoneOf(c.after, 'Movable'))}. The recorded 6.1 kernel (capture A03) shows spanned 0.`,
      expect: { 'v5.5': 'empty', 'v4.18': 'stays', 'rfc-v1': 'empty', 'rfc-v2': 'empty' },
      contrast: 'v4.18',
    },
    {
      step: 5,
      question: 'Block 32 (128 MiB at 4 GiB) is added on its own, offline. What does /proc/iomem gain?',
      choices: [
        { id: 'line', label: 'A System RAM line for it, 100000000-107ffffff', holds: (c) => iomemHasLine(c.after, '100000000-107ffffff : System RAM') },
        { id: 'none', label: 'Nothing until it is onlined', holds: (c) => !iomemLines(c.after, 'System RAM').some((l) => l.startsWith('100000000-')) },
      ],
      observe: (c) => `Under ${c.run.kernel}, the hot-added System RAM lines are: ${iomemLines(c.after, 'System RAM').filter((l) => l.startsWith('10')).join('; ') || 'none'}.`,
      expect: { 'v5.5': 'line', 'v4.18': 'line', 'rfc-v1': 'line', 'rfc-v2': 'line' },
    },
    {
      step: 8,
      question: 'Blocks 32, 33 and 34 are onlined movable with one command. What does /proc/zoneinfo say for Movable?',
      choices: [
        { id: 'all', label: 'spanned 98304, present 98304: all three blocks', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 98304 && zoneOf(c.after, 'Movable').presentPages === 98304 },
        { id: 'first', label: 'spanned 32768: one block at a time, only the first so far', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 32768 },
        { id: 'normal', label: 'Movable is unchanged: the blocks went to Normal, next to the boot memory', holds: (c) => zonesThatGrew(c).includes('Normal') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable is ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v5.5': 'all', 'v4.18': 'all', 'rfc-v1': 'all', 'rfc-v2': 'all' },
    },
    {
      step: 9,
      question: 'Block 33, in the middle of the Movable span, goes offline. Will the span shrink?',
      choices: [
        { id: 'hole', label: 'No: it becomes a hole inside the span', holds: (c) => !spanShrank(c, 'Movable') },
        { id: 'shrinks', label: 'Yes: the span drops to 65536 pages', holds: (c) => spanShrank(c, 'Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable is ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v5.5': 'hole', 'v4.18': 'hole', 'rfc-v1': 'hole', 'rfc-v2': 'hole' },
    },
    {
      step: 11,
      question: 'Block 34, the zone\u2019s end, goes offline (block 33 is already removed). Will the Movable span shrink now?',
      choices: [
        { id: 'now', label: 'Yes: to block 32 alone (32768 pages)', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 32768 },
        { id: 'later', label: 'No: not until block 34 is removed', holds: (c) => !spanShrank(c, 'Movable') },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable went from ${spanText(zoneOf(c.before, 'Movable'))} to ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v5.5': 'now', 'v4.18': 'later', 'rfc-v1': 'now', 'rfc-v2': 'now' },
    },
    {
      step: 13,
      question: 'Block 32, the last online memory of Movable, goes offline. What becomes of the Movable zone?',
      choices: [
        { id: 'empty', label: 'It is empty at once: spanned 0, present 0', holds: (c) => zoneOf(c.after, 'Movable').spannedPages === 0 },
        { id: 'keeps', label: 'It keeps spanning block 32 with present 0 until block 32 is removed', holds: (c) => zoneOf(c.after, 'Movable').spannedPages > 0 && zoneOf(c.after, 'Movable').presentPages === 0 },
      ],
      observe: (c) => `Under ${c.run.kernel}, Movable went from ${spanText(zoneOf(c.before, 'Movable'))} to ${spanText(zoneOf(c.after, 'Movable'))}.`,
      expect: { 'v5.5': 'empty', 'v4.18': 'keeps', 'rfc-v1': 'empty', 'rfc-v2': 'empty' },
    },
  ],
  sources: [
    { label: 'Recorded Linux 6.1 QEMU run A (fixtures/qemu-6.1/, captures A00 to A04), reproduced by the v5.5 golden test' },
    threadSource('rfcV1Patch2'),
    threadSource('rfcV2Cover', 'cover letter'),
  ],
};
