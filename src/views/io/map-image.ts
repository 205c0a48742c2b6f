/**
 * The pictures for export. The PFN map is taken from the page's canvas when it is shown (what
 * the user sees, zoom included); otherwise it is drawn afresh, unzoomed, with the map's own
 * drawing code. The PNG gets a heading and a footer in the page's theme, and the share link
 * in a tEXt chunk; the SVG embeds the bare map.
 */
import type { StateView } from '../../engine/views/view-types';
import { buildBands } from '../pfn-map/bands';
import { drawPfnMap } from '../pfn-map/draw-pfn-map';
import { buildFoldedScale } from '../pfn-map/folded-scale';
import { LABEL_OFFSET, MEANING_KEY, NUMBERS_KEY, SWATCH_H, SWATCH_W, type Swatch, layoutKey, legendKey } from '../pfn-map/legend-key';
import { type Palette, paletteFor, type Theme } from '../pfn-map/palette';
import { changedSectionsByRuns as changedSections } from '../pfn-map/section-runs';
import { sortedSlice } from '../pfn-map/sorted-slice';
import { PNG_LINK_KEYWORD } from '../../links/image-link';
import { insertPngText } from '../../links/png-text';
import { buildSvg } from './svg-export';

export interface Colours {
  bg: string;
  fg: string;
  muted: string;
  accent: string;
}

export interface PictureInput {
  state: StateView;
  previous: StateView | null;
  theme: Theme;
  link: string;
  heading: string;
  subheading: string;
}

const MAP_HEIGHT = 220;
const FALLBACK_WIDTH = 1200;

function themeColours(theme: Theme): Colours {
  const p = paletteFor(theme, document.documentElement);
  return { bg: p.bg, fg: p.fg, muted: p.muted, accent: p.accent };
}

/** The map as shown on the page, or drawn afresh when the page shows none. Sizes in CSS pixels. */
function mapCanvas(d: PictureInput): { canvas: HTMLCanvasElement; width: number; height: number } {
  const shown = document.querySelector<HTMLCanvasElement>('.pfn-map canvas');
  if (shown && shown.width > 0 && shown.height > 0 && shown.clientWidth > 0) {
    return { canvas: shown, width: shown.clientWidth, height: shown.clientHeight };
  }
  const dpr = 2;
  const width = FALLBACK_WIDTH;
  const canvas = document.createElement('canvas');
  canvas.width = width * dpr;
  canvas.height = MAP_HEIGHT * dpr;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  const { bands, laneCount } = buildBands(d.state);
  drawPfnMap(ctx, {
    state: d.state,
    sections: sortedSlice(d.state.sections),
    changed: changedSections(d.state.sections, d.previous?.sections ?? null),
    scale: buildFoldedScale(d.state, width),
    bands,
    laneCount,
    view: { k: 1, tx: 0 },
    width,
    height: MAP_HEIGHT,
    dpr,
    palette: paletteFor(d.theme, document.documentElement),
  });
  return { canvas, width, height: MAP_HEIGHT };
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the picture as PNG'))), 'image/png');
  });
}

/** Shortens text to fit a width, with an ellipsis. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

const FONT = "system-ui, 'DejaVu Sans', 'Liberation Sans', sans-serif";
const HEAD = 54;
const FOOT = 26;
const SIDE = 12;
const KEY_ROW = 18;

function drawSwatch(ctx: CanvasRenderingContext2D, sw: Swatch, x: number, y: number, bg: string): void {
  if (sw.pale) {
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = sw.pale;
    ctx.fillRect(x, y, SWATCH_W, SWATCH_H);
    ctx.globalAlpha = 1;
    ctx.fillRect(x, y, SWATCH_W, 2);
    ctx.fillRect(x, y + SWATCH_H - 2, SWATCH_W, 2);
  } else if (sw.stripes) {
    ctx.fillStyle = bg;
    ctx.fillRect(x, y, SWATCH_W, SWATCH_H);
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, SWATCH_W, SWATCH_H);
    ctx.clip();
    ctx.strokeStyle = sw.stripes;
    ctx.lineWidth = 2;
    for (let i = -SWATCH_H; i < SWATCH_W; i += 5) {
      ctx.beginPath();
      ctx.moveTo(x + i, y + SWATCH_H);
      ctx.lineTo(x + i + SWATCH_H, y);
      ctx.stroke();
    }
    ctx.restore();
  } else if (sw.bar) {
    ctx.fillStyle = sw.bar;
    ctx.fillRect(x, y, SWATCH_W, 4);
  } else if (sw.fill || sw.half) {
    ctx.fillStyle = (sw.fill ?? sw.half)!;
    ctx.fillRect(x, y, sw.half ? SWATCH_W / 2 : SWATCH_W, SWATCH_H);
  }
  if (sw.outline) {
    ctx.strokeStyle = sw.outline;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, SWATCH_W - 1, SWATCH_H - 1);
  }
}

/** Breaks a key line at its " · " to fit the width. */
function wrapKey(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  for (const part of text.split(' · ')) {
    const last = out.length ? `${out[out.length - 1]} · ${part}` : part;
    if (out.length && ctx.measureText(last).width <= width) out[out.length - 1] = last;
    else out.push(part);
  }
  return out;
}

/** The legend strip under the map, so the picture reads without the app: the key, then what colours and numbers mean. */
function keyStrip(ctx: CanvasRenderingContext2D, p: Palette, width: number) {
  ctx.font = `12px ${FONT}`;
  const key = layoutKey(legendKey(p), width, (l) => ctx.measureText(l).width, KEY_ROW);
  const lines = [...wrapKey(ctx, MEANING_KEY, width), ...wrapKey(ctx, NUMBERS_KEY, width)];
  const height = key.height + lines.length * KEY_ROW + 8;
  const draw = (x0: number, y0: number, fg: string, muted: string) => {
    ctx.font = `12px ${FONT}`;
    for (const it of key.placed) {
      drawSwatch(ctx, it.swatch, x0 + it.x, y0 + it.y + 3, p.bg);
      ctx.fillStyle = fg;
      ctx.fillText(it.label, x0 + it.x + LABEL_OFFSET, y0 + it.y + 12);
    }
    ctx.fillStyle = muted;
    lines.forEach((l, i) => ctx.fillText(l, x0, y0 + key.height + (i + 1) * KEY_ROW - 4));
  };
  return { height, draw };
}

/** The PNG export: heading, map, footer; the share link (and a title) in tEXt chunks. */
export async function mapPng(d: PictureInput): Promise<Blob> {
  const map = mapCanvas(d);
  const dpr = map.canvas.width / map.width;
  const c = themeColours(d.theme);
  const out = document.createElement('canvas');
  const width = map.width + 2 * SIDE;
  // measured on the output canvas before it is sized, so the strip's height is known
  const measure = out.getContext('2d');
  if (!measure) throw new Error('this browser cannot draw on a canvas');
  const key = keyStrip(measure, paletteFor(d.theme, document.documentElement), map.width);
  const mapBottom = HEAD + map.height;
  const total = mapBottom + key.height + FOOT;
  out.width = Math.round(width * dpr);
  out.height = Math.round(total * dpr);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(dpr, dpr);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, width, total);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = c.fg;
  ctx.font = `bold 16px ${FONT}`;
  ctx.fillText(fit(ctx, d.heading, map.width), SIDE, 22);
  ctx.fillStyle = c.muted;
  ctx.font = `13px ${FONT}`;
  ctx.fillText(fit(ctx, d.subheading, map.width), SIDE, 43);
  ctx.drawImage(map.canvas, SIDE, HEAD, map.width, map.height);
  key.draw(SIDE, mapBottom + 6, c.fg, c.muted);
  ctx.fillStyle = c.muted;
  ctx.font = `12px ${FONT}`;
  ctx.fillText(
    fit(ctx, 'Hotplug Explorer · to reopen this step, use Import → "Open an exported image" (the link is stored inside this PNG)', map.width),
    SIDE,
    mapBottom + key.height + 17,
  );
  const bytes = new Uint8Array(await (await toBlob(out)).arrayBuffer());
  const latin1 = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
  const withText = insertPngText(bytes, {
    [PNG_LINK_KEYWORD]: d.link,
    Title: latin1(d.heading),
    Description: latin1(`${d.subheading}. Reopen: ${d.link}`),
    Software: 'Hotplug Explorer',
  });
  return new Blob([withText as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** The SVG export: the map as an embedded PNG, /proc/iomem as text, the link in metadata and on the heading. */
export function mapSvg(d: PictureInput): Blob {
  const map = mapCanvas(d);
  const svg = buildSvg({
    link: d.link,
    heading: d.heading,
    subheading: d.subheading,
    picture: { dataUrl: map.canvas.toDataURL('image/png'), width: map.width, height: map.height },
    iomemText: d.state.iomemText,
    previousIomemText: d.previous?.iomemText ?? null,
    colours: themeColours(d.theme),
    legend: legendKey(paletteFor(d.theme, document.documentElement)),
  });
  return new Blob([svg], { type: 'image/svg+xml' });
}
