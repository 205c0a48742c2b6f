/**
 * The operations a scenario can apply, after parsing: every number is a plain
 * integer (bytes or counts), never a string. Addresses stay below 2^53 because the
 * x86_64 model has 46 physical address bits.
 */

export type KernelId = 'v4.18' | 'rfc-v1' | 'rfc-v2' | 'v5.5' | 'v6.12' | 'rfc-v3' | 'idea-is-device' | 'idea-refcount';
export const KERNEL_IDS: readonly KernelId[] = ['v4.18', 'rfc-v1', 'rfc-v2', 'v5.5', 'v6.12', 'rfc-v3', 'idea-is-device', 'idea-refcount'];

export type OnlineType = 'online' | 'online_kernel' | 'online_movable';

export interface AltmapSpec {
  /** pfns at the start of the range that belong to the driver and never get a struct page */
  reserve: number;
  /** pfns after the reserve that hold the memmap itself */
  free: number;
}

export type Op =
  | { op: 'add_memory'; nid: number; start: number; size: number }
  | { op: 'online'; start: number; size: number; as: OnlineType }
  | { op: 'offline'; start: number; size: number }
  | { op: 'remove_memory'; nid: number; start: number; size: number }
  | { op: 'request_mem_region'; dev: string; start: number; size: number; name: string }
  | { op: 'release_mem_region'; dev: string; start: number; size: number }
  | { op: 'devm_memremap_pages'; dev: string; nid: number; start: number; size: number; altmap: AltmapSpec | null }
  | { op: 'devm_memremap_pages_release'; dev: string }
  | { op: 'hmm_devmem_add'; dev: string; nid: number; size: number; type: 'private' | 'public'; start?: number }
  | { op: 'hmm_devmem_remove'; dev: string }
  /** device-dax's kmem driver binding a dax range as System RAM (extension of format v1) */
  | { op: 'dax_kmem_probe'; dev: string; nid: number; start: number; size: number }
  | { op: 'dax_kmem_remove'; dev: string };

export type OpName = Op['op'];

export const OP_NAMES: readonly OpName[] = [
  'add_memory',
  'online',
  'offline',
  'remove_memory',
  'request_mem_region',
  'release_mem_region',
  'devm_memremap_pages',
  'devm_memremap_pages_release',
  'hmm_devmem_add',
  'hmm_devmem_remove',
  'dax_kmem_probe',
  'dax_kmem_remove',
];

export interface KernelConfig {
  /** CONFIG_DEBUG_VM(_PGFLAGS): hot-added memmaps are poisoned and reading one is a BUG */
  debug_vm: boolean;
  movable_node: boolean;
  /** memhp_auto_online: add_memory onlines the new blocks itself */
  auto_online: boolean;
  /** overrides the x86 memory block size rule, in bytes */
  block_size?: number;
  /**
   * memory_hotplug.memmap_on_memory (v6.12): each hot-added memory block holds its own
   * memmap in its first pages. Kernels without the option ignore it.
   */
  memmap_on_memory: boolean;
  /**
   * memory_hotplug.online_policy (5.15+, the v6.12 variant): the zone a plain `online` picks.
   * "contig-zones" inherits the zone whose span covers the block; "auto-movable" picks Movable
   * while the MOVABLE:KERNEL_EARLY ratio allows. Kernels without the option ignore it.
   */
  online_policy: OnlinePolicy;
  /** memory_hotplug.auto_movable_ratio: the largest MOVABLE:KERNEL_EARLY ratio, in percent */
  auto_movable_ratio: number;
  /** memory_hotplug.auto_movable_numa_aware: test the block's node as well as the whole machine */
  auto_movable_numa_aware: boolean;
}

export type OnlinePolicy = 'contig-zones' | 'auto-movable';
export const ONLINE_POLICIES: readonly OnlinePolicy[] = ['contig-zones', 'auto-movable'];

export const DEFAULT_CONFIG: KernelConfig = {
  debug_vm: true,
  movable_node: false,
  auto_online: false,
  memmap_on_memory: false,
  online_policy: 'contig-zones',
  auto_movable_ratio: 301,
  auto_movable_numa_aware: true,
};

/** One parsed line of a real /proc/iomem, already placed in the tree. */
export interface IomemEntryInput {
  name: string;
  start: number;
  end: number;
  flags: number;
  desc: number;
  children: IomemEntryInput[];
}

/** One boot zone as a real /proc/zoneinfo showed it: present and managed pages. */
export interface BootZonePages {
  nid: number;
  zone: number;
  present: number;
  managed: number;
}

/**
 * A node's memory range as the firmware gives it (an ACPI SRAT memory affinity entry): boot
 * System RAM inside it is that node's. Size 0 declares a node with no memory at boot.
 */
export interface NodeRangeInput {
  nid: number;
  start: number;
  size: number;
}

export type MachineInput =
  /**
   * `zoneinfo`: the machine's own zones, whose managed pages replace the engine's boot rule;
   * `nodes`: which node each piece of boot RAM is on (node 0 where none is given)
   */
  | { kind: 'iomem'; entries: IomemEntryInput[]; zoneinfo?: BootZonePages[]; nodes?: NodeRangeInput[] }
  | { kind: 'ram'; ram: { start: number; size: number; nid: number }[] };
