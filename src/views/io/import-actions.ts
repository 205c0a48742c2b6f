/**
 * Reading what the user brings (a /proc/iomem, a scenario file, an exported image) into
 * what the app can open, or into messages that say what could not be read. Pure: the
 * components apply the results to the store.
 */
import type { KernelId, NodeRangeInput } from '../../engine/ops';
import { parseIomemText } from '../../scenario/iomem-text';
import { looksLikeCapture, readMachineCapture } from '../../scenario/machine-capture';
import { parseScenario } from '../../scenario/schema';
import { parseZoneinfoText } from '../../scenario/zoneinfo-text';
import type { MachineSpec, Scenario } from '../../scenario/types';
import { isPng } from '../../links/png-text';
import { summarizeInferred, summarizeMachine, type InferredGroup, type MachineSummary } from './inferred-summary';

export interface MachineRead {
  machine: Extract<MachineSpec, { kind: 'iomem' }>;
  summary: MachineSummary;
  inferred: InferredGroup[];
}

/** `engine`: it was read, but the engine could not run it; `cancelled`: the user stopped the run */
export type IomemRead = ({ ok: true } & MachineRead) | { ok: false; errors: string[]; engine?: boolean; cancelled?: boolean };

/** A /proc/iomem, and optionally the same machine's /proc/zoneinfo (its boot zones' managed pages). */
export function readIomem(text: string, zoneinfoText = '', nodes?: NodeRangeInput[]): IomemRead {
  const parsed = parseIomemText(text);
  const zoneinfo = zoneinfoText.trim() ? parseZoneinfoText(zoneinfoText) : null;
  const errors = [...(parsed.ok ? [] : parsed.errors), ...(zoneinfo && !zoneinfo.ok ? zoneinfo.errors.map((e) => `/proc/zoneinfo: ${e}`) : [])];
  if (!parsed.ok || (zoneinfo && !zoneinfo.ok)) return { ok: false, errors };
  const machine: MachineRead['machine'] = { kind: 'iomem', text, entries: parsed.entries };
  if (zoneinfo?.ok) machine.zoneinfo = { text: zoneinfoText, zones: zoneinfo.zones };
  if (nodes) machine.nodes = nodes;
  return {
    ok: true,
    machine,
    summary: summarizeMachine(parsed.entries, nodes),
    inferred: summarizeInferred(parsed.inferred),
  };
}

export const IMPORTED_TITLE = 'A machine from its /proc/iomem';

/** The scenario after "use as machine": the shown kernel, the new machine, the current steps or none, at boot. */
export function withMachine(current: Scenario, kernel: KernelId, machine: MachineSpec, keepSteps: boolean): Scenario {
  return {
    ...current,
    kernel,
    machine,
    steps: keepSteps ? current.steps : [],
    title: keepSteps ? current.title : IMPORTED_TITLE,
    cursor: 0,
  };
}

/** `notes`: how a machine capture was read (its kernel, the steps that bring it to the captured state) */
export type ScenarioRead =
  | { ok: true; scenario: Scenario; step: number; machine: MachineRead | null; notes?: string[] }
  /** `capture`: the text was a machine capture */
  | { ok: false; errors: string[]; engine?: boolean; cancelled?: boolean; capture?: boolean };

/** A scenario file; when its machine is a /proc/iomem, also what was inferred from it. */
export function readScenarioFile(text: string): ScenarioRead {
  const parsed = parseScenario(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const s = parsed.scenario;
  let machine: MachineRead | null = null;
  if (s.machine.kind === 'iomem') {
    const again = readIomem(s.machine.text, s.machine.zoneinfo?.text, s.machine.nodes);
    if (!again.ok) return { ok: false, errors: again.errors.map((e) => `machine.iomem ${e}`) };
    machine = again;
  }
  return { ok: true, scenario: s, step: s.cursor ?? 0, machine };
}

/** A machine captured whole by scripts/capture-machine.sh, read as the scenario that reaches the captured state. */
export function readCaptureFile(text: string): ScenarioRead {
  const read = readMachineCapture(text);
  if (!read.ok) return { ok: false, errors: read.errors, capture: true };
  const s = read.scenario;
  const machine = s.machine.kind === 'iomem' ? readIomem(s.machine.text, s.machine.zoneinfo?.text, s.machine.nodes) : null;
  if (machine && !machine.ok) return { ok: false, errors: machine.errors, capture: true };
  return { ok: true, scenario: s, step: s.cursor ?? 0, machine, notes: read.notes };
}

export { looksLikeCapture };

export type FileKind = 'png' | 'svg' | 'scenario' | 'capture' | 'iomem';

/**
 * What a dropped or chosen file most likely is, from its first bytes and then its name:
 * PNG by signature, SVG and JSON by their first characters; anything else is taken as a
 * /proc/iomem (whose parser then says, line by line, if it is not one).
 */
export function classifyFile(name: string, head: Uint8Array): FileKind {
  if (isPng(head)) return 'png';
  let text = '';
  for (const b of head.subarray(0, 512)) text += String.fromCharCode(b);
  const start = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (/\.svg$/i.test(name) || /^<\?xml\b[\s\S]*<svg\b|^<svg\b|^<!DOCTYPE svg/i.test(start)) return 'svg';
  if (/\.json$/i.test(name) || start.startsWith('{')) return 'scenario';
  if (looksLikeCapture(start)) return 'capture';
  if (/\.png$/i.test(name)) return 'png';
  return 'iomem';
}
