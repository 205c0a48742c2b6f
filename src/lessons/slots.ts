/**
 * The values narration reads from the engine instead of typing them: {{kind:arg}} in the
 * markup is filled from the state after the step shown and that step's result, so the
 * text cannot disagree with the run. A slot that does not resolve is a lesson bug, which
 * the lesson tests catch for every step under every kernel.
 */
import { errStr } from '../engine/errno';
import type { StateView, StepView } from '../engine/views/view-types';

export interface SlotContext {
  /** the state after the step shown (0 = boot) */
  state: StateView;
  /** the step shown, or null at the boot state */
  step: StepView | null;
}

/** How the panel shows a value: kernel text as code, numbers and phrases as text. */
export type SlotValue = { text: string; code: boolean };

const lines = (text: string) => text.split('\n');

function zoneLines(state: StateView, zone: string): string[] | null {
  const all = lines(state.zoneinfoText);
  const head = all.findIndex((l) => /^Node \d+, zone +(\S+)$/.exec(l)?.[1] === zone);
  if (head < 0) return null;
  const end = all.findIndex((l, i) => i > head && l.startsWith('Node '));
  return all.slice(head, end < 0 ? undefined : end);
}

function zoneNumber(state: StateView, zone: string, field: 'spannedPages' | 'presentPages' | 'managedPages' | 'startPfn'): string | null {
  const z = state.nodes.flatMap((n) => n.zones).find((x) => x.name === zone);
  return z ? String(z[field]) : null;
}

const SLOTS: Record<string, (ctx: SlotContext, arg: string) => SlotValue | null> = {
  /** the /proc/iomem line(s) whose name is arg, as the kernel prints them */
  iomem: ({ state }, name) => {
    const hit = lines(state.iomemText).map((l) => l.trim()).filter((l) => l.endsWith(` : ${name}`));
    return hit.length ? { text: hit.join('; '), code: true } : null;
  },
  /** the /proc/iomem line that starts at hex address arg */
  'iomem-at': ({ state }, start) => {
    const hit = lines(state.iomemText).map((l) => l.trim()).find((l) => l.startsWith(`${start}-`));
    return hit ? { text: hit, code: true } : null;
  },
  /** a zone's header line in /proc/zoneinfo ("Node 0, zone  Movable"), or one of its lines ("Movable/spanned") */
  zoneinfo: ({ state }, arg) => {
    const [zone = '', field] = arg.split('/');
    const zl = zoneLines(state, zone);
    if (!zl) return null;
    if (!field) return { text: zl[0]!, code: true };
    const l = zl.find((x) => x.trim().startsWith(field));
    return l ? { text: l.trim(), code: true } : null;
  },
  spanned: ({ state }, zone) => wrap(zoneNumber(state, zone, 'spannedPages')),
  present: ({ state }, zone) => wrap(zoneNumber(state, zone, 'presentPages')),
  managed: ({ state }, zone) => wrap(zoneNumber(state, zone, 'managedPages')),
  /** present less managed pages: what the zone holds that the page allocator was never given (a block's own memmap) */
  unmanaged: ({ state }, zone) => {
    const z = state.nodes.flatMap((n) => n.zones).find((x) => x.name === zone);
    return z ? { text: String(z.presentPages - z.managedPages), code: false } : null;
  },
  start_pfn: ({ state }, zone) => {
    const n = zoneNumber(state, zone, 'startPfn');
    return n === null ? null : { text: `0x${Number(n).toString(16)}`, code: false };
  },
  /** the step's return value, "0" or "-16 (-EBUSY)"; none after a BUG */
  ret: ({ step }) => (step && step.ran && !step.bug && step.ret !== null ? { text: errStr(step.ret), code: false } : null),
  /** the step's log line containing arg */
  log: ({ step }, part) => {
    const l = step?.log.find((x) => x.includes(part));
    return l ? { text: l, code: true } : null;
  },
  /** the "kernel BUG at …" line the step ended with */
  bug: ({ step }) => {
    const l = step?.bug ? step.log.find((x) => x.startsWith('kernel BUG at ')) : undefined;
    return l ? { text: l, code: true } : null;
  },
  /** how many /proc/iomem lines are named arg */
  count: ({ state }, name) => ({ text: String(lines(state.iomemText).filter((l) => l.trim().endsWith(` : ${name}`)).length), code: false }),
};

const wrap = (v: string | null): SlotValue | null => (v === null ? null : { text: v, code: false });

/** The value of {{kind:arg}} in this state, or null when the state has none (or the kind is unknown). */
export function fillSlot(kind: string, arg: string, ctx: SlotContext): SlotValue | null {
  const f = SLOTS[kind];
  return f ? f(ctx, arg) : null;
}
