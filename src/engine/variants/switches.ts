/**
 * The decision points the kernels differ in, as named switches (issue 14, item 2). A named
 * kernel is a preset of them; a custom kernel is a preset with some switches changed, and
 * runs as that preset's variant with the switched decision points replaced by the code
 * another preset already has (compose.ts). Pure data and pure checks: the CLI, the link
 * codec and the page read the same table.
 */
import { KERNEL_IDS, type KernelId } from '../ops';

export const SWITCH_NAMES = ['release', 'sysram', 'shrink', 'span_test', 'unregister', 'refcount', 'device_span'] as const;
export type SwitchName = (typeof SWITCH_NAMES)[number];

export interface SwitchValueInfo {
  id: string;
  /** how a custom kernel's name says it: "rfc-v1 + is_device flag" */
  phrase: string;
  /** one line: what the code does with this value */
  says: string;
  /** the named kernel whose code this value runs (its source is where the switched functions link) */
  from: KernelId;
}

export interface SwitchInfo {
  name: SwitchName;
  label: string;
  /** the decision point, in one line */
  explain: string;
  values: readonly SwitchValueInfo[];
  /** the kernel functions whose code this switch decides: the trace marks their calls */
  decides: readonly string[];
}

export const SWITCHES: readonly SwitchInfo[] = [
  {
    name: 'release',
    label: 'What __remove_pages() tests before releasing the resource',
    explain: 'Whether a hot-remove frees the iomem entry, and who decides that device memory keeps it.',
    values: [
      { id: 'is_dev_zone', phrase: 'is_dev_zone test', says: 'v4.18: release unless the zone is ZONE_DEVICE', from: 'v4.18' },
      { id: 'altmap', phrase: 'altmap test', says: 'RFC v1: release unless an altmap was passed (HMM never has one)', from: 'rfc-v1' },
      { id: 'always', phrase: 'always release', says: 'RFC v2/v3, idea-refcount: always call release_mem_region_adjustable(); the SYSRAM and refcount switches say what it does', from: 'rfc-v2' },
      { id: 'is_device_flag', phrase: 'is_device flag', says: 'idea-is-device: the device callers pass is_device = true, remove_memory() false', from: 'idea-is-device' },
      { id: 'after_arch_remove', phrase: 'release after arch_remove_memory()', says: 'upstream d9eb1417c77d (v5.2): never in __remove_pages(); remove_memory() releases after the sections are gone', from: 'v5.5' },
    ],
    decides: ['__remove_pages', 'arch_remove_memory', 'remove_memory', '__release_memory_resource', 'try_remove_memory'],
  },
  {
    name: 'sysram',
    label: 'release_mem_region_adjustable()\u2019s IORESOURCE_SYSRAM back-off',
    explain: 'Whether the release backs off (returns 0) from an entry that is not hot-added System RAM.',
    values: [
      { id: 'off', phrase: 'no SYSRAM back-off', says: 'v4.18, RFC v1: frees, shrinks or splits whatever busy entry holds the range', from: 'v4.18' },
      { id: 'on', phrase: 'SYSRAM back-off', says: 'RFC v2 (65c78784135f, upstream from v5.0): leaves entries without IORESOURCE_SYSRAM alone', from: 'rfc-v2' },
    ],
    decides: ['release_mem_region_adjustable'],
  },
  {
    name: 'shrink',
    label: 'When zone and node spans shrink',
    explain: 'Where the span shrink runs: as each section is removed, or when memory is offlined.',
    values: [
      { id: 'at_removal', phrase: 'shrink at removal', says: 'v4.18: __remove_section() calls __remove_zone(), which needs the zone', from: 'v4.18' },
      { id: 'at_offline', phrase: 'shrink at offline', says: 'RFC v1 on: __offline_pages() shrinks the spans; removal shrinks none', from: 'rfc-v1' },
    ],
    decides: ['__remove_section', '__remove_zone', '__offline_pages', '__shrink_pages'],
  },
  {
    name: 'span_test',
    label: 'Which section test the span scans use',
    explain: 'Which sections find_smallest/biggest_section_pfn() and the hole scans read struct pages of.',
    values: [
      { id: 'valid_section', phrase: 'valid_section scans', says: 'v4.18: any section with a memmap, initialised or not', from: 'v4.18' },
      { id: 'online_section', phrase: 'online_section scans', says: 'RFC v1, RFC v3: online sections only, at all four scan sites', from: 'rfc-v1' },
      { id: 'online_section_pgdat_valid', phrase: 'online_section scans (node hole scan valid_section)', says: 'RFC v2: online_section, but shrink_pgdat_span()\u2019s hole scan kept valid_section', from: 'rfc-v2' },
      { id: 'pfn_to_online_page', phrase: 'pfn_to_online_page scans', says: 'v5.5 on: pfn_to_online_page() by sub-section, skipping the removed range', from: 'v5.5' },
    ],
    decides: ['find_smallest_section_pfn', 'find_biggest_section_pfn', 'shrink_zone_span', 'shrink_pgdat_span'],
  },
  {
    name: 'unregister',
    label: 'Whether unregister_mem_sect_under_nodes() reads struct pages',
    explain: 'How removal finds the node links of a memory block: from its pages, or from the nid it was given.',
    values: [
      { id: 'reads_pages', phrase: 'node links from struct pages', says: 'v4.18 to RFC v2: get_nid_for_pfn() on each pfn, a BUG on a never-initialised memmap under DEBUG_VM', from: 'v4.18' },
      { id: 'by_nid', phrase: 'node links by nid', says: 'RFC v3 5/5, upstream later: the nid __remove_section() was given; no page is read', from: 'rfc-v3' },
    ],
    decides: ['unregister_mem_sect_under_nodes', 'unregister_memory_section'],
  },
  {
    name: 'refcount',
    label: 'Whether resources are refcounted',
    explain: 'Jerome Glisse\u2019s idea (rules ours): the device hot-add takes a reference, a release drops one, the entry goes with the last.',
    values: [
      { id: 'off', phrase: 'no refcount', says: 'every kernel that shipped: IORESOURCE_BUSY, freed by the first release', from: 'v4.18' },
      { id: 'on', phrase: 'refcounted resources', says: 'idea-refcount: a held entry stays busy and in /proc/iomem until its last holder lets go', from: 'idea-refcount' },
    ],
    decides: ['release_mem_region_adjustable', '__release_region', 'get_resource_ref', 'devm_memremap_pages', 'hmm_devmem_pages_create'],
  },
  {
    name: 'device_span',
    label: 'Whether ZONE_DEVICE spans shrink',
    explain: 'Whether the Device zone\u2019s span is pulled in when device memory goes away.',
    values: [
      { id: 'shrinks', phrase: 'Device spans shrink', says: 'the 2018 kernels: the device release shrinks the Device zone (where it shrinks at all)', from: 'v4.18' },
      { id: 'kept', phrase: 'Device spans kept', says: 'v5.5 on: remove_pfn_range_from_zone() returns early for ZONE_DEVICE; on a 2018 kernel its span shrink (__remove_zone(), __shrink_pages()) returns early the same way', from: 'v5.5' },
    ],
    decides: ['remove_pfn_range_from_zone', '__remove_zone', '__shrink_pages', 'shrink_pages', 'shrink_zone_pgdat_pages'],
  },
];

export type Switches = Record<SwitchName, string>;

/** Each named kernel's value of every switch: what its code does at each decision point. */
export const PRESETS: Record<KernelId, Switches> = {
  'v4.18': { release: 'is_dev_zone', sysram: 'off', shrink: 'at_removal', span_test: 'valid_section', unregister: 'reads_pages', refcount: 'off', device_span: 'shrinks' },
  'rfc-v1': { release: 'altmap', sysram: 'off', shrink: 'at_offline', span_test: 'online_section', unregister: 'reads_pages', refcount: 'off', device_span: 'shrinks' },
  'rfc-v2': { release: 'always', sysram: 'on', shrink: 'at_offline', span_test: 'online_section_pgdat_valid', unregister: 'reads_pages', refcount: 'off', device_span: 'shrinks' },
  'v5.5': { release: 'after_arch_remove', sysram: 'on', shrink: 'at_offline', span_test: 'pfn_to_online_page', unregister: 'by_nid', refcount: 'off', device_span: 'kept' },
  'v6.12': { release: 'after_arch_remove', sysram: 'on', shrink: 'at_offline', span_test: 'pfn_to_online_page', unregister: 'by_nid', refcount: 'off', device_span: 'kept' },
  'rfc-v3': { release: 'always', sysram: 'on', shrink: 'at_offline', span_test: 'online_section', unregister: 'by_nid', refcount: 'off', device_span: 'shrinks' },
  'idea-is-device': { release: 'is_device_flag', sysram: 'off', shrink: 'at_offline', span_test: 'online_section', unregister: 'reads_pages', refcount: 'off', device_span: 'shrinks' },
  'idea-refcount': { release: 'always', sysram: 'off', shrink: 'at_offline', span_test: 'online_section', unregister: 'reads_pages', refcount: 'on', device_span: 'shrinks' },
};

/** The kernels whose removal path is the 2018 one (mm/remove-memory.ts): the ones composed from parts. */
const TREE_2018: readonly KernelId[] = ['v4.18', 'rfc-v1', 'rfc-v2', 'rfc-v3', 'idea-is-device', 'idea-refcount'];

const switchInfo = (name: SwitchName): SwitchInfo => SWITCHES.find((s) => s.name === name)!;

/** The switches a custom kernel changes from its preset, in SWITCH_NAMES order. */
export type SwitchChanges = Partial<Switches>;

/** Only the switches that differ from the preset, in table order. */
function changedSwitches(preset: KernelId, switches: SwitchChanges): SwitchChanges {
  const out: SwitchChanges = {};
  for (const n of SWITCH_NAMES) if (switches[n] !== undefined && switches[n] !== PRESETS[preset][n]) out[n] = switches[n];
  return out;
}

/**
 * Why a preset with these switches is a kernel the real code could not have, or null when it
 * can run. An unknown switch or value is refused too, naming what there is.
 */
export function checkSwitches(preset: KernelId, switches: SwitchChanges): string | null {
  for (const [name, value] of Object.entries(switches)) {
    const info = SWITCHES.find((s) => s.name === name);
    if (!info) return `there is no switch "${name}" (the switches are ${SWITCH_NAMES.join(', ')})`;
    if (!info.values.some((v) => v.id === value)) return `the switch ${name} has no value "${String(value)}" (its values are ${info.values.map((v) => v.id).join(', ')})`;
  }
  const ch = changedSwitches(preset, switches);
  const names = Object.keys(ch) as SwitchName[];
  if (!names.length) return null;
  if (!TREE_2018.includes(preset)) {
    return `${preset} runs upstream's later removal path (try_remove_memory(), remove_pfn_range_from_zone(), memunmap_pages()), where ${names.join(', ')} is not a decision point of the code: compose from a 2018 kernel (v4.18, the RFCs, the ideas) instead`;
  }
  const sw = { ...PRESETS[preset], ...ch };
  // v4.18 is the one 2018 kernel whose __remove_pages() gets a zone: RFC patch 1/3 passes a nid instead.
  const hasZone = preset === 'v4.18';
  if (sw.release === 'is_dev_zone' && !hasZone) return `release=is_dev_zone needs the zone, and ${preset}'s __remove_pages() is given a node id (RFC patch 1/3), not a zone: there is no zone to test`;
  if (sw.shrink === 'at_removal' && !hasZone) return `shrink=at_removal is __remove_zone() in __remove_section(), which shrinks the zone it is given; ${preset} gives __remove_section() a node id (RFC patch 1/3), so there is no zone to shrink`;
  if (sw.span_test === 'pfn_to_online_page') return `span_test=pfn_to_online_page is v5.5's scan, which steps by sub-section (v5.3's sub-section hotplug) and skips the removed range; ${preset} runs on the 4.18 tree, which has whole sections only`;
  return null;
}

/**
 * A kernel as runs, menus and links name it: a named kernel's id, or a custom kernel's
 * canonical id "<preset>+<switch>=<value>..." with only the switches that differ, in table
 * order (so one kernel has one id).
 */
export type KernelRef = KernelId | `${KernelId}+${string}`;

export interface CustomKernel {
  preset: KernelId;
  switches: SwitchChanges;
}

export function kernelRef(preset: KernelId, switches: SwitchChanges): KernelRef {
  const ch = changedSwitches(preset, switches);
  const parts = SWITCH_NAMES.filter((n) => ch[n] !== undefined).map((n) => `${n}=${ch[n]}`);
  return parts.length ? (`${preset}+${parts.join('+')}` as KernelRef) : preset;
}

/** Reads a kernel id, named or custom; a string that is neither, or a combination refused, says why. */
export function parseKernelRef(text: string): { ok: true; ref: KernelRef; kernel: CustomKernel } | { ok: false; error: string } {
  const [preset, ...rest] = text.split('+');
  if (!(KERNEL_IDS as readonly string[]).includes(preset!)) return { ok: false, error: `unknown kernel "${preset}" (expected one of ${KERNEL_IDS.join(', ')})` };
  const p = preset as KernelId;
  const read = readSwitchList(rest);
  if (typeof read === 'string') return { ok: false, error: read };
  const why = checkSwitches(p, read);
  if (why) return { ok: false, error: `${p} with ${rest.join(', ')} cannot run: ${why}` };
  return { ok: true, ref: kernelRef(p, read), kernel: { preset: p, switches: changedSwitches(p, read) } };
}

/** "name=value" items into switches; each name once. */
export function readSwitchList(items: readonly string[]): SwitchChanges | string {
  const out: SwitchChanges = {};
  for (const item of items) {
    const m = /^([a-z_]+)=([a-z0-9_]+)$/.exec(item);
    if (!m) return `"${item}" is not a switch setting (name=value, e.g. release=is_device_flag)`;
    const name = m[1] as SwitchName;
    if (!(SWITCH_NAMES as readonly string[]).includes(name)) return `there is no switch "${m[1]}" (the switches are ${SWITCH_NAMES.join(', ')})`;
    if (out[name] !== undefined) return `the switch ${name} is set twice`;
    out[name] = m[2]!;
  }
  return out;
}

/** The named kernel a ref starts from. */
export function presetOf(ref: KernelRef): KernelId {
  return ref.split('+')[0] as KernelId;
}

/** A ref's switches that differ from its preset (none for a named kernel). Assumes a ref made by kernelRef(). */
export function switchesOf(ref: KernelRef): SwitchChanges {
  const read = readSwitchList(ref.split('+').slice(1));
  return typeof read === 'string' ? {} : read;
}

export const isCustom = (ref: KernelRef): boolean => ref.includes('+');

/** How a custom kernel is named: by what differs from its preset ("rfc-v1 + is_device flag"). */
export function customName(ref: KernelRef): string {
  const ch = switchesOf(ref);
  const phrases = SWITCH_NAMES.filter((n) => ch[n] !== undefined).map((n) => switchInfo(n).values.find((v) => v.id === ch[n])?.phrase ?? `${n}=${ch[n]}`);
  return [presetOf(ref), ...phrases].join(' + ');
}

/** The switches a ref changed, as the trace marks calls: function name to the switches that decided it. */
export function switchedFunctions(ref: KernelRef): Map<string, SwitchName[]> {
  const out = new Map<string, SwitchName[]>();
  const ch = switchesOf(ref);
  for (const n of SWITCH_NAMES) {
    if (ch[n] === undefined) continue;
    for (const fn of switchInfo(n).decides) out.set(fn, [...(out.get(fn) ?? []), n]);
  }
  return out;
}
