/** Address and size labels in the units kernel people read: hex addresses, binary sizes. */
import { iomemRange } from '../common/number-format';


const GiB = 2 ** 30;
const UNITS: ReadonlyArray<readonly [number, string]> = [
  [2 ** 40, 'TiB'],
  [GiB, 'GiB'],
  [2 ** 20, 'MiB'],
  [2 ** 10, 'KiB'],
];

const hex = (n: number): string => `0x${n.toString(16)}`;

/** Inclusive end, as /proc/iomem prints it: "140000000-147ffffff". */
export const rangeLabel = iomemRange;

/**
 * An exact address: "4 GiB" or "64 TiB" when it is a whole number of GiB or TiB (what the
 * eye scans for at coarse zoom), otherwise hex (what the kernel prints at fine zoom).
 */
export function addressLabel(bytes: number, preferUnits: boolean): string {
  if (bytes === 0) return '0';
  if (preferUnits && bytes % GiB === 0) {
    for (const [size, name] of UNITS) if (bytes % size === 0) return `${bytes / size} ${name}`;
  }
  return hex(bytes);
}

/** An approximate size for gaps and spans, short enough for a fold: "16 TiB", "996 GiB", "9.9 GiB". */
export function sizeLabel(bytes: number): string {
  for (const [size, name] of UNITS) {
    const v = bytes / size;
    if (v >= 1) return `${Number(v.toFixed(v < 10 ? 1 : 0))} ${name}`;
  }
  return `${bytes} B`;
}
