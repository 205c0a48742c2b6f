/** What a section's struct pages hold in a state view, for the questions that ask about it. */
import { Memmap, memmapOf } from '../engine/state/section-bits';
import type { StateView } from '../engine/views/view-types';

export { Memmap };

export const MEMMAP_WORDS: Record<Memmap, string> = {
  [Memmap.None]: 'absent (no memmap)',
  [Memmap.Uninit]: 'uninitialised (whatever the allocator left)',
  [Memmap.Poisoned]: 'poisoned (0xff)',
  [Memmap.Init]: 'initialised by memmap_init_zone()',
};

/** The memmap state of section `nr` (Memmap.None when the section is not there). */
export function memmapAt(s: StateView, nr: number): Memmap {
  const i = s.sections.nr.indexOf(nr);
  return i < 0 ? Memmap.None : memmapOf(s.sections.words[i]!);
}
