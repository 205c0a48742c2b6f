/** One full redraw of the map's base (everything but the highlight): at most once per animation frame. */
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import type { SectionSlice, StateView } from '../../engine/views/view-types';
import type { Band } from './bands';
import { type ColumnSummary, summarizeColumns, type View } from './column-summary';
import { drawAxis, drawBands, drawBreaks, drawHighlight, drawIomem, FONT } from './draw-overlays';
import { drawBlocks, drawChanged, drawSections } from './draw-sections';
import { drawVmemmap, vmemmapSpans } from './draw-vmemmap';
import type { FoldedScale } from './folded-scale';
import { layoutRows } from './layout';
import type { Palette } from './palette';

export interface DrawInput {
  state: StateView;
  /** state.sections in ascending order (sorted-slice.ts) */
  sections: SectionSlice;
  changed: Int32Array;
  scale: FoldedScale;
  bands: Band[];
  laneCount: number;
  view: View;
  width: number;
  height: number;
  dpr: number;
  palette: Palette;
}

/** The highlight sits on its own canvas over the base, so hovering redraws one rectangle, not the map. */
export function drawHighlightLayer(ctx: CanvasRenderingContext2D, highlight: { start: number; end: number } | null, d: Pick<DrawInput, 'scale' | 'view' | 'width' | 'height' | 'dpr' | 'palette'>): void {
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  ctx.clearRect(0, 0, d.width, d.height);
  if (highlight) drawHighlight(ctx, highlight, d.scale, d.view, d.height, d.palette);
}

export function drawPfnMap(ctx: CanvasRenderingContext2D, d: DrawInput): ColumnSummary {
  const { scale, view, width, height, palette: p } = d;
  ctx.setTransform(d.dpr, 0, 0, d.dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.lineWidth = 1;
  const layout = layoutRows(height, d.laneCount);
  const perBlock = Math.max(1, Math.round(d.state.blockSizeBytes / SECTION_SIZE_BYTES));
  const summary = summarizeColumns(d.sections, scale, view, width, d.changed, perBlock);
  drawBreaks(ctx, scale, view, layout, width, p);
  drawSections(ctx, summary, layout.sections, p);
  drawVmemmap(ctx, vmemmapSpans(d.sections, d.state.blockSizeBytes, scale, view, width), layout.sections, p);
  drawChanged(ctx, summary, layout, p);
  drawBlocks(ctx, summary, layout.blocks, p);
  drawIomem(ctx, d.state.iomem.children, d.state.ghosts, scale, view, layout.iomem, width, p);
  drawBands(ctx, d.bands, summary, scale, view, layout, p);
  drawAxis(ctx, scale, view, layout, width, p);
  return summary;
}
