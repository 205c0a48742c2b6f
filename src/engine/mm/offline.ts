import { PAGEBLOCK_NR_PAGES, PAGES_PER_SECTION, pfnToPhys, pfnToSection } from '../arch';
import { EBUSY, EINVAL, ENOENT } from '../errno';
import { IORESOURCE_BUSY, hasFlag } from '../resource/flags';
import { systemRamPieces } from '../resource/release';
import type { ResList } from '../resource/res-list';
import type { Resource } from '../resource/tree';
import type { Kernel } from '../kernel/kernel';
import { ZONE_NAMES } from '../state/kernel-state';
import { BlockState } from '../state/section-bits';
import { singleZoneOfRange } from './block-zones';
import { hashx010, hexPfn } from './fmt';
import { BLOCK_STATE_NAMES, blockNid, blockStartPfn, blockState, sectionsPerBlock, setBlockState } from './memory-block';
import { page_zone } from './page';
import { offline_mem_sections } from './sparse';

/** What one offline has to settle afterwards: the part where the kernel variants differ. */
export interface OfflineDone {
  nid: number;
  zi: number;
  startPfn: number;
  endPfn: number;
  validStart: number;
  validEnd: number;
  offlined: number;
}

export interface OfflineRules {
  firstLevelSystemRam: boolean;
  /** v5.5: refuse blocks that are not entirely System RAM ("memory holes") */
  refuseHoles: boolean;
  /** the variant's accounting and span handling after offline_isolated_pages() */
  finish(k: Kernel, d: OfflineDone): void;
}

/** Busy entries inside System RAM (kernel image, crash kernel): pages that cannot be migrated. */
export function unmovableIn(k: Kernel, lo: number, hi: number): Resource | null {
  const walk = (list: ResList<Resource>, inRam: boolean): Resource | null => {
    for (let i = list.firstEndingAtOrAbove(lo); i < list.length && list.at(i)!.start <= hi; i++) {
      const r = list.at(i)!;
      if (inRam && hasFlag(r.flags, IORESOURCE_BUSY)) return r;
      const hit = walk(r.children, r.name.startsWith('System RAM'));
      if (hit) return hit;
    }
    return null;
  };
  return walk(k.iomem.children, false);
}

/** __offline_pages(start_pfn, end_pfn) */
function __offline_pages(k: Kernel, rules: OfflineRules, startPfn: number, endPfn: number, nid: number): number {
  return k.tr.call('__offline_pages', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
    const fail = (ret: number, reason: string): number => {
      if (k.tr.enabled) k.tr.note(`pr_debug: memory offlining [mem ${hashx010(pfnToPhys(startPfn))}-${hashx010(pfnToPhys(endPfn) - 1)}] failed due to ${reason}`);
      return ret;
    };
    if (startPfn % PAGEBLOCK_NR_PAGES || endPfn % PAGEBLOCK_NR_PAGES) return -EINVAL;
    const pieces = systemRamPieces(k, startPfn, endPfn - startPfn, rules.firstLevelSystemRam);
    const ramPages = pieces.reduce((a, p) => a + p.nr, 0);
    if (rules.refuseHoles && ramPages !== endPfn - startPfn) return fail(-EINVAL, 'memory holes');
    const zi = k.tr.call('test_pages_in_a_zone', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () =>
      singleZoneOfRange(k, nid, pfnToSection(startPfn), (endPfn - startPfn) / PAGES_PER_SECTION),
    (z) => (z === null ? '0 (several zones)' : `1 (zone ${ZONE_NAMES[z]})`));
    if (zi === null) return fail(-EINVAL, 'multizone range');
    const validStart = pieces[0]?.pfn ?? startPfn;
    const validEnd = endPfn;
    page_zone(k, '__offline_pages', validStart, 'to find the zone being offlined');
    const blocker = unmovableIn(k, pfnToPhys(startPfn), pfnToPhys(endPfn) - 1);
    const isolated = k.tr.call('start_isolate_page_range', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}, MIGRATE_MOVABLE`, () => (blocker ? -EBUSY : 0));
    if (isolated) {
      if (k.tr.enabled) k.tr.note(`"${blocker!.name}" lies in the range: its pages are not movable`);
      return fail(isolated, 'failure to isolate range');
    }
    const offlined = ramPages;
    k.printk(`Offlined Pages ${offlined}`);
    k.tr.call(k.v.source.tree === 'v5.5-rc5' ? 'offline_isolated_pages_cb' : 'offline_isolated_pages', () => `${hexPfn(startPfn)}, ${hexPfn(endPfn)}`, () => {
      for (const p of pieces) offline_mem_sections(k, p.pfn, p.pfn + p.nr);
    });
    rules.finish(k, { nid, zi, startPfn, endPfn, validStart, validEnd, offlined });
    return 0;
  });
}

/** Writing "offline" to memoryN/state: device_offline() -> memory_block_action(MEM_OFFLINE). */
export function memory_block_offline(k: Kernel, rules: OfflineRules, id: number): number {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  return k.tr.call(k.v.source.tree === 'v5.5-rc5' ? 'state_store' : 'store_mem_state', () => `memory${id}, "offline"`, () => {
    const st = blockState(k.sec, id, spb);
    if (st === BlockState.None) {
      if (k.tr.enabled) k.tr.note(`/sys/devices/system/memory/memory${id} does not exist`);
      return -ENOENT;
    }
    if (st !== BlockState.Online) {
      if (k.tr.enabled) k.tr.decision('device_offline(): dev->offline', `true (block is ${BLOCK_STATE_NAMES[st]}): returns 1, store returns -EINVAL`);
      return -EINVAL;
    }
    setBlockState(k, id, BlockState.GoingOffline);
    const startPfn = blockStartPfn(id, spb);
    const ret = k.tr.call('memory_block_action', () => `${pfnToSection(startPfn)}, MEM_OFFLINE`, () =>
      k.tr.call('offline_pages', () => `${hexPfn(startPfn)}, ${spb * PAGES_PER_SECTION}`, () =>
        __offline_pages(k, rules, startPfn, startPfn + spb * PAGES_PER_SECTION, blockNid(k.sec, id, spb)),
      ),
    );
    setBlockState(k, id, ret === 0 ? BlockState.Offline : BlockState.Online);
    return ret;
  });
}

/** v4.18's bookkeeping after offline: counts go down, spans stay. */
export function accountOffline(k: Kernel, d: OfflineDone, opts: { nodePresent: boolean; zonePresent: boolean }): void {
  const z = k.zone(d.nid, d.zi);
  k.tr.call('adjust_managed_page_count', () => `-${d.offlined}`, () => k.setZone(d.nid, d.zi, { managedPages: z.managedPages - d.offlined }));
  if (opts.zonePresent) k.setZone(d.nid, d.zi, { presentPages: z.presentPages - d.offlined });
  if (opts.nodePresent) k.setNode(d.nid, { presentPages: k.node(d.nid).presentPages - d.offlined });
}
