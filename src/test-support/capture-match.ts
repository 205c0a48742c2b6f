/**
 * A run's state against a real kernel's capture (fixtures/qemu-6.1 or qemu-6.12): /proc/iomem
 * byte for byte, the zone lines (managed of the boot zones aside: it depends on boot
 * reservations /proc/iomem does not show) and the hot-added memory blocks.
 */
import { expect } from 'vitest';
import { formatIomem } from '../engine/format/proc-iomem';
import { formatZoneinfo } from '../engine/format/proc-zoneinfo';
import { formatMemoryBlocks } from '../engine/format/sys-memory';
import { stateAt, type Run } from '../engine/run';
import { readCapture } from './fixture-capture';

function zoneLines(text: string): string {
  const out: string[] = [];
  let zone = '';
  for (const l of text.trim().split('\n')) {
    if (l.startsWith('Node')) zone = l.trim().split(/\s+/).pop()!;
    if (/managed/.test(l) && (zone === 'DMA' || zone === 'DMA32')) continue;
    out.push(l);
  }
  return out.join('\n');
}

const blockLines = (run: Run, step: number): string[] => formatMemoryBlocks(stateAt(run, step), false).trim().split('\n').slice(1);

/** Blocks that were not there at boot, as the captures list them one per line. */
export function hotBlocks(run: Run, step: number): string[] {
  const atBoot = new Set(blockLines(run, 0).map((l) => l.split(' ')[0]));
  return blockLines(run, step).filter((l) => !atBoot.has(l.split(' ')[0]));
}

export function expectMatchesCapture(run: Run, step: number, capture: string, dir: 'qemu-6.1' | 'qemu-6.12' = 'qemu-6.1'): void {
  const real = readCapture(capture, dir);
  const s = stateAt(run, step);
  expect(formatIomem(s.iomem), `${capture}: /proc/iomem`).toBe(real.iomem);
  expect(zoneLines(formatZoneinfo(s)), `${capture}: /proc/zoneinfo`).toBe(zoneLines(real.zoneinfo));
  expect(hotBlocks(run, step), `${capture}: hot-added memory blocks`).toEqual(real.hotBlocks);
}
