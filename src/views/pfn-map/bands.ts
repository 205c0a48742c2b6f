/**
 * Spans drawn as bands under the sections: one lane for the nodes, one per zone that spans
 * anything. A span is bookkeeping (zone_start_pfn, spanned_pages), not memory: drawing it over
 * the sections shows at a glance where it still covers memory that is gone.
 */
import { PAGES_PER_SECTION } from '../../engine/arch';
import type { StateView } from '../../engine/views/view-types';
import { ZONES } from './section-kinds';

export interface Band {
  label: string;
  nid: number;
  /** zone index, or -1 for a node's span */
  zone: number;
  /** in sections, fractional: spans are in pfns and need not be section aligned */
  s0: number;
  s1: number;
  lane: number;
  presentPages: number;
}

export function buildBands(state: StateView): { bands: Band[]; laneCount: number } {
  const zoneLane = new Map<number, number>();
  for (const node of state.nodes) {
    node.zones.forEach((z, zi) => {
      if (z.spannedPages > 0) zoneLane.set(zi, 0);
    });
  }
  [...zoneLane.keys()].sort((a, b) => a - b).forEach((zi, i) => zoneLane.set(zi, i + 1));
  const many = state.nodes.length > 1;
  const bands: Band[] = [];
  const sec = (pfn: number) => pfn / PAGES_PER_SECTION;
  for (const node of state.nodes) {
    if (node.spannedPages > 0) {
      bands.push({ label: `node ${node.nid}`, nid: node.nid, zone: -1, s0: sec(node.startPfn), s1: sec(node.startPfn + node.spannedPages), lane: 0, presentPages: node.presentPages });
    }
    node.zones.forEach((z, zi) => {
      if (z.spannedPages <= 0) return;
      const name = z.name || ZONES[zi] || `zone ${zi}`;
      bands.push({
        label: many ? `${name} (node ${node.nid})` : name,
        nid: node.nid,
        zone: zi,
        s0: sec(z.startPfn),
        s1: sec(z.startPfn + z.spannedPages),
        lane: zoneLane.get(zi)!,
        presentPages: z.presentPages,
      });
    });
  }
  return { bands, laneCount: zoneLane.size + 1 };
}
