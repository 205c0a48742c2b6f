/**
 * A real /proc/zoneinfo, read for what the engine cannot work out from /proc/iomem: each boot
 * zone's managed pages (present less what boot reserved). Only the `Node N, zone NAME` headers
 * and the `present` and `managed` lines are read; the kernel's many other lines are skipped.
 */
import type { BootZonePages } from '../engine/ops';
import { MAX_NUMNODES } from '../engine/arch';
import { ZONE_NAMES } from '../engine/state/kernel-state';

export type ZoneinfoRead = { ok: true; zones: BootZonePages[] } | { ok: false; errors: string[] };

const HEADER = /^Node\s+(\d+),\s+zone\s+(\S+)\s*$/;
const COUNT = /^\s+(present|managed)\s+(\d+)\s*$/;

export function parseZoneinfoText(text: string): ZoneinfoRead {
  const errors: string[] = [];
  const zones: BootZonePages[] = [];
  let cur: { nid: number; zone: number; line: number; present: number | null; managed: number | null } | null = null;
  const close = (): void => {
    if (!cur) return;
    const name = `node ${cur.nid} zone ${ZONE_NAMES[cur.zone]} (line ${cur.line})`;
    if (cur.present === null || cur.managed === null) errors.push(`${name} has no ${cur.present === null ? 'present' : 'managed'} line`);
    else if (cur.managed > cur.present) errors.push(`${name}: managed ${cur.managed} is more than present ${cur.present}`);
    else zones.push({ nid: cur.nid, zone: cur.zone, present: cur.present, managed: cur.managed });
    cur = null;
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const h = HEADER.exec(line);
    if (h) {
      close();
      const nid = Number(h[1]);
      const zone = (ZONE_NAMES as readonly string[]).indexOf(h[2]!);
      if (zone < 0) errors.push(`line ${i + 1}: "${h[2]}" is not a zone of x86_64 (${ZONE_NAMES.join(', ')})`);
      else if (nid >= MAX_NUMNODES) errors.push(`line ${i + 1}: node ${nid} is beyond the ${MAX_NUMNODES} nodes of x86_64`);
      else if (zones.some((z) => z.nid === nid && z.zone === zone)) errors.push(`line ${i + 1}: node ${nid} zone ${h[2]} appears twice`);
      else cur = { nid, zone, line: i + 1, present: null, managed: null };
      return;
    }
    const c = COUNT.exec(line);
    // per-node stats carry their own "present"-free counters; only a zone's own lines count
    if (c && cur && cur[c[1] as 'present' | 'managed'] === null) cur[c[1] as 'present' | 'managed'] = Number(c[2]);
  });
  close();
  if (!errors.length && !zones.length) errors.push('no "Node N, zone NAME" line with present and managed pages: is this /proc/zoneinfo?');
  return errors.length ? { ok: false, errors } : { ok: true, zones };
}
