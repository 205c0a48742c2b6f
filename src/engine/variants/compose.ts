/**
 * A custom kernel: a preset's variant with the decision points its switches changed
 * replaced by the code another preset already has. The 2018 kernels share one removal path
 * (mm/remove-memory.ts) and differ in a few parts, each a factory of the decision points it
 * depends on; here every part is rebuilt from the switches, a named kernel's own values
 * included, so that the property test that a preset's switches give the named kernel
 * checks the parts, not a shortcut. Later kernels (v5.5, v6.12) take no switches
 * (switches.ts says why) and run as they are.
 */
import type { HmmHooks } from '../drivers/hmm';
import { hmmDevmemAdd, hmmDevmemRemove } from '../drivers/hmm';
import { devmMemremapPages, devmMemremapPagesRelease, type MemremapHooks } from '../drivers/memremap';
import type { Variant } from '../kernel/kernel';
import type { KernelId } from '../ops';
import { memory_block_offline, type OfflineRules } from '../mm/offline';
import { ALWAYS_RELEASE, RELEASE_AFTER_ARCH_REMOVE, type RemovalRules, remove_memory } from '../mm/remove-memory';
import { SHRINK_V4_18, type ShrinkRules } from '../mm/span-shrink';
import { idea_is_device, isDeviceRemoval } from './idea-is-device';
import { REMOVE_REFCOUNT, idea_refcount, withHotAddRef, withHotAddRefHmm } from './idea-refcount';
import { REMOVE_RFC_V1, SHRINK_RFC_V1, memremapRfcV1, offlineRfcV1, rfc_v1 } from './rfc-v1';
import { REMOVE_RFC_V2, SHRINK_RFC_V2, hmmRfcV2, memremapRfcV2, offlineRfcV2, rfc_v2 } from './rfc-v2';
import { REMOVE_RFC_V3, hmmRfcV3, memremapRfcV3, offlineRfcV3, rfc_v3 } from './rfc-v3';
import { checkSwitches, PRESETS, type SwitchChanges, type Switches } from './switches';
import { OFFLINE_V4_18, REMOVE_V4_18, hmmV4_18, memremapV4_18, v4_18 } from './v4-18';

/** What a 2018 kernel is made of, each part built from the decision points it depends on. */
interface Parts2018 {
  /** the named kernel: its add and online paths, its id and source links */
  base: Variant;
  /** its remove_memory() rules, before the switches set theirs */
  removal: RemovalRules;
  offline(shrink: ShrinkRules): OfflineRules;
  memremap(removal: RemovalRules, shrink: ShrinkRules): MemremapHooks;
  hmm(removal: RemovalRules, shrink: ShrinkRules): HmmHooks;
}

const V4_18_PARTS: Parts2018 = { base: v4_18, removal: REMOVE_V4_18, offline: () => OFFLINE_V4_18, memremap: (r) => memremapV4_18(r), hmm: (r) => hmmV4_18(r) };
const RFC_V1_PARTS: Parts2018 = { base: rfc_v1, removal: REMOVE_RFC_V1, offline: offlineRfcV1, memremap: memremapRfcV1, hmm: (r) => hmmV4_18(r) };

const PARTS: Partial<Record<KernelId, Parts2018>> = {
  'v4.18': V4_18_PARTS,
  'rfc-v1': RFC_V1_PARTS,
  'rfc-v2': { base: rfc_v2, removal: REMOVE_RFC_V2, offline: offlineRfcV2, memremap: memremapRfcV2, hmm: hmmRfcV2 },
  'rfc-v3': { base: rfc_v3, removal: REMOVE_RFC_V3, offline: offlineRfcV3, memremap: memremapRfcV3, hmm: hmmRfcV3 },
  // the two ideas are RFC v1 with one decision point each: their switches say which
  'idea-is-device': { ...RFC_V1_PARTS, base: idea_is_device },
  'idea-refcount': { ...RFC_V1_PARTS, base: idea_refcount },
};

/** The span scans of each span_test value: the named kernel's ShrinkRules that test it. */
const SHRINK_OF: Record<string, ShrinkRules> = {
  valid_section: SHRINK_V4_18,
  online_section: SHRINK_RFC_V1,
  online_section_pgdat_valid: SHRINK_RFC_V2,
};

/** The offline path of each shrink value, where the preset's own does not shrink that way: v4.18's, or RFC v1's (the patch that moved the shrink). */
const OFFLINE_OF: Record<string, (shrink: ShrinkRules) => OfflineRules> = {
  at_removal: () => OFFLINE_V4_18,
  at_offline: offlineRfcV1,
};

/** __remove_pages()'s test for the remove_memory() path and for the device paths (they differ only for the is_device flag). */
function releaseRules(sw: Switches, common: RemovalRules): { memory: RemovalRules; device: RemovalRules } {
  const both = (r: RemovalRules) => ({ memory: r, device: r });
  switch (sw.release) {
    case 'is_dev_zone':
      return both({ ...common, releasesResource: REMOVE_V4_18.releasesResource });
    case 'altmap':
      return both({ ...common, releasesResource: REMOVE_RFC_V1.releasesResource });
    case 'always': {
      // the decision's text says what release_mem_region_adjustable() then does
      const test = sw.refcount === 'on' ? REMOVE_REFCOUNT : sw.sysram === 'on' ? REMOVE_RFC_V2 : ALWAYS_RELEASE;
      return both({ ...common, releasesResource: test.releasesResource });
    }
    case 'is_device_flag':
      return { memory: isDeviceRemoval(common, false), device: isDeviceRemoval(common, true) };
    case 'after_arch_remove':
      return both({ ...common, ...RELEASE_AFTER_ARCH_REMOVE });
    default:
      throw new Error(`no release test "${sw.release}"`);
  }
}

function compose2018(preset: KernelId, parts: Parts2018, sw: Switches): Variant {
  // device_span=kept adds v5.5's early return for ZONE_DEVICE; a named 2018 kernel's rules stay the very object it runs
  const shrink: ShrinkRules = sw.device_span === 'kept' ? { ...SHRINK_OF[sw.span_test]!, keepsDeviceSpans: true } : SHRINK_OF[sw.span_test]!;
  const common: RemovalRules = {
    ...parts.removal,
    sysramCheck: sw.sysram === 'on',
    refcounted: sw.refcount === 'on',
    unregisterByNid: sw.unregister === 'by_nid',
    shrinkAtRemoval: sw.shrink === 'at_removal' ? shrink : null,
  };
  const { memory, device } = releaseRules(sw, common);
  const offline = sw.shrink === PRESETS[preset].shrink ? parts.offline(shrink) : OFFLINE_OF[sw.shrink]!(shrink);
  const refcounted = sw.refcount === 'on';
  const memremap = refcounted ? withHotAddRef(parts.memremap(device, shrink)) : parts.memremap(device, shrink);
  const hmm = refcounted ? withHotAddRefHmm(parts.hmm(device, shrink)) : parts.hmm(device, shrink);
  return {
    ...parts.base,
    offline_block: (k, id) => memory_block_offline(k, offline, id),
    remove_memory: (k, nid, start, size) => remove_memory(k, memory, nid, start, size),
    devm_memremap_pages: (k, req) => devmMemremapPages(k, memremap, req),
    devm_memremap_pages_release: (k, dev) => devmMemremapPagesRelease(k, memremap, dev),
    hmm_devmem_add: (k, dev, nid, size, type, start) => hmmDevmemAdd(k, hmm, dev, nid, size, type, start),
    hmm_devmem_remove: (k, dev) => hmmDevmemRemove(k, hmm, dev),
    refcountedResources: refcounted,
    shrinksDeviceZone: sw.device_span === 'shrinks',
  };
}

/**
 * The variant of `preset` with `switches` set (the rest at the preset's values). Throws with
 * checkSwitches()'s reason for a combination the code could not have.
 */
export function composeVariant(preset: KernelId, switches: SwitchChanges, named: Variant): Variant {
  const why = checkSwitches(preset, switches);
  if (why) throw new Error(`cannot compose ${preset}: ${why}`);
  const parts = PARTS[preset];
  // v5.5 and v6.12 take no switches: checkSwitches refused any change
  if (!parts) return named;
  return compose2018(preset, parts, { ...PRESETS[preset], ...switches });
}
