/**
 * The kept inputs that mutations start from: every scenario file under test-scenarios/
 * (good and bad), the frozen share links, and an exported PNG and SVG carrying one of them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { crc32, escapeXml, insertPngText, PNG_LINK_KEYWORD, SVG_LINK_ID } from '../index';

export interface Seeds {
  scenarios: { name: string; text: string }[];
  links: string[];
  png: Uint8Array;
  svg: string;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A 1x1 PNG: the link readers look at chunks, never at pixels. */
function pngWith(link: string): Uint8Array {
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return insertPngText(png, { [PNG_LINK_KEYWORD]: link });
}

export function loadSeeds(root: string): Seeds {
  const dir = path.join(root, 'test-scenarios');
  const scenarios: Seeds['scenarios'] = [];
  for (const sub of ['', 'notes', 'bad']) {
    for (const f of readdirSync(path.join(dir, sub)).filter((n) => n.endsWith('.json')).sort()) {
      scenarios.push({ name: path.join(sub, f), text: readFileSync(path.join(dir, sub, f), 'utf8') });
    }
  }
  const links = readFileSync(path.join(dir, 'links', 'v1.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t')[1]!);
  const link = `http://localhost:4173/${links[0]!}`;
  const svg = `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><metadata id="${SVG_LINK_ID}">${escapeXml(link)}</metadata><a xlink:href="${escapeXml(link)}"><rect width="10" height="10"/></a></svg>\n`;
  return { scenarios, links, png: pngWith(link), svg };
}
