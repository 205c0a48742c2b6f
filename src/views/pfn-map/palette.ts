/**
 * Colours, shared by the canvas and the legend so they cannot drift apart. Zones use the
 * Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), lightened
 * where the dark background needs it. Warnings are stripes, not only a hue.
 */
import { IOMEM_CLASS_FILL } from './resource-class';

export type Theme = 'light' | 'dark';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  accent: string;
  /** DMA, DMA32, Normal, Movable, Device */
  zones: readonly string[];
  poisoned: string;
  uninit: string;
  sysram: string;
  device: string;
  window: string;
  ghost: string;
  /** persistent memory, reserved, ACPI and PCI bus entries of the iomem row */
  iomem: (typeof IOMEM_CLASS_FILL)[Theme];
  /** a block's own memmap (memmap_on_memory): present, never managed */
  vmemmap: string;
  /** node spans in the node lane, by nid modulo their number, so neighbouring nodes differ */
  nodes: readonly string[];
}

const ZONES: Record<Theme, readonly string[]> = {
  light: ['#CC79A7', '#56B4E9', '#0072B2', '#009E73', '#E69F00'],
  dark: ['#E08FBE', '#73C5F2', '#4DA3E0', '#2DBE94', '#F0B23A'],
};

// The zones take the bright hues; the nodes are dark and earthy (light and sandy on dark), so a
// node band is not read as a zone's.
const NODES: Record<Theme, readonly string[]> = {
  light: ['#1f2328', '#8c510a', '#4d6a7a', '#a6761d'],
  dark: ['#e6edf3', '#d8a76a', '#9fb8c8', '#e0c080'],
};

const BASE: Record<Theme, Omit<Palette, 'zones' | 'iomem' | 'nodes'>> = {
  light: { bg: '#ffffff', fg: '#1f2328', muted: '#6e7781', accent: '#8250df', poisoned: '#D55E00', uninit: '#B8A200', sysram: '#7a8896', device: '#E69F00', window: '#9aa4ae', ghost: '#D55E00', vmemmap: '#332288' },
  dark: { bg: '#0d1117', fg: '#e6edf3', muted: '#8b949e', accent: '#c297ff', poisoned: '#FF7A33', uninit: '#F0E442', sysram: '#8d9bab', device: '#F0B23A', window: '#6e7781', ghost: '#FF7A33', vmemmap: '#B3A6FF' },
};

export function basePalette(theme: Theme): Palette {
  return { ...BASE[theme], zones: ZONES[theme], iomem: IOMEM_CLASS_FILL[theme], nodes: NODES[theme] };
}

/** The app's CSS variables win over the fallbacks, so the map matches the page around it. */
export function paletteFor(theme: Theme, el: Element | null): Palette {
  const p = basePalette(theme);
  if (!el || typeof getComputedStyle !== 'function') return p;
  const css = getComputedStyle(el);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { ...p, bg: read('--bg', p.bg), fg: read('--fg', p.fg), muted: read('--muted', p.muted), accent: read('--accent', p.accent) };
}

/** The colour of node `nid`'s span in the node lane (and of its swatch in the zone table). */
export const nodeColour = (p: Pick<Palette, 'nodes'>, nid: number): string => p.nodes[nid % p.nodes.length]!;

/** CSS for a striped swatch, the legend's twin of the canvas stripe pattern. */
export const stripesCss = (colour: string, bg: string): string =>
  `repeating-linear-gradient(135deg, ${colour} 0 3px, ${bg} 3px 6px)`;

/** A 6 px diagonal-stripe tile for canvas fills; the plain colour where tiles cannot be drawn. */
export function stripePattern(ctx: CanvasRenderingContext2D, colour: string, bg: string): CanvasPattern | string {
  const tile = typeof document !== 'undefined' ? document.createElement('canvas') : null;
  const t = tile?.getContext('2d');
  if (!tile || !t) return colour;
  tile.width = 6;
  tile.height = 6;
  t.fillStyle = bg;
  t.fillRect(0, 0, 6, 6);
  t.strokeStyle = colour;
  t.lineWidth = 2;
  t.beginPath();
  for (const o of [-6, 0, 6]) {
    t.moveTo(o, 6);
    t.lineTo(o + 6, 0);
  }
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? colour;
}
