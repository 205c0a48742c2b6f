import type { SectionTable } from '../engine/state/section-table';

/**
 * The sorted numbers of a state's non-zero sections. The worker's one way to list them, so
 * that a change in how the section table keeps that list touches only this function.
 */
export function nonZeroSections(table: SectionTable): Int32Array {
  return table.nonZeroSections();
}
