import type { AltmapSpec } from '../ops';
import type { Resource } from '../resource/tree';
import type { SectionTable } from './section-table';

/** enum zone_type on x86_64 with CONFIG_ZONE_DEVICE */
export const ZONE_DMA = 0;
export const ZONE_DMA32 = 1;
export const ZONE_NORMAL = 2;
export const ZONE_MOVABLE = 3;
export const ZONE_DEVICE = 4;
export const MAX_NR_ZONES = 5;
/** the kernel zones online_kernel may pick from (ZONE_DMA..ZONE_NORMAL) */
export const MAX_KERNEL_ZONE = ZONE_NORMAL;
export const ZONE_NAMES = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'] as const;
export type ZoneName = (typeof ZONE_NAMES)[number];

export interface ZoneState {
  startPfn: number;
  spannedPages: number;
  presentPages: number;
  managedPages: number;
  contiguous: boolean;
}

export interface NodeState {
  nid: number;
  online: boolean;
  startPfn: number;
  spannedPages: number;
  presentPages: number;
  zones: ZoneState[];
}

/**
 * A region someone claimed and has not released: what it believes it owns. A driver's
 * devm_request_mem_region(), or (dev "platform") the platform's own registration of coherent
 * device memory, which no driver releases.
 */
export interface DevresRegion {
  dev: string;
  start: number;
  size: number;
  /** the resource the request returned; it may since have been freed behind the driver's back */
  resId: number;
}

export type PgmapType = 'fsdax' | 'devdax' | 'private' | 'public';

/** A dev_pagemap: ZONE_DEVICE struct pages some driver created over [resStart, resEnd]. */
export interface Pgmap {
  dev: string;
  nid: number;
  resStart: number;
  resEnd: number;
  /** section-aligned range that was hot-added */
  alignStart: number;
  alignSize: number;
  altmap: AltmapSpec | null;
  type: PgmapType;
  /** which API created it: devm_memremap_pages, hmm_devmem_add(_resource), memremap_pages */
  api: 'devm_memremap_pages' | 'hmm_devmem' | 'memremap_pages';
}

/** struct hmm_devmem: the device memory an HMM driver registered. */
export interface HmmDevmem {
  dev: string;
  nid: number;
  type: 'private' | 'public';
  start: number;
  size: number;
  resId: number;
  /** the driver's own region (private) or the platform's (public, never released by HMM) */
  resOwner: string;
}

/** A kmem binding: dax memory handed to the page allocator as System RAM. */
export interface KmemBinding {
  dev: string;
  nid: number;
  start: number;
  size: number;
  containerId: number;
}

/** A resource that was unlinked and freed: kept so later reads of it can be reported. */
export interface FreedResource {
  id: number;
  name: string;
  start: number;
  end: number;
  owner: string;
  step: number;
  by: string;
}

/** A persistent list, so keeping every freed resource costs each snapshot nothing. */
export interface FreedList {
  readonly head: FreedResource;
  readonly tail: FreedList | null;
}

export function findFreed(list: FreedList | null, id: number): FreedResource | null {
  for (let l = list; l; l = l.tail) if (l.head.id === id) return l.head;
  return null;
}

export interface KernelState {
  sections: SectionTable;
  nodes: readonly NodeState[];
  iomem: Resource;
  devres: readonly DevresRegion[];
  pgmaps: readonly Pgmap[];
  hmm: readonly HmmDevmem[];
  kmem: readonly KmemBinding[];
  /** newest first, shared between snapshots: a step adds to the front */
  freed: FreedList | null;
  nextResId: number;
  /** max_pfn: grows with hot-add (update_end_of_memory_vars), never shrinks */
  maxPfn: number;
  blockSizeBytes: number;
}

export const zoneEnd = (z: ZoneState): number => z.startPfn + z.spannedPages;
export const zoneEmpty = (z: ZoneState): boolean => z.spannedPages === 0;

function emptyZone(): ZoneState {
  return { startPfn: 0, spannedPages: 0, presentPages: 0, managedPages: 0, contiguous: false };
}

export function emptyNode(nid: number): NodeState {
  return {
    nid,
    online: false,
    startPfn: 0,
    spannedPages: 0,
    presentPages: 0,
    zones: Array.from({ length: MAX_NR_ZONES }, emptyZone),
  };
}
