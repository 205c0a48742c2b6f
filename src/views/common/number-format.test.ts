import { describe, expect, it } from 'vitest';
import { iomemAddress, iomemRange, pageCount, pageCountTitle, pfnText, pfnTitle, zoneinfoLineTitle } from './number-format';

describe('one base per kind of number', () => {
  it('writes a PFN in hex with 0x, as the kernel prints PFNs, and gives the decimal on hover', () => {
    expect(pfnText(0x100000)).toBe('0x100000');
    expect(pfnText(0)).toBe('0x0');
    expect(pfnTitle(0x140000)).toBe('pfn 1,310,720 (decimal) · address 140000000');
  });

  it('writes addresses as /proc/iomem does: lowercase, no 0x, at least 8 digits, inclusive end', () => {
    expect(iomemAddress(0x1000)).toBe('00001000');
    expect(iomemAddress(0x3ffff0000000)).toBe('3ffff0000000');
    expect(iomemRange(0x100000000, 0x13fffffff)).toBe('100000000-13fffffff');
    expect(iomemRange(0, 0xfff)).toBe('00000000-00000fff');
  });

  it('writes page counts as /proc/zoneinfo does: plain decimal, with the size on hover', () => {
    expect(pageCount(262144)).toBe('262144');
    expect(pageCountTitle(262144)).toBe('262,144 pages of 4 KiB = 1 GiB');
    expect(pageCountTitle(3)).toBe('3 pages of 4 KiB = 12 KiB');
    expect(pageCountTitle(0)).toBe('0 pages of 4 KiB = 0 B');
  });

  it('keeps /proc/zoneinfo as printed (decimal start_pfn) and puts the hex of the PFN on its hover', () => {
    expect(zoneinfoLineTitle('  start_pfn:           1048576')).toBe('start_pfn 0x100000 (hex, as everywhere else in the app)');
    expect(zoneinfoLineTitle('        present  262144')).toBeNull();
  });
});
