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
import { paletteFor, type Theme } from '../pfn-map/palette';
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

/** The PNG export: heading, map, footer; the share link (and a title) in tEXt chunks. */
export async function mapPng(d: PictureInput): Promise<Blob> {
  const map = mapCanvas(d);
  const dpr = map.canvas.width / map.width;
  const c = themeColours(d.theme);
  const out = document.createElement('canvas');
  const width = map.width + 2 * SIDE;
  out.width = Math.round(width * dpr);
  out.height = Math.round((HEAD + map.height + FOOT) * dpr);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(dpr, dpr);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, width, HEAD + map.height + FOOT);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = c.fg;
  ctx.font = `bold 16px ${FONT}`;
  ctx.fillText(fit(ctx, d.heading, map.width), SIDE, 22);
  ctx.fillStyle = c.muted;
  ctx.font = `13px ${FONT}`;
  ctx.fillText(fit(ctx, d.subheading, map.width), SIDE, 43);
  ctx.drawImage(map.canvas, SIDE, HEAD, map.width, map.height);
  ctx.font = `12px ${FONT}`;
  ctx.fillText(
    fit(ctx, 'Hotplug Explorer · to reopen this step, use Import → "Open an exported image" (the link is stored inside this PNG)', map.width),
    SIDE,
    HEAD + map.height + 17,
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
  });
  return new Blob([svg], { type: 'image/svg+xml' });
}
