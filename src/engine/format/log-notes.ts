/**
 * What a kernel log line means, for a reader who has not read the function that printed it.
 * A hotplug step often "succeeds" (remove_memory() is void in these kernels) and leaves only
 * a log line as the sign that something was off; the page puts the note beside the line.
 * Each pattern matches the exact wording the engine prints (and the kernel printed, see
 * docs/sources/kernel-notes*.md §"Kernel log lines"); a line with no pattern gets no note.
 */
interface LogNote {
  pattern: RegExp;
  note: (m: RegExpMatchArray) => string;
}

const ERRNO: Record<string, string> = { '-22': '-EINVAL', '-16': '-EBUSY', '-2': '-ENOENT', '-12': '-ENOMEM' };

const NOTES: LogNote[] = [
  {
    pattern: /^Unable to release resource <(0x[0-9a-f]+)-(0x[0-9a-f]+)> \((-\d+)\)$/,
    note: (m) =>
      `Printed by __release_memory_resource() when release_mem_region_adjustable() fails (${ERRNO[m[3]!] ?? m[3]}). ` +
      (m[3] === '-22'
        ? 'No busy System RAM entry in /proc/iomem holds this range: nothing was hot-added there, or the range belongs to something that is not System RAM. '
        : m[3] === '-16'
          ? 'An entry inside the range would have to be split off from a part that stays: the release backs off. '
          : '') +
      'remove_memory() returns nothing to its caller, so the step still "returns 0": this line is the only trace of it.',
  },
  {
    pattern: /^Trying to free nonexistent resource <([0-9a-f]+)-([0-9a-f]+)>$/,
    note: () => 'Printed by __release_region() when no entry of the tree matches the range it was asked to free: whoever owned it has already been released (or it was never requested).',
  },
  {
    pattern: /^removing memory fails, because memory \[(.+)\] is onlined$/,
    note: () => 'The range still has online memory blocks: they must be offlined (echo offline > /sys/devices/system/memory/memoryN/state) before the memory can be removed.',
  },
  {
    pattern: /^section (\d+) .* not present$/,
    note: () => 'The memory block asked for covers a section that was never added (no memory there).',
  },
  {
    pattern: /^section (\d+) .* is already online$/,
    note: () => 'The block is online already: onlining it again is refused.',
  },
  {
    pattern: /^Block size \[(0x[0-9a-f]+)\] unaligned hotplug range/,
    note: (m) => `Hot-plugged ranges must start and end on a memory block boundary (${m[1]} bytes here): the kernel refuses the range before touching anything.`,
  },
  {
    pattern: /^Hotplug(?:ged)? memory .*exceeds maximum addressable/,
    note: () => 'The range ends past the highest physical address this kernel can map (its MAX_PHYSMEM_BITS): refused before anything is added.',
  },
  {
    pattern: /^Offlined Pages (\d+)$/,
    note: (m) => `Routine: offline_pages() reports the ${m[1]} pages it took out of the buddy allocator.`,
  },
  {
    pattern: /^Misaligned __(add|remove)_pages start/,
    note: (m) => `__${m[1]}_pages() works on whole sections (or subsections): a start that is not aligned is refused.`,
  },
  {
    pattern: /cannot be hotremoved until the next reboot$/,
    note: () => 'kmem could not offline and remove this memory when the device was unbound, so the System RAM stays until a reboot.',
  },
  {
    pattern: /could not reserve region$/,
    note: () => 'kmem could not request its System RAM (kmem) region: something already holds part of the range.',
  },
  {
    pattern: /Conflicting mapping in same section$|collides with mapping for another device$/,
    note: () => 'devm_memremap_pages() refuses a range that shares a section with memory another device (or System RAM) already mapped.',
  },
];

/** The note for a kernel log line, or null for one that needs none or is not known. */
export function logLineNote(line: string): string | null {
  for (const n of NOTES) {
    const m = line.match(n.pattern);
    if (m) return n.note(m);
  }
  return null;
}
