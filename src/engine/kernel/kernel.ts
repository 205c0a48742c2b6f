import type { AltmapSpec, KernelConfig, KernelId, OnlineType } from '../ops';
import type { Finding, FindingCode } from '../findings/finding-types';
import type { Resource } from '../resource/tree';
import { Tracer } from '../trace/tracer';
import {
  type DevresRegion,
  type FreedList,
  type FreedResource,
  findFreed,
  type HmmDevmem,
  type KernelState,
  type KmemBinding,
  type NodeState,
  type Pgmap,
  type ZoneState,
  emptyNode,
  MAX_NR_ZONES,
  ZONE_NAMES,
} from '../state/kernel-state';
import type { SectionTableDraft } from '../state/section-table';

/** Thrown when the simulated kernel hits BUG()/BUG_ON() or oopses: the run halts there. */
export class KernelBug extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

/**
 * The kernel while it runs one step: a writable draft over the previous snapshot.
 * Kernel functions take it as their first argument, as kernel code reaches its globals.
 */
export class Kernel {
  readonly tr: Tracer;
  readonly log: string[] = [];
  readonly findings: Finding[] = [];
  sec: SectionTableDraft;
  /**
   * The nodes as they stand: a node is copied on its first write (setZone, setNode), so a
   * node or zone read before a write is the old object and does not see the write; read
   * it again after writing.
   */
  readonly nodes: NodeState[];
  /** nodes this draft has copied, by nid; zones it has copied, by nid * MAX_NR_ZONES + zone */
  private ownNodes: boolean[] = [];
  private ownZones: boolean[] = [];
  iomem: Resource;
  // The driver lists are copied on first use: most steps never touch them.
  private devresDraft: DevresRegion[] | null = null;
  private pgmapsDraft: Pgmap[] | null = null;
  private hmmDraft: HmmDevmem[] | null = null;
  private kmemDraft: KmemBinding[] | null = null;
  freed: FreedList | null;
  nextResId: number;
  maxPfn: number;
  readonly blockSizeBytes: number;

  constructor(
    readonly v: Variant,
    readonly cfg: KernelConfig,
    readonly step: number,
    private readonly prev: KernelState,
    traced = false,
  ) {
    this.tr = traced ? new Tracer(true) : Tracer.OFF;
    this.sec = prev.sections.edit();
    this.nodes = prev.nodes.slice();
    this.iomem = prev.iomem;
    this.freed = prev.freed;
    this.nextResId = prev.nextResId;
    this.maxPfn = prev.maxPfn;
    this.blockSizeBytes = prev.blockSizeBytes;
  }

  get devres(): DevresRegion[] {
    return (this.devresDraft ??= this.prev.devres.slice());
  }

  get pgmaps(): Pgmap[] {
    return (this.pgmapsDraft ??= this.prev.pgmaps.slice());
  }

  get hmm(): HmmDevmem[] {
    return (this.hmmDraft ??= this.prev.hmm.slice());
  }

  /** The pgmaps as they stand, for reading without taking a copy. */
  get pgmapsNow(): readonly Pgmap[] {
    return this.pgmapsDraft ?? this.prev.pgmaps;
  }

  get kmem(): KmemBinding[] {
    return (this.kmemDraft ??= this.prev.kmem.slice());
  }

  node(nid: number): Readonly<NodeState> {
    if (!this.nodes[nid]) this.writableNode(nid);
    return this.nodes[nid]!;
  }

  zone(nid: number, zi: number): Readonly<ZoneState> {
    return this.node(nid).zones[zi]!;
  }

  /**
   * The draft's own copy of a node, made on the first write (and the nodes up to nid, if
   * new). Its zones are still the snapshot's until writableZone() copies the one written.
   */
  private writableNode(nid: number): NodeState {
    for (let i = this.nodes.length; i <= nid; i++) {
      this.nodes.push(emptyNode(i));
      this.ownNodes[i] = true;
      for (let zi = 0; zi < MAX_NR_ZONES; zi++) this.ownZones[i * MAX_NR_ZONES + zi] = true;
    }
    if (!this.ownNodes[nid]) {
      const n = this.nodes[nid]!;
      this.nodes[nid] = { ...n, zones: n.zones.slice() };
      this.ownNodes[nid] = true;
    }
    return this.nodes[nid]!;
  }

  private writableZone(nid: number, zi: number): ZoneState {
    const n = this.writableNode(nid);
    if (!this.ownZones[nid * MAX_NR_ZONES + zi]) {
      n.zones[zi] = { ...n.zones[zi]! };
      this.ownZones[nid * MAX_NR_ZONES + zi] = true;
    }
    return n.zones[zi]!;
  }

  /** Writes zone fields and records each change in the trace. */
  setZone(nid: number, zi: number, patch: Partial<ZoneState>): void {
    let z = this.node(nid).zones[zi]! as ZoneState;
    let parts: string[] | null = null;
    for (const key in patch) {
      const f = key as keyof ZoneState;
      const before = z[f];
      const after = patch[f]!;
      if (before === after) continue;
      // the node is copied only when a field really changes
      if (!this.ownZones[nid * MAX_NR_ZONES + zi]) z = this.writableZone(nid, zi);
      if (this.tr.enabled) (parts ??= []).push(`${FIELD_NAMES[f]} ${before} -> ${after}`);
      (z as unknown as Record<string, unknown>)[f] = after;
    }
    if (parts) this.tr.change('zone', `node ${nid} zone ${ZONE_NAMES[zi]}: ${parts.join(', ')}`);
  }

  setNode(nid: number, patch: Partial<Omit<NodeState, 'zones' | 'nid'>>): void {
    let n = this.node(nid) as NodeState;
    let parts: string[] | null = null;
    for (const key in patch) {
      const f = key as keyof typeof patch;
      const before = n[f];
      const after = patch[f]!;
      if (before === after) continue;
      if (!this.ownNodes[nid]) n = this.writableNode(nid);
      if (this.tr.enabled) (parts ??= []).push(`${NODE_FIELD_NAMES[f]} ${String(before)} -> ${String(after)}`);
      (n as unknown as Record<string, unknown>)[f] = after;
    }
    if (parts) this.tr.change('node', `node ${nid}: ${parts.join(', ')}`);
  }

  printk(line: string): void {
    this.log.push(line);
    this.tr.node({ k: 'log', text: line });
  }

  finding(code: FindingCode, fn: string, message: string, range: { start: number; end: number } | null = null, resourceId: number | null = null): void {
    this.findings.push({ step: this.step, code, message, fn, range, resourceId });
    this.tr.node({ k: 'finding', code, text: message });
  }

  /** BUG()/oops: logs the kernel's lines, records the finding and halts the run. */
  bug(fn: string, message: string, lines: string[], range: { start: number; end: number } | null = null): never {
    for (const l of lines) this.printk(l);
    this.finding('kernel-bug', fn, message, range);
    throw new KernelBug(message);
  }

  recordFreed(rec: FreedResource): void {
    this.freed = { head: rec, tail: this.freed };
  }

  freedById(id: number): FreedResource | null {
    return findFreed(this.freed, id);
  }

  allocResId(): number {
    return this.nextResId++;
  }

  freeze(): KernelState {
    return {
      sections: this.sec.freeze(),
      nodes: this.ownNodes.length ? this.nodes.map((n, i) => shareIfEqual(n, this.prev.nodes[i])) : this.prev.nodes,
      iomem: this.iomem,
      devres: this.devresDraft ?? this.prev.devres,
      pgmaps: this.pgmapsDraft ?? this.prev.pgmaps,
      hmm: this.hmmDraft ?? this.prev.hmm,
      kmem: this.kmemDraft ?? this.prev.kmem,
      freed: this.freed,
      nextResId: this.nextResId,
      maxPfn: this.maxPfn,
      blockSizeBytes: this.blockSizeBytes,
    };
  }
}

const FIELD_NAMES: Record<keyof ZoneState, string> = {
  startPfn: 'zone_start_pfn',
  spannedPages: 'spanned_pages',
  presentPages: 'present_pages',
  managedPages: 'managed_pages',
  contiguous: 'contiguous',
};

const NODE_FIELD_NAMES: Record<string, string> = {
  online: 'online',
  startPfn: 'node_start_pfn',
  spannedPages: 'node_spanned_pages',
  presentPages: 'node_present_pages',
};


/** Keeps the previous snapshot's object when nothing changed, so unchanged steps cost nothing. */
function shareIfEqual(n: NodeState, prev: NodeState | undefined): NodeState {
  if (!prev) return n;
  if (n.online !== prev.online || n.startPfn !== prev.startPfn || n.spannedPages !== prev.spannedPages || n.presentPages !== prev.presentPages) return n;
  for (let i = 0; i < n.zones.length; i++) {
    const a = n.zones[i]!;
    const b = prev.zones[i]!;
    if (a === b) continue;
    if (a.startPfn !== b.startPfn || a.spannedPages !== b.spannedPages || a.presentPages !== b.presentPages || a.managedPages !== b.managedPages || a.contiguous !== b.contiguous) return n;
  }
  return prev;
}

/** Where a variant's functions are read: the tree (Elixir) and, for the RFCs, the patch. */
export interface VariantSource {
  /** the Elixir tag whose line numbers the trace links to */
  tree: 'v4.18.20' | 'v5.5-rc5' | 'v6.12.118';
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
  source: VariantSource;
  /**
   * A custom kernel's switched functions, each with the named kernel whose code it runs:
   * their source links go to that kernel's tree or patch, not to the preset's.
   */
  switchedFrom?: ReadonlyMap<string, Variant>;
  add_memory(k: Kernel, nid: number, start: number, size: number, resName: string): number;
  online_block(k: Kernel, id: number, type: OnlineType): number;
  offline_block(k: Kernel, id: number): number;
  remove_memory(k: Kernel, nid: number, start: number, size: number): number;
  devm_memremap_pages(k: Kernel, req: DevmPagemapRequest): number;
  devm_memremap_pages_release(k: Kernel, dev: string): number;
  hmm_devmem_add(k: Kernel, dev: string, nid: number, size: number, type: 'private' | 'public', start: number | null): number;
  hmm_devmem_remove(k: Kernel, dev: string): number;
  /** whether this kernel means to shrink ZONE_DEVICE spans when device memory goes away */
  shrinksDeviceZone: boolean;
  /** the function whose code states that rule (compare names it when a Device span finding differs) */
  deviceZoneRuleFn: string;
  /** idea-refcount: __release_region() drops a reference on a busy entry and frees it with the last (resource/refcount.ts) */
  refcountedResources?: boolean;
  /** memory_hotplug.online_policy exists (5.15+): valid_zones and a plain online follow config.online_policy */
  onlinePolicy?: boolean;
}
