import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, insertPngText, isPng, readPngChunks, readPngText, textChunk } from './png-text';

const ascii = (s: string) => new TextEncoder().encode(s);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, zlibCrc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A valid 2x1 RGB PNG made with zlib, independent of the code under test. */
function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 2);
  v.setUint32(4, 1);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const raw = new Uint8Array([0, 255, 0, 0, 0, 0, 255]); // filter byte, red, blue
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const LINK = 'http://localhost:4173/#v=1&k=rfc-v1&n=6&s=N4IgLglmA2CmIC4DaIB2BDAtrEAaE6A5iAILoDGAFgPZgDO4AtmgC5oAOsAdAI4Cu';

describe('crc32', () => {
  it('gives the published check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('agrees with zlib on any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  });
});

describe('tEXt chunks', () => {
  it('inserts the link before IEND with a correct CRC and reads it back', () => {
    const png = tinyPng();
    const out = insertPngText(png, { 'hotplug-explorer-link': LINK, Software: 'Hotplug Explorer' });
    expect(isPng(out)).toBe(true);
    const chunks = readPngChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'tEXt', 'IEND']);
    // every CRC checked against zlib's, not our own
    for (const c of chunks) expect(zlibCrc32(out.subarray(c.offset + 4, c.offset + 8 + c.data.length))).toBe(c.crc);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(readPngText(out)).toEqual(new Map([['hotplug-explorer-link', LINK], ['Software', 'Hotplug Explorer']]));
    // the picture itself is untouched
    const idat = chunks.find((c) => c.type === 'IDAT')!;
    expect(Array.from(inflateSync(idat.data))).toEqual([0, 255, 0, 0, 0, 0, 255]);
    expect(out.subarray(0, png.length - 12)).toEqual(png.subarray(0, png.length - 12));
    expect(out.subarray(out.length - 12)).toEqual(png.subarray(png.length - 12));
  });

  it('lays a chunk out as the PNG spec says', () => {
    const c = textChunk('Title', 'Zoné');
    expect(Array.from(c.subarray(0, 4))).toEqual([0, 0, 0, 10]);
    expect(new TextDecoder('latin1').decode(c.subarray(4, 18))).toBe('tEXtTitle\0Zoné');
    expect(c[17]).toBe(0xe9); // é as one Latin-1 byte
    expect(new DataView(c.buffer).getUint32(18)).toBe(zlibCrc32(c.subarray(4, 18)));
  });

  it('round-trips any Latin-1 text', () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((n) => String.fromCharCode(n)), maxLength: 200 });
    fc.assert(
      fc.property(latin1, (text) => {
        return readPngText(insertPngText(tinyPng(), { 'hotplug-explorer-link': text })).get('hotplug-explorer-link') === text;
      }),
    );
  });

  it('skips a chunk whose keyword is longer than the 79 bytes a keyword may have', () => {
    const long = textChunk('k', 'v');
    // the same chunk with a 100 000-byte keyword: reading it used to spread it into one call
    const data = new Uint8Array(100_001 + 1);
    data.fill(0x6b, 0, 100_001);
    const png = tinyPng();
    const iend = readPngChunks(png).find((c) => c.type === 'IEND')!.offset;
    const bad = chunk('tEXt', data);
    const out = new Uint8Array(png.length + bad.length + long.length);
    out.set(png.subarray(0, iend));
    out.set(bad, iend);
    out.set(long, iend + bad.length);
    out.set(png.subarray(iend), iend + bad.length + long.length);
    expect(readPngText(out)).toEqual(new Map([['k', 'v']]));
  });

  it('skips a chunk whose CRC does not check out', () => {
    const out = insertPngText(tinyPng(), { 'hotplug-explorer-link': LINK });
    const at = readPngChunks(out).find((c) => c.type === 'tEXt')!.offset;
    out[at + 30] = out[at + 30]! ^ 1;
    expect(readPngText(out).has('hotplug-explorer-link')).toBe(false);
  });

  it('refuses what a tEXt chunk cannot hold, and files that are not PNGs', () => {
    expect(() => textChunk('hotplug-explorer-link', 'α')).toThrow(/Latin-1/);
    expect(() => textChunk('', 'x')).toThrow(/1 to 79/);
    expect(() => textChunk('x'.repeat(80), 'x')).toThrow(/1 to 79/);
    expect(() => textChunk(' lead', 'x')).toThrow(/printable/);
    expect(() => textChunk('k', 'a\0b')).toThrow(/NUL/);
    expect(() => readPngChunks(ascii('GIF89a......'))).toThrow(/not a PNG/);
    expect(() => readPngChunks(tinyPng().subarray(0, 40))).toThrow(/cut short/);
    expect(() => insertPngText(tinyPng().subarray(0, tinyPng().length - 12), { k: 'v' })).toThrow(/IEND/);
  });
});
