/** Axis ticks on a folded scale: every segment gets its start labelled, then round addresses. */
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import { addressLabel } from './address-format';
import type { Piece } from './piece';

export interface Tick {
  /** screen x, after the zoom transform */
  x: number;
  sectionNr: number;
  label: string;
  /** the first section of a segment: where memory resumes after a fold */
  edge: boolean;
}

const MIN_TICK_GAP_PX = 90;
const GiB = 2 ** 30;

/** Rough width of a label in the 10 px axis font, to keep labels from overlapping. */
export const labelWidth = (label: string): number => label.length * 6 + 8;

export function foldedTicks(pieces: readonly Piece[], width: number, k: number, tx: number): Tick[] {
  const all: Tick[] = [];
  for (const p of pieces) {
    if (p.folded) continue;
    const sx0 = p.x0 * k + tx;
    const sx1 = p.x1 * k + tx;
    if (sx1 < 0 || sx0 > width) continue;
    const pps = (k * (p.x1 - p.x0)) / (p.s1 - p.s0);
    if (sx0 >= 0) all.push({ x: sx0, sectionNr: p.s0, label: addressLabel(p.s0 * SECTION_SIZE_BYTES, true), edge: true });
    // Power-of-two steps in sections land on addresses that read well in hex and in GiB.
    let step = 1;
    while (step * pps < MIN_TICK_GAP_PX) step *= 2;
    const units = step * SECTION_SIZE_BYTES >= GiB;
    const first = Math.max(p.s0 + 1, p.s0 + Math.floor(-sx0 / pps));
    const last = Math.min(p.s1 - 1, p.s0 + Math.ceil((width - sx0) / pps));
    for (let n = Math.ceil(first / step) * step; n <= last; n += step) {
      const x = sx0 + (n - p.s0) * pps;
      if (x >= 0 && x <= width) all.push({ x, sectionNr: n, label: addressLabel(n * SECTION_SIZE_BYTES, units), edge: false });
    }
  }
  return dropOverlaps(all);
}

/** Greedy left to right; a segment edge wins over a round-number tick it collides with. */
function dropOverlaps(ticks: Tick[]): Tick[] {
  ticks.sort((a, b) => a.x - b.x);
  const kept: Tick[] = [];
  const clear = (a: Tick | undefined, b: Tick) => !a || b.x - a.x >= (labelWidth(a.label) + labelWidth(b.label)) / 2;
  for (const t of ticks) {
    const last = kept[kept.length - 1];
    if (clear(last, t)) kept.push(t);
    else if (t.edge && !last!.edge && clear(kept[kept.length - 2], t)) kept[kept.length - 1] = t;
  }
  return kept;
}
