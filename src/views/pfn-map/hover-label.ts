/** The one-line description of a section, for the tooltip and the app's linked highlighting. */
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import { BlockState, SEC_BLOCK_ALTMAP, blockStateOf, hasBit, nidOf } from '../../engine/state/section-bits';
import { memmapPagesPerBlock } from '../../engine/variants/v6-12-memmap';
import type { SectionSlice } from '../../engine/views/view-types';
import { rangeLabel } from './address-format';
import type { Piece } from './folded-scale';
import { kindOf, kindWords, zoneKnown } from './section-kinds';
import { lowerBound, wordAt } from './sorted-slice';

const BLOCK_NAMES: Record<number, string> = {
  [BlockState.Offline]: 'offline',
  [BlockState.Online]: 'online',
  [BlockState.GoingOffline]: 'going-offline',
};

export interface SectionHover {
  range: { start: number; end: number };
  label: string;
}

/**
 * "section 40 · 140000000-147ffffff · Movable · online · node 0", then the memory block
 * and whether the section changed. The range's end is inclusive, as in /proc/iomem.
 */
export function describeSection(nr: number, sections: SectionSlice, changed: Int32Array, sectionsPerBlock: number): SectionHover {
  const start = nr * SECTION_SIZE_BYTES;
  const range = { start, end: start + SECTION_SIZE_BYTES - 1 };
  const parts = [`section ${nr}`, rangeLabel(range.start, range.end)];
  const w = wordAt(sections, nr);
  if (w === 0) parts.push('not present');
  else {
    const kind = kindOf(w);
    const { zone, state } = kindWords(kind);
    if (zone) parts.push(zone);
    parts.push(state);
    if (zoneKnown(kind)) parts.push(`node ${nidOf(w)}`);
  }
  const first = nr - (nr % sectionsPerBlock);
  const block = blockStateOf(wordAt(sections, first));
  if (block !== BlockState.None) parts.push(`memory${Math.floor(nr / sectionsPerBlock)} ${BLOCK_NAMES[block]}`);
  if (nr === first && hasBit(wordAt(sections, first), SEC_BLOCK_ALTMAP)) {
    parts.push(`its first ${memmapPagesPerBlock(sectionsPerBlock * SECTION_SIZE_BYTES)} pages hold its own memmap (present, not managed)`);
  }
  if (changed[lowerBound(changed, nr)] === nr) parts.push('changed this step');
  return { range, label: parts.join(' · ') };
}

/** Over a fold the pointer is over a whole empty gap, so that is the range reported. */
export function describeFold(fold: Piece): SectionHover {
  const range = { start: fold.s0 * SECTION_SIZE_BYTES, end: fold.s1 * SECTION_SIZE_BYTES - 1 };
  return { range, label: `sections ${fold.s0}–${fold.s1 - 1} · ${rangeLabel(range.start, range.end)} · ${fold.label} empty (folded)` };
}
