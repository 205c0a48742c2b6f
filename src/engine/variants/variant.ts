import type { KernelId, OnlineType } from '../ops';
import type { AltmapSpec } from '../ops';
import type { Kernel } from '../state/kernel';

/** Where a variant's functions are read: the tree (Elixir) and, for the RFCs, the patch. */
export interface VariantSource {
  /** the Elixir tag whose line numbers the trace links to */
  tree: 'v4.18.20' | 'v5.5-rc5';
  /** functions this variant's patch changed or added, linked to the patch instead of the tree */
  patched: readonly string[];
  /** the patch in the linux-mm archive */
  patchUrl: string | null;
}

export interface DevmPagemapRequest {
  dev: string;
  nid: number;
  start: number;
  size: number;
  altmap: AltmapSpec | null;
}

/**
 * One kernel behaviour. Each entry point is the kernel function a scenario op reaches;
 * a variant module replaces exactly the ones its kernel changed and reuses the rest.
 */
export interface Variant {
  id: KernelId;
  title: string;
  source: VariantSource;
  add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number;
  online_block(k: Kernel, id: number, type: OnlineType): number;
  offline_block(k: Kernel, id: number): number;
  remove_memory(k: Kernel, nid: number, start: number, size: number): number;
  devm_memremap_pages(k: Kernel, req: DevmPagemapRequest): number;
  devm_memremap_pages_release(k: Kernel, dev: string): number;
  hmm_devmem_add(k: Kernel, dev: string, nid: number, size: number, type: 'private' | 'public', start: number | null): number;
  hmm_devmem_remove(k: Kernel, dev: string): number;
  /** release_mem_region_adjustable()'s IORESOURCE_SYSRAM back-off */
  sysramCheck: boolean;
  /** whether this kernel means to shrink ZONE_DEVICE spans when device memory goes away */
  shrinksDeviceZone: boolean;
}
