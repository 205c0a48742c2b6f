/**
 * Lesson 1 (kernel notes S7): release_mem_region_adjustable adjusts, splits or refuses a
 * System RAM resource depending on how the removed range sits in it. The same in every
 * kernel, and a stale resource when memory is removed at another granularity than added.
 */
import { block, CONFIG, M, NOTES_MACHINE_WITH_CHILD } from './machines';
import { findingMessage, iomemHasLine, iomemLines, retOf, retPhrase } from './grade';
import { fnLink } from './refs';
import type { GradeContext, Lesson } from './types';

const B = 128 * M;
const ramLines = (c: GradeContext) => iomemLines(c.after, 'System RAM').filter((l) => /^1[4-6]/.test(l));

export const LESSON_RESOURCE_GRANULARITY: Lesson = {
  id: 'resource-granularity',
  number: 1,
  title: 'Splitting and adjusting a System RAM resource',
  summary:
    'Add 512 MiB with one add_memory() and 128 MiB with another, then remove pieces. release_mem_region_adjustable shrinks the resource, splits it in two, or refuses, leaving stale lines behind: with -22 when the removal crosses two resources, with -16 when the entry has a child outside the part that stays.',
  scenario: {
    title: 'Lesson 1: removing at a different granularity',
    kernel: 'v5.5',
    arch: 'x86_64',
    config: CONFIG,
    machine: NOTES_MACHINE_WITH_CHILD,
    steps: [
      { op: 'add_memory', nid: 0, start: block(40), size: 4 * B },
      { op: 'add_memory', nid: 0, start: block(44), size: B },
      { op: 'online', start: block(40), size: 5 * B, as: 'online_movable' },
      { op: 'offline', start: block(40), size: B },
      { op: 'remove_memory', nid: 0, start: block(40), size: B },
      { op: 'offline', start: block(42), size: B },
      { op: 'remove_memory', nid: 0, start: block(42), size: B },
      { op: 'offline', start: block(43), size: 2 * B },
      { op: 'remove_memory', nid: 0, start: block(43), size: 2 * B },
      { op: 'add_memory', nid: 0, start: block(43), size: B },
      { op: 'offline', start: block(36), size: B },
      { op: 'remove_memory', nid: 0, start: block(36), size: B },
    ],
    cursor: 0,
  },
  kernels: ['v5.5', 'v4.18', 'rfc-v1', 'rfc-v2'],
  key: { step: 9, kernel: 'v5.5', finding: 'stale-resource', label: 'one removal across two resources: -22, and both System RAM lines stay' },
  steps: [
    {
      step: 0,
      title: 'One resource per add_memory()',
      body: [
        'Memory hotplug has four operations, and this lesson uses all of them. {~add_memory} makes a physical range known to the kernel: [[section]]s with their [[struct page]]s, [[memory block]]s in sysfs, and a line in /proc/iomem. [[Onlining|online]] a block hands its pages to a zone and the page allocator; offlining takes them back; {~remove_memory} undoes the add. Memory goes offline before it can be removed.',
        'Each {~add_memory} call registers **one** `System RAM` [[iomem resource]] for its whole range ({~register_memory_resource}). {~remove_memory} takes whatever range its caller chooses, in whole memory blocks, and gives the range back with one call to {~release_mem_region_adjustable}. That function has to fit the removed range to whatever resource contains it.',
        'All four kernels behave the same here (kernel notes S7). The lesson opens under v5.5, where the resource is released after the sections are gone ({~try_remove_memory@v5.5}). Switch kernels at any step to check.',
      ],
    },
    { step: 1, title: 'add_memory() of 512 MiB: one line', body: ['Blocks 40 to 43 are added at once: /proc/iomem gains the single line {{iomem-at:140000000}}.'] },
    { step: 2, title: 'add_memory() of 128 MiB: a second line', body: ['Block 44 is added on its own and gets its own line, {{iomem-at:160000000}}.'] },
    { step: 3, title: 'All five blocks onlined movable', body: ['ZONE_MOVABLE now covers the five blocks. Offlining comes before each removal.'] },
    { step: 4, title: 'Block 40 offlined', body: ['Block 40 is the first block of the 512 MiB resource.'] },
    {
      step: 5,
      title: 'Removing the first block: the start moves',
      body: [
        '{release_mem_region_adjustable} finds `140000000-15fffffff` containing the range. The range starts where the resource starts, so it only moves the start: {{iomem-at:148000000}}. Removing the last block of a resource moves its end in the same way.',
      ],
    },
    { step: 6, title: 'Block 42 offlined', body: ['Block 42 is in the middle of what is left, `148000000-15fffffff`.'] },
    {
      step: 7,
      title: 'Removing a middle block: a split',
      body: [
        'The range lies strictly inside the resource, so {release_mem_region_adjustable} **splits** it. {__adjust_resource} cuts the old entry down to {{iomem-at:148000000}}, and a new entry {{iomem-at:158000000}} copies its name, flags and desc.',
      ],
    },
    { step: 8, title: 'Blocks 43 and 44 offlined', body: ['Block 43 is the tail of the first add; block 44 is the second add.'] },
    {
      step: 9,
      title: 'One removal across two resources',
      body: [
        'A driver removes blocks 43 and 44 with a single `remove_memory(0x158000000, 256M)`. No single resource contains that range: it runs across {{iomem-at:158000000}} and {{iomem-at:160000000}}. {release_mem_region_adjustable} returns -EINVAL, and the caller only warns: {{log:Unable to release resource}}.',
        'The sections and memory blocks are gone, but **both System RAM lines stay in /proc/iomem**, describing RAM that is not there. The comment above the call in v5.5\u2019s `__release_memory_resource()` says: "When removing memory in the same granularity as it was added, this function never fails. It might only fail if resources have to be adjusted or split." This removal is at another granularity, and it fails for a reason the comment does not name: no single resource contains the range, while adjusting and splitting (steps 5 and 7) succeeded.',
      ],
      findings: { 'v5.5': ['stale-resource'], 'v4.18': ['stale-resource'], 'rfc-v1': ['stale-resource'], 'rfc-v2': ['stale-resource'] },
    },
    {
      step: 10,
      title: 'Plugging block 43 back in',
      body: [
        'Block 43, the last 128 MiB of the first 512 MiB add, is added again on its own. {add_memory} asks {register_memory_resource} for `158000000-15fffffff`. The stale {{iomem-at:158000000}} still claims it, so the request conflicts and add_memory() returns {{ret}}. The stale resource has made that memory impossible to hot-add again.',
      ],
    },
    {
      step: 11,
      title: 'Block 36 offlined: an entry with a child',
      body: [
        'Block 36 is boot memory, in the middle of {{iomem-at:100000000}}. That entry has a **child**, {{iomem:Crash kernel}}, in blocks 38 and 39: a reservation made at boot, nested under the System RAM entry it lies in. This machine\u2019s /proc/iomem is made up for the lesson (the engine takes it as given), and block 36 is not part of the child.',
        'The engine does not model page migration: it refuses to offline a block only where a busy child lies in it, and block 36 holds none, so it goes offline. On a real machine boot memory can hold pages that cannot be migrated, and offlining would then fail.',
      ],
    },
    {
      step: 12,
      title: 'A child outside the part that stays: -EBUSY',
      body: [
        'The range lies strictly inside {{iomem-at:100000000}}, so {release_mem_region_adjustable} sets out to split it as at step 7: the old entry is to be cut down to `100000000-11fffffff` and a new entry made for `128000000-13fffffff`. {__adjust_resource} cuts the old entry only if every child stays inside the part that remains. `Crash kernel` is not in the removed block, but it is in the tail that would go to the new entry, and the kernel does not move children. So `__adjust_resource()` returns -EBUSY, nothing changes, and the caller only warns: {{log:Unable to release resource}}.',
        'The rule: the split, or a moved start or end, fails with -EBUSY for a child anywhere outside the part that stays in the old entry, in the removed range or in the new tail. Block 36\u2019s sections and memory block are gone, and {{iomem-at:100000000}} still claims the whole range.',
      ],
      findings: { 'v5.5': ['stale-resource'], 'v4.18': ['stale-resource'], 'rfc-v1': ['stale-resource'], 'rfc-v2': ['stale-resource'] },
    },
  ],
  predictions: [
    {
      step: 3,
      question: 'All five blocks, from two add_memory() calls, are onlined movable in one call. What happens to their two System RAM lines?',
      choices: [
        { id: 'two', label: 'They stay two lines: onlining does not touch resources', holds: (c) => iomemHasLine(c.after, '140000000-15fffffff : System RAM') && iomemHasLine(c.after, '160000000-167ffffff : System RAM') },
        { id: 'one', label: 'They merge into one line, 140000000-167ffffff', holds: (c) => iomemHasLine(c.after, '140000000-167ffffff : System RAM') },
      ],
      observe: (c) => `Under ${c.run.kernel}, the hot-added System RAM lines are: ${ramLines(c).join('; ')}.`,
      expect: { 'v5.5': 'two', 'v4.18': 'two', 'rfc-v1': 'two', 'rfc-v2': 'two' },
    },
    {
      step: 5,
      question: 'remove_memory() of block 40, the first 128 MiB of `140000000-15fffffff : System RAM`. What happens to that line?',
      choices: [
        { id: 'start', label: 'Its start moves: 148000000-15fffffff', holds: (c) => iomemHasLine(c.after, '148000000-15fffffff : System RAM') },
        { id: 'gone', label: 'The whole line goes: it was one resource', holds: (c) => !ramLines(c).some((l) => l.endsWith('15fffffff : System RAM')) },
        { id: 'refused', label: 'Nothing: only a whole resource can be released', holds: (c) => iomemHasLine(c.after, '140000000-15fffffff : System RAM') },
      ],
      observe: (c) => `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)} and the hot-added System RAM lines are now: ${ramLines(c).join('; ') || 'none'}.`,
      expect: { 'v5.5': 'start', 'v4.18': 'start', 'rfc-v1': 'start', 'rfc-v2': 'start' },
    },
    {
      step: 7,
      question: 'remove_memory() of block 42, in the middle of `148000000-15fffffff : System RAM`. What happens to that line?',
      choices: [
        { id: 'split', label: 'It splits into 148000000-14fffffff and 158000000-15fffffff', holds: (c) => iomemHasLine(c.after, '148000000-14fffffff : System RAM') && iomemHasLine(c.after, '158000000-15fffffff : System RAM') },
        { id: 'shrinks', label: 'It shrinks to 148000000-14fffffff, and the rest is lost', holds: (c) => iomemHasLine(c.after, '148000000-14fffffff : System RAM') && !iomemHasLine(c.after, '158000000-15fffffff : System RAM') },
        { id: 'refused', label: 'Nothing: the kernel refuses and warns', holds: (c) => iomemHasLine(c.after, '148000000-15fffffff : System RAM') },
      ],
      observe: (c) => `Under ${c.run.kernel}, remove_memory() ${retPhrase(c)} and the hot-added System RAM lines are now: ${ramLines(c).join('; ') || 'none'}.`,
      expect: { 'v5.5': 'split', 'v4.18': 'split', 'rfc-v1': 'split', 'rfc-v2': 'split' },
    },
    {
      step: 9,
      question: 'One remove_memory() of 256 MiB covers blocks 43 and 44, which came from two different add_memory() calls. v5.5 releases the resource after the sections are gone, v4.18 before: do they differ here? What happens to the System RAM lines under the kernel shown?',
      choices: [
        { id: 'both-gone', label: 'Both are released', holds: (c) => !iomemHasLine(c.after, '158000000-15fffffff : System RAM') && !iomemHasLine(c.after, '160000000-167ffffff : System RAM') },
        { id: 'one-gone', label: 'One is released, the other stays', holds: (c) => iomemHasLine(c.after, '158000000-15fffffff : System RAM') !== iomemHasLine(c.after, '160000000-167ffffff : System RAM') },
        { id: 'both-stay', label: 'Both stay, with a warning', holds: (c) => iomemHasLine(c.after, '158000000-15fffffff : System RAM') && iomemHasLine(c.after, '160000000-167ffffff : System RAM') },
      ],
      observe: (c) => {
        const stale = findingMessage(c, 'stale-resource');
        return `Under ${c.run.kernel}, the kernel logged "${c.stepView.log.join(' / ') || 'nothing'}".${stale ? ` ${stale}` : ''}`;
      },
      expect: { 'v5.5': 'both-stay', 'v4.18': 'both-stay', 'rfc-v1': 'both-stay', 'rfc-v2': 'both-stay' },
      contrast: 'v4.18',
    },
    {
      step: 10,
      question: 'Block 43 is plugged back in. Does add_memory() succeed?',
      choices: [
        { id: 'ok', label: 'Yes, it returns 0', holds: (c) => retOf(c) === 0 },
        { id: 'eexist', label: 'No: -EEXIST, the range is still claimed', holds: (c) => retOf(c) === -17 },
      ],
      observe: (c) => `Under ${c.run.kernel}, add_memory() ${retPhrase(c)}. /proc/iomem still lists ${ramLines(c).join('; ')}.`,
      expect: { 'v5.5': 'eexist', 'v4.18': 'eexist', 'rfc-v1': 'eexist', 'rfc-v2': 'eexist' },
    },
    {
      step: 12,
      question: 'remove_memory() of block 36, in the middle of `100000000-13fffffff : System RAM`, whose child `Crash kernel` covers blocks 38 and 39. What happens to the System RAM line?',
      choices: [
        { id: 'split', label: 'It splits as at step 7, and Crash kernel goes with the new entry 128000000-13fffffff', holds: (c) => iomemHasLine(c.after, '128000000-13fffffff : System RAM') },
        { id: 'shrinks', label: 'It shrinks to 100000000-11fffffff, and Crash kernel is freed with the rest', holds: (c) => iomemHasLine(c.after, '100000000-11fffffff : System RAM') && !iomemHasLine(c.after, '128000000-13fffffff : System RAM') },
        { id: 'ebusy', label: 'It stays whole: the child lies outside the part that would stay, so the release fails with -EBUSY', holds: (c) => iomemHasLine(c.after, '100000000-13fffffff : System RAM') && c.stepView.log.some((l) => l.startsWith('Unable to release resource') && l.endsWith('(-16)')) },
      ],
      observe: (c) => `Under ${c.run.kernel}, the kernel logged "${c.stepView.log.join(' / ') || 'nothing'}"; /proc/iomem lists ${[...iomemLines(c.after, 'System RAM').filter((l) => /^1[0-3]/.test(l)), ...iomemLines(c.after, 'Crash kernel')].join('; ')}.`,
      expect: { 'v5.5': 'ebusy', 'v4.18': 'ebusy', 'rfc-v1': 'ebusy', 'rfc-v2': 'ebusy' },
    },
  ],
  sources: [
    { label: 'release_mem_region_adjustable() in v4.18.20 (kernel/resource.c)', url: fnLink('v4.18', 'release_mem_region_adjustable').url },
    { label: 'try_remove_memory() in v5.5-rc5 (mm/memory_hotplug.c)', url: fnLink('v5.5', 'try_remove_memory').url },
  ],
};
