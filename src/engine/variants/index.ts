import type { AutoMovableParams } from '../mm/auto-movable';
import type { KernelConfig, KernelId } from '../ops';
import { idea_is_device } from './idea-is-device';
import { idea_refcount } from './idea-refcount';
import { rfc_v1 } from './rfc-v1';
import { rfc_v2 } from './rfc-v2';
import { rfc_v3 } from './rfc-v3';
import { v4_18 } from './v4-18';
import { v5_5 } from './v5-5';
import { v6_12 } from './v6-12';
import { autoMovableParamsOf } from './v6-12-online-policy';
import type { Variant } from '../kernel/kernel';
import { composeVariant } from './compose';
import { hasSource } from '../trace/source-links';
import { type KernelRef, parseKernelRef, SWITCH_NAMES, SWITCHES, type SwitchChanges } from './switches';

export const VARIANTS: Record<KernelId, Variant> = {
  'v4.18': v4_18,
  'rfc-v1': rfc_v1,
  'rfc-v2': rfc_v2,
  'v5.5': v5_5,
  'v6.12': v6_12,
  'rfc-v3': rfc_v3,
  'idea-is-device': idea_is_device,
  'idea-refcount': idea_refcount,
};

const composed = new Map<KernelRef, Variant>();

/**
 * The variant that runs a kernel: a named one, or a custom one composed from its preset and
 * switches (kept, so a run's steps and traces share one). Throws for a combination
 * checkSwitches() refuses.
 */
export function variantOf(ref: KernelRef): Variant {
  const named = VARIANTS[ref as KernelId];
  if (named) return named;
  let v = composed.get(ref);
  if (!v) {
    const read = parseKernelRef(ref);
    if (!read.ok) throw new Error(read.error);
    v = composeVariant(read.kernel.preset, read.kernel.switches, VARIANTS[read.kernel.preset]);
    v = { ...v, switchedFrom: switchedFrom(read.kernel.switches) };
    composed.set(ref, v);
  }
  return v;
}

/**
 * Where each switched function's code comes from: the named kernel of the switch's value,
 * where that kernel has the function (v5.5 has no __shrink_pages(): device_span=kept's early
 * return stays with the preset's function). The first switch in table order wins a function.
 */
function switchedFrom(switches: SwitchChanges): Map<string, Variant> {
  const out = new Map<string, Variant>();
  for (const name of SWITCH_NAMES) {
    const value = switches[name];
    if (value === undefined) continue;
    const info = SWITCHES.find((s) => s.name === name)!;
    const from = VARIANTS[info.values.find((x) => x.id === value)!.from];
    for (const fn of info.decides) if (!out.has(fn) && hasSource(from, fn)) out.set(fn, from);
  }
  return out;
}

/** The auto-movable policy a run applies: null when it is off or its kernel has no online_policy (before 5.15). */
export function autoMovableOf(kernel: KernelRef, cfg: KernelConfig): AutoMovableParams | null {
  return variantOf(kernel).onlinePolicy ? autoMovableParamsOf(cfg) : null;
}
