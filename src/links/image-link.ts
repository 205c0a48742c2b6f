/**
 * Exported images carry the share link that made them. Reading it back is the whole of
 * "open an exported image": the link's fragment is the app's own address-bar state.
 */
import { decodeLink } from './share-link';
import { readPngText } from './png-text';
import { readSvgLink } from './svg-link';

/** The tEXt keyword of the link in an exported PNG. */
export const PNG_LINK_KEYWORD = 'hotplug-explorer-link';

export type ImageLinkRead = { ok: true; link: string; fragment: string; kernel: string; step: number; title: string } | { ok: false; error: string };

/** An absolute link from the app's fragment and where the page is served. */
export function absoluteLink(fragment: string, where: { origin: string; pathname: string }): string {
  return `${where.origin}${where.pathname}${fragment}`;
}

/** The part of a link the app reads: from "#" on. */
export function fragmentOf(link: string): string | null {
  const at = link.indexOf('#');
  return at < 0 ? null : link.slice(at);
}

function checked(link: string | null | undefined, what: string): ImageLinkRead {
  if (!link) {
    return {
      ok: false,
      error: `${what} holds no Hotplug Explorer link: it was not exported by Hotplug Explorer, or a program that edited it dropped the link.`,
    };
  }
  const fragment = fragmentOf(link);
  if (!fragment) return { ok: false, error: `The link in ${what} has no "#" part, so it names no scenario: ${link.slice(0, 120)}` };
  const read = decodeLink(fragment);
  if (read.ok === 'empty') return { ok: false, error: `The link in ${what} is empty.` };
  if (read.ok === false) return { ok: false, error: `The link in ${what} cannot be opened: ${read.error}` };
  return { ok: true, link, fragment, kernel: read.state.kernel, step: read.state.step, title: read.state.scenario.title };
}

export function linkFromPng(bytes: Uint8Array, name: string): ImageLinkRead {
  let texts: Map<string, string>;
  try {
    texts = readPngText(bytes);
  } catch (e) {
    return { ok: false, error: `${name} cannot be read as a PNG: ${(e as Error).message}.` };
  }
  return checked(texts.get(PNG_LINK_KEYWORD), name);
}

export function linkFromSvg(text: string, name: string): ImageLinkRead {
  if (!/<svg\b/i.test(text)) return { ok: false, error: `${name} is not an SVG image (it has no <svg> element).` };
  return checked(readSvgLink(text), name);
}
