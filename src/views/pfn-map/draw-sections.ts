/** Canvas drawing of the per-column summary: sections, changed ticks and the block row. */
import { BLOCK_START, type ColumnSummary } from './column-summary';
import type { MapLayout, Row } from './layout';
import { type Palette, stripePattern } from './palette';
import { K_ABSENT, K_DEVICE, K_NO_MEMMAP, K_OFFLINE, K_POISONED, K_UNINIT, KIND_COUNT, ZONE_DEVICE } from './section-kinds';

type Fill = string | CanvasPattern;
const patterns = new WeakMap<CanvasRenderingContext2D, Map<string, Fill>>();

/** Stripe tiles are made once per context and colour pair, not once per frame. */
export function stripes(ctx: CanvasRenderingContext2D, colour: string, bg: string): Fill {
  let m = patterns.get(ctx);
  if (!m) patterns.set(ctx, (m = new Map()));
  const key = `${colour}|${bg}`;
  let f = m.get(key);
  if (!f) m.set(key, (f = stripePattern(ctx, colour, bg)));
  return f;
}

/** Calls `each(c0, c1, value)` for every run of equal non-zero values. */
export function runs(values: ArrayLike<number>, each: (c0: number, c1: number, v: number) => void): void {
  let start = 0;
  for (let c = 1; c <= values.length; c++) {
    if (c < values.length && values[c] === values[start]) continue;
    if (values[start]) each(start, c, values[start]!);
    start = c;
  }
}

function drawKind(ctx: CanvasRenderingContext2D, kind: number, x: number, w: number, y: number, h: number, p: Palette): void {
  if (kind < K_OFFLINE || kind === K_DEVICE) {
    ctx.fillStyle = p.zones[kind < K_OFFLINE ? kind : ZONE_DEVICE]!;
    ctx.fillRect(x, y, w, h);
  } else if (kind < K_POISONED) {
    // Offline: the zone's colour, pale, with a solid rim so it still reads as that zone.
    const colour = p.zones[kind - K_OFFLINE]!;
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    ctx.fillRect(x, y, w, Math.min(2, h));
    ctx.fillRect(x, y + h - Math.min(2, h), w, Math.min(2, h));
  } else if (kind === K_POISONED || kind === K_UNINIT) {
    ctx.fillStyle = stripes(ctx, kind === K_POISONED ? p.poisoned : p.uninit, p.bg);
    ctx.fillRect(x, y, w, h);
  } else if (kind === K_NO_MEMMAP) {
    ctx.fillStyle = p.muted;
    ctx.fillRect(x, y, w, h);
  } else if (kind === K_ABSENT) {
    ctx.strokeStyle = p.muted;
    ctx.strokeRect(x + 0.5, y + 0.5, Math.max(0, w - 1), h - 1);
  }
}

/** A column holding several kinds is split into horizontal stripes, one per kind. */
export function drawSections(ctx: CanvasRenderingContext2D, s: ColumnSummary, row: Row, p: Palette): void {
  ctx.lineWidth = 1;
  runs(s.kinds, (c0, c1, mask) => {
    const kinds: number[] = [];
    for (let k = 0; k < KIND_COUNT; k++) if (mask & (1 << k)) kinds.push(k);
    const h = row.h / kinds.length;
    kinds.forEach((k, i) => drawKind(ctx, k, c0, c1 - c0, row.y + i * h, h, p));
  });
}

export function drawChanged(ctx: CanvasRenderingContext2D, s: ColumnSummary, layout: MapLayout, p: Palette): void {
  ctx.fillStyle = p.accent;
  // At least 3 px wide, or a changed section deep in a dense segment would be invisible.
  runs(s.changed, (c0, c1) => {
    const w = Math.max(3, c1 - c0);
    const x = c0 - (w - (c1 - c0)) / 2;
    ctx.fillRect(x, layout.changed.y, w, layout.changed.h);
    ctx.fillRect(x, layout.sections.y, w, 1);
  });
}

/** Online blocks solid, offline ones hollow, going-offline in the warning colour. */
export function drawBlocks(ctx: CanvasRenderingContext2D, s: ColumnSummary, row: Row, p: Palette): void {
  const states = s.blocks.map((b) => b & ~BLOCK_START);
  runs(states, (c0, c1, v) => {
    if (v & 4) ctx.fillStyle = p.poisoned;
    else if (v & 2) ctx.fillStyle = p.fg;
    else ctx.fillStyle = p.muted;
    if (v & 6) ctx.fillRect(c0, row.y, c1 - c0, row.h);
    else {
      ctx.fillRect(c0, row.y, c1 - c0, 1);
      ctx.fillRect(c0, row.y + row.h - 1, c1 - c0, 1);
    }
  });
  ctx.fillStyle = p.bg;
  for (let c = 0; c < s.width; c++) if (s.blocks[c]! & BLOCK_START) ctx.fillRect(c, row.y, 1, row.h);
}
