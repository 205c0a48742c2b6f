/** Canvas drawing of everything over the sections: iomem row, span bands, folds, axis, highlight. */
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import type { GhostView, ResourceView } from '../../engine/views/view-types';
import type { Band } from './bands';
import type { ColumnSummary, View } from './column-summary';
import { runs, stripes } from './draw-sections';
import type { FoldedScale } from './folded-scale';
import { labelWidth } from './folded-ticks';
import type { MapLayout, Row } from './layout';
import { nodeColour, type Palette } from './palette';
import { resourceClass } from './resource-class';
import { maskHasZone } from './section-kinds';

type Ctx = CanvasRenderingContext2D;
export const FONT = '10px system-ui, sans-serif';

/** Screen x of a byte address (fractional sections keep sub-section resources in place). */
const byteX = (scale: FoldedScale, v: View, bytes: number) => scale.x(bytes / SECTION_SIZE_BYTES) * v.k + v.tx;

/** Text with a halo in the background colour, readable over any band or stripe. */
function haloText(ctx: Ctx, text: string, x: number, y: number, p: Palette): void {
  ctx.lineWidth = 3;
  ctx.strokeStyle = p.bg;
  ctx.strokeText(text, x, y);
  ctx.fillStyle = p.fg;
  ctx.fillText(text, x, y);
  ctx.lineWidth = 1;
}

/** A label at the left of the visible part of [x0, x1), if it fits there. */
function label(ctx: Ctx, text: string, x0: number, x1: number, row: Row, width: number, p: Palette): void {
  const a = Math.max(0, x0) + 2;
  const b = Math.min(width, x1) - 2;
  if (b - a >= labelWidth(text) - 6) haloText(ctx, text, a, row.y + row.h / 2, p);
}

export function drawIomem(ctx: Ctx, top: ResourceView[], ghosts: GhostView[], scale: FoldedScale, v: View, row: Row, width: number, p: Palette): void {
  for (const r of top) {
    const x0 = byteX(scale, v, r.start);
    const w = Math.max(1, byteX(scale, v, r.end + 1) - x0);
    if (x0 > width || x0 + w < 0) continue;
    const cls = resourceClass(r);
    if (cls === 'window' || cls === 'pci') {
      // a window holds no memory of its own: outlined, a PCI bus window in its colour
      ctx.strokeStyle = cls === 'pci' ? p.iomem.pci : p.window;
      ctx.strokeRect(x0 + 0.5, row.y + 0.5, Math.max(0, w - 1), row.h - 1);
    } else {
      ctx.fillStyle = cls === 'sysram' ? p.sysram : cls === 'device' ? p.device : p.iomem[cls];
      ctx.fillRect(x0, row.y, w, row.h);
    }
  }
  // A freed range a driver still holds: dashed, in the warning colour.
  ctx.setLineDash([3, 2]);
  ctx.strokeStyle = p.ghost;
  for (const g of ghosts) {
    const x0 = byteX(scale, v, g.start);
    ctx.strokeRect(x0 + 0.5, row.y + 0.5, Math.max(1, byteX(scale, v, g.end + 1) - x0 - 1), row.h - 1);
  }
  ctx.setLineDash([]);
}

/**
 * A band is hatched where its span covers no present section of its own (memory that is gone
 * or never was) and solid where it does, so a stale span stands out at any zoom.
 */
export function drawBands(ctx: Ctx, bands: Band[], s: ColumnSummary, scale: FoldedScale, v: View, layout: MapLayout, p: Palette): void {
  for (const b of bands) {
    const row = layout.lanes[b.lane];
    if (!row) continue;
    const x0 = Math.round(scale.x(b.s0) * v.k + v.tx);
    const x1 = Math.max(x0 + 1, Math.round(scale.x(b.s1) * v.k + v.tx));
    const c0 = Math.max(0, x0);
    const c1 = Math.min(s.width, x1);
    if (c1 <= c0) continue;
    const colour = b.zone < 0 ? nodeColour(p, b.nid) : p.zones[b.zone]!;
    // 2 where the span covers a present section of its own, 1 where it covers nothing.
    const covered = new Uint8Array(c1 - c0);
    for (let c = c0; c < c1; c++) {
      const has = b.zone < 0 ? (s.nids[c]! >>> (b.nid & 31)) & 1 : maskHasZone(s.kinds[c]!, b.zone) ? 1 : 0;
      covered[c - c0] = has + 1;
    }
    const hatch = stripes(ctx, b.zone < 0 ? p.muted : colour, p.bg);
    runs(covered, (a, e, v) => {
      ctx.globalAlpha = v === 2 ? (b.zone < 0 ? 0.6 : 0.9) : 0.7;
      ctx.fillStyle = v === 2 ? colour : hatch;
      ctx.fillRect(c0 + a, row.y, e - a, row.h);
    });
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.strokeRect(x0 + 0.5, row.y + 0.5, x1 - x0 - 1, row.h - 1);
    label(ctx, b.label, x0, x1, row, s.width, p);
  }
}

/** Folded gaps: a faint fill, a zigzag through the map, the gap's size on the axis. */
export function drawBreaks(ctx: Ctx, scale: FoldedScale, v: View, layout: MapLayout, width: number, p: Palette): void {
  const top = layout.sections.y;
  const bottom = layout.axis.y;
  for (const b of scale.breaks) {
    const x0 = b.x0 * v.k + v.tx;
    const x1 = b.x1 * v.k + v.tx;
    if (x1 < 0 || x0 > width) continue;
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = p.fg;
    ctx.fillRect(x0, top, x1 - x0, bottom - top);
    ctx.globalAlpha = 1;
    const mid = Math.min(Math.max((Math.max(0, x0) + Math.min(width, x1)) / 2, x0 + 4), x1 - 4);
    ctx.strokeStyle = p.muted;
    ctx.beginPath();
    for (let y = top, i = 0; y <= bottom; y += 4, i++) ctx.lineTo(mid + (i % 2 ? 3 : -3), y);
    ctx.stroke();
    // The size goes inside the empty map area of the fold, clear of the axis labels.
    const long = `⋯ ${b.label} empty ⋯`;
    const text = x1 - x0 >= labelWidth(long) ? long : b.label;
    const tw = labelWidth(text) - 6;
    if (Math.min(width, x1) - Math.max(0, x0) >= tw) {
      const y = layout.sections.y + layout.sections.h / 2;
      ctx.fillStyle = p.bg;
      ctx.fillRect(mid - tw / 2 - 2, y - 7, tw + 4, 14);
      ctx.fillStyle = p.muted;
      ctx.textAlign = 'center';
      ctx.fillText(text, mid, y);
      ctx.textAlign = 'left';
    }
  }
}

export function drawAxis(ctx: Ctx, scale: FoldedScale, v: View, layout: MapLayout, width: number, p: Palette): void {
  const { y, h } = layout.axis;
  ctx.fillStyle = p.fg;
  for (const t of scale.ticks(v.k, v.tx)) {
    ctx.fillRect(Math.round(t.x), y, 1, 4);
    const w = labelWidth(t.label);
    const lx = Math.min(Math.max(t.x - w / 2 + 4, 0), width - w + 8);
    ctx.fillText(t.label, lx, y + 4 + (h - 4) / 2);
  }
}

export function drawHighlight(ctx: Ctx, range: { start: number; end: number }, scale: FoldedScale, v: View, height: number, p: Palette): void {
  const x0 = byteX(scale, v, range.start);
  const w = Math.max(2, byteX(scale, v, range.end + 1) - x0);
  ctx.globalAlpha = 0.22;
  ctx.fillStyle = p.accent;
  ctx.fillRect(x0, 0, w, height);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = p.accent;
  ctx.strokeRect(x0 + 0.5, 0.5, w - 1, height - 1);
}
