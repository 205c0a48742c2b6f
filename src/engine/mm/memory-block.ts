import { PAGE_SIZE, pfnToSection, SECTION_SIZE_BYTES, sectionToPfn } from '../arch';
import type { Kernel } from '../kernel/kernel';
import { BlockState, SEC_IN_BLOCK, SEC_PRESENT, blockNidOf, blockStateOf, clearBits, hasBit, setBits, withBlock } from '../state/section-bits';

/** Memory block devices (/sys/devices/system/memory/memoryN), kept in their first section's word. */

export const sectionsPerBlock = (blockSizeBytes: number): number => blockSizeBytes / SECTION_SIZE_BYTES;
export const blockIdOfSection = (nr: number, spb: number): number => Math.floor(nr / spb);
export const blockFirstSection = (id: number, spb: number): number => id * spb;
export const blockStartPfn = (id: number, spb: number): number => sectionToPfn(id * spb);

export const BLOCK_STATE_NAMES: Record<BlockState, string> = {
  [BlockState.None]: 'none',
  [BlockState.Offline]: 'offline',
  [BlockState.Online]: 'online',
  [BlockState.GoingOffline]: 'going-offline',
};

interface SectionReader {
  get(nr: number): number;
}

export function blockState(s: SectionReader, id: number, spb: number): BlockState {
  return blockStateOf(s.get(blockFirstSection(id, spb)));
}

export function blockNid(s: SectionReader, id: number, spb: number): number {
  return blockNidOf(s.get(blockFirstSection(id, spb)));
}

function blockSectionCount(s: SectionReader, id: number, spb: number): number {
  let n = 0;
  for (let i = 0; i < spb; i++) if (hasBit(s.get(id * spb + i), SEC_IN_BLOCK)) n++;
  return n;
}

export function setBlockState(k: Kernel, id: number, state: BlockState, nid?: number): void {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const first = blockFirstSection(id, spb);
  const before = blockStateOf(k.sec.get(first));
  const n = nid ?? blockNidOf(k.sec.get(first));
  k.sec.update(first, (w) => withBlock(w, state, n));
  if (before !== state) k.tr.change('block', () => `memory${id}: ${BLOCK_STATE_NAMES[before]} -> ${BLOCK_STATE_NAMES[state]}`);
}

/** hotplug_memory_register() (v4.18): find or create the section's block and count the section in. */
export function hotplug_memory_register(k: Kernel, nid: number, nr: number): number {
  return k.tr.call('hotplug_memory_register', () => `nid ${nid}, section ${nr}`, () => {
    const spb = sectionsPerBlock(k.blockSizeBytes);
    const id = blockIdOfSection(nr, spb);
    if (blockState(k.sec, id, spb) === BlockState.None) setBlockState(k, id, BlockState.Offline, nid);
    k.sec.update(nr, (w) => setBits(w, SEC_IN_BLOCK));
    return 0;
  });
}

/** Drops one section from its block; the block device goes away with its last section. */
export function dropSectionFromBlock(k: Kernel, nr: number): void {
  const spb = sectionsPerBlock(k.blockSizeBytes);
  const id = blockIdOfSection(nr, spb);
  if (!hasBit(k.sec.get(nr), SEC_IN_BLOCK)) return;
  k.sec.update(nr, (w) => clearBits(w, SEC_IN_BLOCK));
  if (blockSectionCount(k.sec, id, spb) === 0) setBlockState(k, id, BlockState.None, 0);
}

/** create_memory_block_devices(start, size) (v5.5): every block of the range, offline. */
export function create_memory_block_devices(k: Kernel, nid: number, startBytes: number, sizeBytes: number): number {
  return k.tr.call('create_memory_block_devices', () => `0x${startBytes.toString(16)}, 0x${sizeBytes.toString(16)}`, () => {
    const spb = sectionsPerBlock(k.blockSizeBytes);
    const first = pfnToSection(startBytes / PAGE_SIZE);
    const last = pfnToSection((startBytes + sizeBytes) / PAGE_SIZE - 1);
    for (let nr = first; nr <= last; nr += spb) {
      const id = blockIdOfSection(nr, spb);
      if (blockState(k.sec, id, spb) !== BlockState.None) return -17;
    }
    for (let nr = first; nr <= last; nr++) {
      const id = blockIdOfSection(nr, spb);
      if (blockState(k.sec, id, spb) === BlockState.None) setBlockState(k, id, BlockState.Offline, nid);
      if (hasBit(k.sec.get(nr), SEC_PRESENT)) k.sec.update(nr, (w) => setBits(w, SEC_IN_BLOCK));
    }
    return 0;
  });
}

/** remove_memory_block_devices(start, size) (v5.5). */
export function remove_memory_block_devices(k: Kernel, startBytes: number, sizeBytes: number): void {
  k.tr.call('remove_memory_block_devices', () => `0x${startBytes.toString(16)}, 0x${sizeBytes.toString(16)}`, () => {
    const first = pfnToSection(startBytes / PAGE_SIZE);
    const last = pfnToSection((startBytes + sizeBytes) / PAGE_SIZE - 1);
    for (let nr = first; nr <= last; nr++) dropSectionFromBlock(k, nr);
  });
}

/** Every block that exists, in order, as (id, state, nid). */
export function* listBlocks(s: SectionReader & { nextNonZero(from: number): number }, spb: number): Generator<{ id: number; state: BlockState; nid: number }> {
  let nr = s.nextNonZero(0);
  while (nr >= 0) {
    const id = blockIdOfSection(nr, spb);
    const w = s.get(blockFirstSection(id, spb));
    const st = blockStateOf(w);
    if (st !== BlockState.None) yield { id, state: st, nid: blockNidOf(w) };
    nr = s.nextNonZero(blockFirstSection(id + 1, spb));
  }
}
