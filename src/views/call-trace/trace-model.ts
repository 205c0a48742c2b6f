/** What the call-trace view needs to know about a trace beyond drawing it node by node. */
import type { LinkedTraceNode } from '../../engine/views/view-types';

export interface TraceSummary {
  calls: number;
  /** decisions carrying a key: the places where the kernel variants part ways */
  keyDecisions: number;
  findings: string[];
}

export function summarizeTrace(nodes: readonly LinkedTraceNode[]): TraceSummary {
  const s: TraceSummary = { calls: 0, keyDecisions: 0, findings: [] };
  const walk = (ns: readonly LinkedTraceNode[]): void => {
    for (const n of ns) {
      if (n.k === 'call') {
        s.calls++;
        walk(n.children);
      } else if (n.k === 'decision' && n.key !== undefined) s.keyDecisions++;
      else if (n.k === 'finding') s.findings.push(n.code);
    }
  };
  walk(nodes);
  return s;
}

// The kernel's %pR format, which the engine uses for every physical range it prints.
const MEM_RANGE = /\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]/i;

/** The first physical range a trace line names, so hovering the line can highlight it elsewhere. */
export function rangeInText(text: string): { start: number; end: number } | null {
  const m = MEM_RANGE.exec(text);
  return m ? { start: parseInt(m[1]!, 16), end: parseInt(m[2]!, 16) } : null;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
