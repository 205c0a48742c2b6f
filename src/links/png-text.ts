/**
 * PNG text chunks (PNG spec §11.3.4.3, tEXt): how an exported image carries the scenario link
 * so that it can be reopened. Pure byte work, no DOM: a tEXt chunk is
 *   length (4, big-endian) · "tEXt" · keyword (1-79 Latin-1) · NUL · text (Latin-1) · CRC32
 * and the CRC covers the type and the data. New chunks go just before IEND, where the spec
 * allows ancillary chunks and every decoder looks.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 as PNG (and zlib) compute it: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface PngChunk {
  type: string;
  /** offset of the chunk's length field in the file */
  offset: number;
  data: Uint8Array;
  crc: number;
  crcOk: boolean;
}

const readU32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

const typeOf = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** The chunks of a PNG in file order; throws on a file that is not a PNG or is cut short. */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new Error('not a PNG file (the first 8 bytes are not the PNG signature)');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new Error(`the PNG is cut short: a chunk header at byte ${at} runs past the end`);
    const length = readU32(png, at);
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`the PNG is cut short: chunk "${typeOf(png, at + 4)}" at byte ${at} runs past the end`);
    const type = typeOf(png, at + 4);
    const crc = readU32(png, at + 8 + length);
    chunks.push({ type, offset: at, data: png.subarray(at + 8, at + 8 + length), crc, crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === crc });
    at = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function latin1Bytes(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`${what} must be Latin-1 text: character ${JSON.stringify(text[i])} at ${i} is not`);
    out[i] = c;
  }
  return out;
}

/** One complete tEXt chunk (length, type, data, CRC). */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (keyword.length < 1 || keyword.length > 79) throw new Error('a PNG tEXt keyword is 1 to 79 characters long');
  if (/^ | $| {2}|[^\x20-\x7e\xa1-\xff]/.test(keyword)) {
    throw new Error('a PNG tEXt keyword is printable Latin-1 without leading, trailing or double spaces');
  }
  const key = latin1Bytes(keyword, 'a PNG tEXt keyword');
  const body = latin1Bytes(text, 'PNG tEXt text');
  if (body.includes(0)) throw new Error('PNG tEXt text must not contain NUL');
  const length = key.length + 1 + body.length;
  const chunk = new Uint8Array(12 + length);
  writeU32(chunk, 0, length);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
  chunk.set(key, 8);
  chunk[8 + key.length] = 0;
  chunk.set(body, 9 + key.length);
  writeU32(chunk, 8 + length, crc32(chunk.subarray(4, 8 + length)));
  return chunk;
}

/** A copy of the PNG with tEXt chunks (keyword → text, in order) inserted just before IEND. */
export function insertPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const iend = readPngChunks(png).find((c) => c.type === 'IEND');
  if (!iend) throw new Error('the PNG has no IEND chunk');
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  const added = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + added);
  out.set(png.subarray(0, iend.offset), 0);
  let at = iend.offset;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(iend.offset), at);
  return out;
}

/** Every tEXt chunk whose CRC checks out, keyword → text (the first of a repeated keyword wins). */
export function readPngText(png: Uint8Array): Map<string, string> {
  const found = new Map<string, string>();
  for (const c of readPngChunks(png)) {
    if (c.type !== 'tEXt' || !c.crcOk) continue;
    const nul = c.data.indexOf(0);
    // a keyword is 1 to 79 bytes (PNG spec 11.3.4.3); anything else is not a tEXt chunk we can read
    if (nul < 1 || nul > 79) continue;
    const keyword = String.fromCharCode(...c.data.subarray(0, nul));
    if (found.has(keyword)) continue;
    let text = '';
    for (const b of c.data.subarray(nul + 1)) text += String.fromCharCode(b);
    found.set(keyword, text);
  }
  return found;
}
