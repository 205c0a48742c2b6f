/**
 * The SVG export: one self-contained document with the PFN map picture (a PNG as a data URL),
 * the /proc/iomem text of the step as real <text> (searchable, selectable, copyable), and the
 * share link in four places a person or a program may look: <title>/<desc>, <metadata>, and
 * an <a href> around the heading. Pure string work, so it is tested without a browser.
 */

import { SVG_LINK_ID, escapeXml } from '../../links/svg-link';
import { LABEL_OFFSET, type KeyItem, MEANING_KEY, NUMBERS_KEY, SWATCH_H, SWATCH_W, type Swatch, layoutKey } from '../pfn-map/legend-key';

export interface SvgInput {
  /** the absolute share link: opens this scenario, kernel and step */
  link: string;
  heading: string;
  /** one line under the heading: kernel, step, what the step did */
  subheading: string;
  picture: { dataUrl: string; width: number; height: number } | null;
  iomemText: string;
  /** the previous step's /proc/iomem: lines not in it are marked as new */
  previousIomemText: string | null;
  colours: { bg: string; fg: string; muted: string; accent: string };
  /** the map's legend, drawn under it so the picture reads on its own */
  legend: KeyItem[];
}


// Characters XML 1.0 cannot hold at all, even escaped: controls other than tab and line breaks, lone surrogates, U+FFFE/F.
const NOT_XML = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const clean = (text: string): string => escapeXml(text.replace(NOT_XML, '\ufffd'));

const FONT = "'DejaVu Sans', 'Liberation Sans', system-ui, sans-serif";
const MONO = "'DejaVu Sans Mono', 'Liberation Mono', ui-monospace, monospace";
const MONO_SIZE = 13;
/** DejaVu Sans Mono's advance is 0.602 em; indentation is placed by x, not by spaces, so it survives any renderer. */
const CHAR_WIDTH = MONO_SIZE * 0.602;
const LINE_HEIGHT = 17;
const PAD = 16;

const KEY_FONT = 12;
const KEY_ROW = 18;
/** DejaVu Sans averages about 0.58 em a character in these labels */
const keyLabelWidth = (label: string): number => label.length * KEY_FONT * 0.58;

function swatchSvg(sw: Swatch, x: number, y: number, pattern: (colour: string) => string): string {
  const box = `x="${x}" y="${y}" width="${SWATCH_W}" height="${SWATCH_H}"`;
  if (sw.pale) {
    const c = clean(sw.pale);
    return `<rect ${box} fill="${c}" fill-opacity="0.3"/><rect x="${x}" y="${y}" width="${SWATCH_W}" height="2" fill="${c}"/><rect x="${x}" y="${y + SWATCH_H - 2}" width="${SWATCH_W}" height="2" fill="${c}"/>`;
  }
  if (sw.stripes) return `<rect ${box} fill="url(#${pattern(sw.stripes)})"/>`;
  if (sw.bar) return `<rect x="${x}" y="${y}" width="${SWATCH_W}" height="4" fill="${clean(sw.bar)}"/>`;
  if (sw.half) return `<rect x="${x}" y="${y}" width="${SWATCH_W / 2}" height="${SWATCH_H}" fill="${clean(sw.half)}"/><rect ${box} fill="none" stroke="${clean(sw.outline ?? sw.half)}"/>`;
  if (sw.fill) return `<rect ${box} fill="${clean(sw.fill)}"/>`;
  return `<rect ${box} fill="none" stroke="${clean(sw.outline ?? '#888')}"/>`;
}

/** Breaks a key line at its " · " so it fits the picture's width. */
function wrapKey(text: string, width: number): string[] {
  const out: string[] = [];
  for (const part of text.split(' · ')) {
    const last = out.length ? `${out[out.length - 1]} · ${part}` : part;
    if (out.length && keyLabelWidth(last) <= width) out[out.length - 1] = last;
    else out.push(part);
  }
  return out;
}

/** The legend strip: the map's key, what the text colours mean, and how numbers are written. */
function legendSvg(d: SvgInput, top: number, width: number): { svg: string; height: number } {
  const { placed, height } = layoutKey(d.legend, width, keyLabelWidth, KEY_ROW);
  const patterns = new Map<string, string>();
  const pattern = (colour: string): string => {
    if (!patterns.has(colour)) patterns.set(colour, `stripes-${patterns.size}`);
    return patterns.get(colour)!;
  };
  const items = placed.map((it) => {
    const x = PAD + it.x;
    const y = top + it.y;
    return `${swatchSvg(it.swatch, x, y + 3, pattern)}<text x="${x + LABEL_OFFSET}" y="${y + 12}">${clean(it.label)}</text>`;
  });
  const defs = [...patterns].map(
    ([colour, id]) =>
      `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${clean(d.colours.bg)}"/><rect width="3" height="6" fill="${clean(colour)}"/></pattern>`,
  );
  const lines = [...wrapKey(MEANING_KEY, width), ...wrapKey(NUMBERS_KEY, width)];
  let y = top + height;
  const text = lines.map((l) => `<text x="${PAD}" y="${(y += KEY_ROW) - 4}">${clean(l)}</text>`).join('');
  const svg = `<g id="legend" font-family="${clean(FONT)}" font-size="${KEY_FONT}" fill="${clean(d.colours.fg)}"><title>Legend</title>${defs.length ? `<defs>${defs.join('')}</defs>` : ''}${items.join('')}${text}</g>`;
  return { svg, height: y - top + 6 };
}

export function buildSvg(d: SvgInput): string {
  const lines = d.iomemText.replace(/\n$/, '').split('\n');
  const before = d.previousIomemText === null ? null : new Set(d.previousIomemText.split('\n'));
  const longest = lines.reduce((n, l) => Math.max(n, l.length), 0);
  const pictureWidth = d.picture?.width ?? 0;
  const width = Math.ceil(Math.max(pictureWidth + 2 * PAD, 2 * PAD + 16 + longest * CHAR_WIDTH, 640));
  let y = PAD;
  const body: string[] = [];
  const { bg, fg, muted, accent } = d.colours;

  body.push(`<rect width="100%" height="100%" fill="${clean(bg)}"/>`);
  y += 18;
  body.push(
    `<a href="${clean(d.link)}" target="_blank"><text x="${PAD}" y="${y}" font-family="${clean(FONT)}" font-size="18" font-weight="bold" fill="${clean(accent)}" text-decoration="underline">${clean(d.heading)}</text></a>`,
  );
  y += 20;
  body.push(`<text x="${PAD}" y="${y}" font-family="${clean(FONT)}" font-size="13" fill="${clean(muted)}">${clean(d.subheading)}</text>`);
  y += 12;
  if (d.picture) {
    body.push(
      `<image x="${PAD}" y="${y}" width="${d.picture.width}" height="${d.picture.height}" href="${clean(d.picture.dataUrl)}"><title>PFN map: the physical address space at this step</title></image>`,
    );
    y += d.picture.height + 12;
  }
  const key = legendSvg(d, y, width - 2 * PAD);
  body.push(key.svg);
  y += key.height;
  y += 16;
  const marked = before ? ' (lines new at this step are marked +)' : '';
  body.push(`<text x="${PAD}" y="${y}" font-family="${clean(FONT)}" font-size="14" font-weight="bold" fill="${clean(fg)}">/proc/iomem${clean(marked)}</text>`);
  y += 8;
  const textLines = lines.map((line) => {
    y += LINE_HEIGHT;
    const indent = line.length - line.trimStart().length;
    const isNew = before !== null && !before.has(line);
    const mark = isNew ? `<text x="${PAD}" y="${y}" fill="${clean(accent)}">+</text>` : '';
    return `${mark}<text x="${(PAD + 16 + indent * CHAR_WIDTH).toFixed(2)}" y="${y}" fill="${clean(isNew ? accent : fg)}">${clean(line.trimStart())}</text>`;
  });
  body.push(`<g id="iomem-text" font-family="${clean(MONO)}" font-size="${MONO_SIZE}">${textLines.join('')}</g>`);
  y += PAD;
  const height = Math.ceil(y);

  const desc = `${d.subheading}. Reopen it in Hotplug Explorer: ${d.link}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc">`,
    `<title id="title">${clean(d.heading)}</title>`,
    `<desc id="desc">${clean(desc)}</desc>`,
    `<metadata id="${SVG_LINK_ID}">${clean(d.link)}</metadata>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
