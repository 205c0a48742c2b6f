/**
 * How every view writes a number (docs/legend.md): one base per kind of number, the one the
 * kernel prints it in, so the same PFN or address reads the same in the map, the tables, the
 * tree and the texts. The other base goes in a tooltip (`title`), never in the text.
 */

/** A page frame number in hex with 0x, as the kernel's pr_* and trace lines print PFNs. */
export const pfnText = (pfn: number): string => '0x' + pfn.toString(16);

/** The tooltip of a PFN: the decimal /proc/zoneinfo prints for start_pfn, and the address. */
export const pfnTitle = (pfn: number): string => `pfn ${pfn.toLocaleString('en')} (decimal) · address ${iomemAddress(pfn * 4096)}`;

/** A physical address as /proc/iomem prints it: lowercase hex, no 0x, at least 8 digits. */
export const iomemAddress = (addr: number): string => addr.toString(16).padStart(8, '0');

/** An inclusive range as /proc/iomem prints it: "100000000-13fffffff". */
export const iomemRange = (start: number, endInclusive: number): string => `${iomemAddress(start)}-${iomemAddress(endInclusive)}`;

/** A page count as /proc/zoneinfo prints it: plain decimal, no separators. */
export const pageCount = (pages: number): string => String(pages);

/** The tooltip of a page count: the bytes it stands for, in binary units. */
export function pageCountTitle(pages: number): string {
  const bytes = pages * 4096;
  const units: ReadonlyArray<readonly [number, string]> = [
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  const [size, name] = units.find(([s]) => bytes >= s) ?? [1, 'B'];
  return `${pages.toLocaleString('en')} pages of 4 KiB = ${Number((bytes / size).toFixed(2))} ${name}`;
}

/**
 * A /proc/zoneinfo line's PFN in the app's base, for that line's tooltip: the file itself
 * stays as the kernel prints it (decimal start_pfn), or null when the line holds no PFN.
 */
export function zoneinfoLineTitle(line: string): string | null {
  const m = /^\s*start_pfn:\s+(\d+)\s*$/.exec(line);
  return m ? `start_pfn ${pfnText(Number(m[1]))} (hex, as everywhere else in the app)` : null;
}
