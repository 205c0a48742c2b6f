/**
 * The map's legend as data: the page's legend (Legend.tsx) and the exported pictures (PNG
 * and SVG, io/map-image.ts and io/svg-export.ts) draw the same entries, so a slide reads
 * without the app beside it. docs/legend.md says what each means.
 */
import type { Palette } from './palette';
import { ZONES } from './section-kinds';

export interface Swatch {
  /** solid fill */
  fill?: string;
  /** a pale fill with a rim of this colour above and below (offline sections) */
  pale?: string;
  /** diagonal stripes of this colour on the background (warnings are not only a hue) */
  stripes?: string;
  /** a thin bar at the top (the "changed this step" mark) */
  bar?: string;
  /** half filled, half empty (a block online / offline) */
  half?: string;
  /** an outline only */
  outline?: string;
}

export interface KeyItem {
  label: string;
  swatch: Swatch;
}

export function legendKey(p: Palette): KeyItem[] {
  const zone = (i: number, label: string = ZONES[i]!): KeyItem => ({ label, swatch: { fill: p.zones[i] } });
  return [
    zone(0),
    zone(1),
    zone(2),
    zone(3),
    zone(4, 'ZONE_DEVICE'),
    { label: 'offline (pale, zone rim)', swatch: { pale: p.zones[2] } },
    { label: 'block\'s own memmap (present, not managed)', swatch: { fill: p.vmemmap } },
    { label: 'memmap poisoned', swatch: { stripes: p.poisoned } },
    { label: 'memmap uninitialised', swatch: { stripes: p.uninit } },
    { label: 'changed this step', swatch: { bar: p.accent } },
    { label: 'span over absent memory', swatch: { stripes: p.muted } },
    { label: 'block online / offline', swatch: { half: p.fg, outline: p.muted } },
    { label: 'iomem: System RAM', swatch: { fill: p.sysram } },
    { label: 'persistent memory', swatch: { fill: p.iomem.pmem } },
    { label: 'reserved', swatch: { fill: p.iomem.reserved } },
    { label: 'ACPI', swatch: { fill: p.iomem.acpi } },
    { label: 'PCI bus window', swatch: { outline: p.iomem.pci } },
    { label: 'device / driver', swatch: { fill: p.device } },
    { label: 'window / free', swatch: { outline: p.window } },
  ];
}

/** The lines under the key in a picture: what text colours mean, how numbers are written (docs/legend.md). */
export const MEANING_KEY = 'Text: red is a kernel BUG or a refused step · amber a finding · the accent colour and + mark what changed this step · routine kernel lines are plain';
export const NUMBERS_KEY = 'Numbers: addresses as /proc/iomem prints them (hex, no 0x, inclusive end) · PFNs in hex (0x…) · page counts in decimal, as /proc/zoneinfo';

export const SWATCH_W = 14;
export const SWATCH_H = 10;
const GAP = 6;
const ITEM_GAP = 14;

export interface PlacedItem extends KeyItem {
  x: number;
  /** the row's top */
  y: number;
}

/**
 * Lays the key out in rows across `width`, from measured label widths: the same places in
 * the PNG (canvas text) and the SVG (estimated text widths).
 */
export function layoutKey(items: KeyItem[], width: number, labelWidth: (label: string) => number, rowHeight: number): { placed: PlacedItem[]; height: number } {
  const placed: PlacedItem[] = [];
  let x = 0;
  let y = 0;
  for (const it of items) {
    const w = SWATCH_W + GAP + labelWidth(it.label);
    if (x > 0 && x + w > width) {
      x = 0;
      y += rowHeight;
    }
    placed.push({ ...it, x, y });
    x += w + ITEM_GAP;
  }
  return { placed, height: items.length ? y + rowHeight : 0 };
}

export const LABEL_OFFSET = SWATCH_W + GAP;
