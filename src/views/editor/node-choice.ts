/**
 * The nodes the builder offers for an operation that takes a nid: the machine's (node 0, the
 * nodes of its ranges, nodes declared without memory), the ones the steps already use, and one
 * new node after them; and the node an address falls in, which the builder proposes.
 */
import { MAX_NUMNODES } from '../../engine/arch';
import type { Op } from '../../engine/ops';
import { formatHex } from '../../scenario/numbers';
import type { MachineSpec } from '../../scenario/types';

export interface NodeChoice {
  nid: number;
  label: string;
}

/** The machine's node ranges at boot: machine.nodes of an iomem machine, the nid of each RAM range. */
function ranges(machine: MachineSpec): { nid: number; start: number; size: number }[] {
  if (machine.kind === 'iomem') return machine.nodes ?? [];
  if (machine.kind === 'ram') return machine.ram;
  return [];
}

export function nodeChoices(machine: MachineSpec, steps: readonly Op[]): NodeChoice[] {
  const memory = new Map<number, string[]>();
  for (const r of ranges(machine)) {
    const list = memory.get(r.nid) ?? [];
    if (r.size > 0) list.push(`${formatHex(r.start)}–${formatHex(r.start + r.size - 1)}`);
    memory.set(r.nid, list);
  }
  const used = new Set<number>([0, ...memory.keys()]);
  for (const s of steps) if ('nid' in s) used.add(s.nid);
  const nids = [...used].sort((a, b) => a - b);
  const fresh = nids[nids.length - 1]! + 1;
  const label = (nid: number): string => {
    const own = memory.get(nid);
    if (own?.length) return `node ${nid} (${own.join(', ')})`;
    if (nid === 0) return 'node 0';
    return own ? `node ${nid} (no memory at boot)` : `node ${nid}`;
  };
  const out = nids.map((nid) => ({ nid, label: label(nid) }));
  if (fresh < MAX_NUMNODES) out.push({ nid: fresh, label: `node ${fresh} (a new node)` });
  return out;
}

/** The node whose boot range holds the address, else node 0 (memory outside every range is node 0's). */
export function nodeOfAddress(machine: MachineSpec, address: number | null): number {
  if (address === null) return 0;
  return ranges(machine).find((r) => address >= r.start && address < r.start + r.size)?.nid ?? 0;
}
