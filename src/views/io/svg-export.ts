/**
 * The SVG export: one self-contained document with the PFN map picture (a PNG as a data URL),
 * the /proc/iomem text of the step as real <text> (searchable, selectable, copyable), and the
 * share link in four places a person or a program may look: <title>/<desc>, <metadata>, and
 * an <a href> around the heading. Pure string work, so it is tested without a browser.
 */

import { SVG_LINK_ID, escapeXml } from '../../links/svg-link';

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
  body.push(`<g font-family="${clean(MONO)}" font-size="${MONO_SIZE}">${textLines.join('')}</g>`);
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
