/**
 * What the import made of a /proc/iomem, in a form a person can check at a glance: which
 * flags each entry was given and why (the file shows no flags, so they are guessed from
 * names), and how much boot memory the machine has.
 */
import type { IomemEntryInput, NodeRangeInput } from '../../engine/ops';
import { IORES_DESC_NONE, descName, flagNames } from '../../engine/resource/flags';
import type { InferenceNote } from '../../scenario/iomem-text';

export interface InferredGroup {
  /** e.g. "MEM SYSRAM BUSY" */
  flags: string;
  /** e.g. "PERSISTENT_MEMORY_LEGACY"; null for IORES_DESC_NONE */
  desc: string | null;
  rule: string;
  count: number;
  /** distinct names in order of first appearance, each with the lines it is on */
  names: { name: string; lines: number[] }[];
}

/** One group per rule (a rule always yields the same flags and desc), ordered by first line. */
export function summarizeInferred(notes: readonly InferenceNote[]): InferredGroup[] {
  const groups = new Map<string, InferredGroup>();
  for (const n of notes) {
    const flags = flagNames(n.flags).join(' ') || 'none';
    const desc = n.desc === IORES_DESC_NONE ? null : descName(n.desc);
    const key = `${n.rule}\u0000${flags}\u0000${desc}`;
    let g = groups.get(key);
    if (!g) {
      g = { flags, desc, rule: n.rule, count: 0, names: [] };
      groups.set(key, g);
    }
    g.count++;
    const named = g.names.find((x) => x.name === n.name);
    if (named) named.lines.push(n.line);
    else g.names.push({ name: n.name, lines: [n.line] });
  }
  return [...groups.values()];
}

/** "lines 3, 5-7, 9": consecutive lines folded into ranges. */
export function formatLines(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'line' : 'lines'} ${parts.join(', ')}`;
}

export interface MachineSummary {
  entries: number;
  bootRanges: number;
  bootBytes: number;
  text: string;
}

export function summarizeMachine(entries: readonly IomemEntryInput[], nodes: readonly NodeRangeInput[] = []): MachineSummary {
  let count = 0;
  const walk = (es: readonly IomemEntryInput[]): void => {
    for (const e of es) {
      count++;
      walk(e.children);
    }
  };
  walk(entries);
  const boot = entries.filter((e) => e.name === 'System RAM');
  const bootBytes = boot.reduce((n, e) => n + (e.end - e.start + 1), 0);
  const others = [...new Set(nodes.filter((n) => n.size > 0).map((n) => n.nid))].sort((a, b) => a - b);
  const where = others.length ? `on node 0 and, where machine.nodes says, node ${others.join(', ')}` : 'on node 0';
  const text = `${count} ${count === 1 ? 'entry' : 'entries'}; ${boot.length} top-level System RAM ${boot.length === 1 ? 'range' : 'ranges'} (${formatBytes(bootBytes)}) become boot memory ${where}`;
  return { entries: count, bootRanges: boot.length, bootBytes, text };
}

/** Sizes as a person says them, to two decimals. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${n} bytes`;
  return `${Number.isInteger(v) ? v : v.toFixed(2)} ${units[u]}`;
}
