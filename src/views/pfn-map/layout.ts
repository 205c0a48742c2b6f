/** Vertical rows of the map, top to bottom; every row shares the one folded x axis. */
export interface Row {
  y: number;
  h: number;
}

export interface MapLayout {
  /** ticks for sections that changed since the previous step */
  changed: Row;
  sections: Row;
  /** memory blocks (online / offline), thin */
  blocks: Row;
  /** top-level /proc/iomem resources, thin */
  iomem: Row;
  /** lane 0: node spans; then one lane per zone with a span */
  lanes: Row[];
  axis: Row;
}

const CHANGED_H = 6;
const BLOCKS_H = 6;
const IOMEM_H = 8;
const GAP = 3;
const AXIS_H = 18;
const MIN_SECTIONS_H = 24;

export function layoutRows(height: number, laneCount: number): MapLayout {
  // Lanes shrink before the sections do, but stay tall enough for a 9 px label.
  const fixed = CHANGED_H + BLOCKS_H + IOMEM_H + AXIS_H + GAP * 5;
  const laneH = Math.max(8, Math.min(13, Math.floor((height - fixed - MIN_SECTIONS_H * 2) / Math.max(1, laneCount))));
  const sectionsH = Math.max(MIN_SECTIONS_H, height - fixed - laneH * laneCount);
  let y = 0;
  const take = (h: number, gap = GAP): Row => {
    const row = { y, h };
    y += h + gap;
    return row;
  };
  const changed = take(CHANGED_H, 0);
  const sections = take(sectionsH);
  const blocks = take(BLOCKS_H);
  const iomem = take(IOMEM_H);
  const lanes = Array.from({ length: laneCount }, () => take(laneH, 1));
  y += GAP;
  const axis = take(AXIS_H, 0);
  return { changed, sections, blocks, iomem, lanes, axis };
}
