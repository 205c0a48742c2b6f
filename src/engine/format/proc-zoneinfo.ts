import { type KernelState, ZONE_NAMES } from '../state/kernel-state';

/**
 * The lines of /proc/zoneinfo the engine models, as zoneinfo_show_print() formats them:
 * every zone of every online node in index order; start_pfn only for populated zones.
 */
export function formatZoneinfo(s: KernelState): string {
  const lines: string[] = [];
  for (const node of s.nodes) {
    if (!node.online) continue;
    node.zones.forEach((z, zi) => {
      lines.push(`Node ${node.nid}, zone ${ZONE_NAMES[zi]!.padStart(8)}`);
      lines.push(`        spanned  ${z.spannedPages}`);
      lines.push(`        present  ${z.presentPages}`);
      lines.push(`        managed  ${z.managedPages}`);
      if (z.presentPages > 0) lines.push(`  start_pfn:           ${z.startPfn}`);
    });
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
