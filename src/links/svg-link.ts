/**
 * The share link an exported SVG carries (in its <metadata>, and in an <a href> around the
 * heading), and the XML escaping both ends of it need. Pure string work.
 */

export const SVG_LINK_ID = 'hotplug-explorer-link';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A character reference beyond Unicode (&#99999999;) is not a character: it stays as written. */
function fromCodePoint(code: number, whole: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (whole, name: string, dec?: string, hex?: string) => {
    if (dec) return fromCodePoint(Number(dec), whole);
    if (hex) return fromCodePoint(parseInt(hex, 16), whole);
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name.toLowerCase()] ?? whole;
  });
}

/**
 * The link an exported SVG carries: the <metadata> element first; failing that (an editor may
 * drop metadata), the first link that looks like ours (a fragment with v= and s=).
 */
export function readSvgLink(svg: string): string | null {
  const meta = new RegExp(`<metadata\\b[^>]*\\bid=["']${SVG_LINK_ID}["'][^>]*>([^<]*)</metadata>`, 'i').exec(svg);
  const fromMeta = meta ? unescapeXml(meta[1]!).trim() : '';
  if (fromMeta) return fromMeta;
  for (const m of svg.matchAll(/\b(?:xlink:)?href=(["'])(.*?)\1/gi)) {
    const href = unescapeXml(m[2]!);
    if (/#(?:[^#]*&)?v=\d+&/.test(href) && /[#&]s=/.test(href)) return href;
  }
  return null;
}
